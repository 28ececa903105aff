// What a deleted member leaves in courses (the "Account deletion" table in docs/architecture.md): their
// enrollments, homework submissions, projects, the reviews of their project and their certificates go; reviews
// they wrote for others stay (the author's outcome counts them) without their uid. Their enrollments first leave
// the leaderboards (hidden, name blanked, boards rebuilt) and are deleted last, so a crash in between leaves
// nothing public and a retry finds the rest. The collection-group queries need the field overrides in
// firestore.indexes.json.
import type { Firestore, Query, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { COURSE_ENROLLMENTS } from '../shared/courses';
import { HOMEWORK_SUBMISSIONS } from '../shared/course-homework';
import {
  CERTIFICATES,
  COURSE_CERTIFICATE_OWNERS,
  COURSE_PROJECTS,
  COURSE_REVIEWS,
  type CertificateOwner,
} from '../shared/course-projects';
import { rebuildLeaderboards } from './projects/leaderboard-store';

/** The uid left on a review a deleted member wrote. */
export const DELETED_REVIEWER = 'deleted';

export async function eraseCourseData(
  deps: { db: Firestore; now: () => Date },
  uid: string,
  /** Every document of a query, a page at a time. */
  each: (query: Query) => AsyncGenerator<QueryDocumentSnapshot[]>,
): Promise<Record<string, number>> {
  const { db } = deps;
  const counts: Record<string, number> = {};
  const count = (what: string, n: number) => (counts[what] = (counts[what] ?? 0) + n);
  const enrollments = db.collectionGroup(COURSE_ENROLLMENTS).where('uid', '==', uid);

  const courses = new Set<string>();
  for await (const docs of each(enrollments)) {
    const batch = db.batch();
    for (const doc of docs) {
      courses.add(doc.ref.parent.parent!.id);
      batch.update(doc.ref, { showOnLeaderboard: false, displayName: '', updatedAt: deps.now() });
    }
    await batch.commit();
  }
  for (const courseId of courses) await rebuildLeaderboards(deps, courseId);

  for await (const docs of each(db.collectionGroup(COURSE_CERTIFICATE_OWNERS).where('uid', '==', uid))) {
    for (const owner of docs) {
      const batch = db.batch();
      batch.delete(db.collection(CERTIFICATES).doc((owner.data() as CertificateOwner).certificateId));
      batch.delete(owner.ref);
      await batch.commit();
      count('certificates', 1);
    }
  }
  const deletions: Array<[string, Query]> = [
    ['homework submissions', db.collectionGroup(HOMEWORK_SUBMISSIONS).where('uid', '==', uid)],
    ['projects', db.collectionGroup(COURSE_PROJECTS).where('uid', '==', uid)],
    ['reviews of their project', db.collectionGroup(COURSE_REVIEWS).where('authorUid', '==', uid)],
    ['enrollments', enrollments],
  ];
  for (const [what, query] of deletions) {
    for await (const docs of each(query)) {
      const batch = db.batch();
      for (const doc of docs) batch.delete(doc.ref);
      await batch.commit();
      count(what, docs.length);
    }
  }
  for await (const docs of each(db.collectionGroup(COURSE_REVIEWS).where('reviewerUid', '==', uid))) {
    const batch = db.batch();
    for (const doc of docs) batch.update(doc.ref, { reviewerUid: DELETED_REVIEWER });
    await batch.commit();
    count('reviews they wrote (anonymised)', docs.length);
  }
  return counts;
}

// Leaderboards: rebuilt from the enrollments when they changed (the job) or at once when a member changes their
// display name or opts out (privacy cannot wait for the job). A rebuild reads the course's enrollments once and
// writes only the boards whose rows changed, so writes stay bounded by the number of cohorts + 1.
import type { DocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import { leaderboardsOf } from '../../domain/course-leaderboard';
import { Refusal } from '../../domain/refusal';
import { COURSES, type CourseEnrollment } from '../../shared/courses';
import { ALL_COHORTS, type Leaderboard } from '../../shared/course-projects';
import { courseRefs, type CourseDeps } from '../course-refs';
import { dateOf } from '../../app/firebase';

const FIELDS = ['cohortId', 'displayName', 'showOnLeaderboard', 'points'] as const;

/** Rebuilds the course's boards; answers how many documents it wrote. */
export async function rebuildLeaderboards(deps: CourseDeps, courseId: string): Promise<number> {
  const { db } = deps;
  const refs = courseRefs(db, courseId);
  const now = deps.now();
  const [enrollments, stored] = await Promise.all([refs.enrollments.select(...FIELDS).get(), refs.leaderboards.get()]);
  const boards = leaderboardsOf(
    enrollments.docs.map((d) => d.data() as Pick<CourseEnrollment, (typeof FIELDS)[number]>),
  );
  const before = new Map(stored.docs.map((d) => [d.id, d.data() as Leaderboard<Timestamp>]));
  const batch = db.batch();
  let writes = 0;
  for (const [id, board] of Object.entries(boards)) {
    const old = before.get(id);
    // `all` is always stamped: its updatedAt is what the job compares enrollments with.
    if (
      id !== ALL_COHORTS &&
      old &&
      old.shown === board.shown &&
      JSON.stringify(old.rows) === JSON.stringify(board.rows)
    )
      continue;
    const doc: Leaderboard<Date> = { ...board, updatedAt: now };
    batch.set(refs.leaderboards.doc(id), doc);
    writes++;
  }
  await batch.commit();
  return writes;
}

/** The job: every published course whose enrollments changed since its `all` board was built. */
export async function refreshLeaderboards(deps: CourseDeps): Promise<string[]> {
  const { db } = deps;
  const rebuilt: string[] = [];
  const courses = await db.collection(COURSES).where('status', '==', 'published').select().get();
  for (const course of courses.docs) {
    const refs = courseRefs(db, course.id);
    const all = (await refs.leaderboards.doc(ALL_COHORTS).get()).data() as Leaderboard<Timestamp> | undefined;
    const changed = all
      ? !(await refs.enrollments.where('updatedAt', '>', dateOf(all.updatedAt)).limit(1).select().get()).empty
      : !(await refs.enrollments.limit(1).select().get()).empty;
    if (!changed) continue;
    await rebuildLeaderboards(deps, course.id);
    rebuilt.push(course.id);
  }
  return rebuilt;
}

/** The member's public name and whether they appear; their boards are rebuilt at once. */
export async function setLeaderboardProfile(
  deps: CourseDeps,
  courseId: string,
  uid: string,
  profile: { displayName: string; showOnLeaderboard: boolean },
): Promise<void> {
  const { db } = deps;
  const refs = courseRefs(db, courseId);
  const ref = refs.enrollment(uid);
  await db.runTransaction(async (tx) => {
    const [course, snap] = (await tx.getAll(refs.course, ref)) as [DocumentSnapshot, DocumentSnapshot];
    if (!course.exists) throw new Refusal('not-found', 'No such course');
    if (!snap.exists) throw new Refusal('failed-precondition', 'Enroll in the course first');
    tx.update(ref, { ...profile, updatedAt: deps.now() });
  });
  await rebuildLeaderboards(deps, courseId);
}

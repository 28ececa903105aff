// A member's project submission and their reviews of others: each one transaction, refused with a reason.
import type { DocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import { reviewScoresProblem } from '../../domain/course-review';
import { Refusal } from '../../domain/refusal';
import type { AccessClaims } from '../../shared/access';
import type { CourseCohort, ProjectSpec } from '../../shared/courses';
import { reviewId, type CourseProject, type ProjectReview } from '../../shared/course-projects';
import { courseRefs, memberCourse, memberEnrollment, projectDeadline, type CourseDeps } from '../course-refs';
import { dateOf } from '../../app/firebase';

function projectOf(spec: ProjectSpec | null): ProjectSpec {
  if (!spec) throw new Refusal('failed-precondition', 'This course has no project');
  return spec;
}

/**
 * Submits (or, before the deadline, replaces) the member's project: a repository pinned to a commit. Projects are
 * reviewed by peers of the same cohort, so a self-paced member, or a cohort without a `project` deadline, is refused.
 */
export async function submitProject(
  deps: CourseDeps,
  courseId: string,
  uid: string,
  claims: AccessClaims,
  submission: { repoUrl: string; commit: string },
): Promise<{ deadline: string }> {
  const { db } = deps;
  const refs = courseRefs(db, courseId);
  return db.runTransaction(async (tx) => {
    const now = deps.now();
    projectOf((await memberCourse(tx, db, courseId, claims)).project);
    const enrollment = await memberEnrollment(tx, db, courseId, uid);
    if (!enrollment.cohortId)
      throw new Refusal('failed-precondition', 'Projects are reviewed by peers of a cohort: join a cohort first');
    const [cohortSnap, existing] = (await tx.getAll(refs.cohort(enrollment.cohortId), refs.project(uid))) as [
      DocumentSnapshot,
      DocumentSnapshot,
    ];
    const deadline = projectDeadline(cohortSnap.data() as CourseCohort<Timestamp> | undefined);
    if (!deadline) throw new Refusal('failed-precondition', 'Your cohort has no project deadline');
    if (now >= deadline) throw new Refusal('failed-precondition', 'The project deadline has passed');
    if (existing.exists) {
      tx.update(refs.project(uid), { ...submission, updatedAt: now });
    } else {
      const project: CourseProject<Date> = {
        uid,
        cohortId: enrollment.cohortId,
        ...submission,
        status: 'submitted',
        submittedAt: now,
        updatedAt: now,
        outcome: null,
        reviews: [],
      };
      tx.create(refs.project(uid), project);
    }
    return { deadline: deadline.toISOString() };
  });
}

/**
 * Scores the project the member was assigned to review: every criterion, each 0..maxPoints, and a comment;
 * editable until the review deadline. Anyone else gets `permission-denied`.
 */
export async function submitReview(
  deps: CourseDeps,
  courseId: string,
  reviewerUid: string,
  claims: AccessClaims,
  input: { authorUid: string; scores: Record<string, number>; comment: string },
): Promise<{ reviewDeadline: string }> {
  const { db } = deps;
  const ref = courseRefs(db, courseId).reviews.doc(reviewId(reviewerUid, input.authorUid));
  return db.runTransaction(async (tx) => {
    const now = deps.now();
    const spec = projectOf((await memberCourse(tx, db, courseId, claims)).project);
    const snap = await tx.get(ref);
    const review = snap.data() as ProjectReview<Timestamp> | undefined;
    if (!review || review.reviewerUid !== reviewerUid)
      throw new Refusal('permission-denied', 'You are not assigned to review this project');
    const deadline = dateOf(review.reviewDeadline);
    if (now >= deadline) throw new Refusal('failed-precondition', 'The review deadline has passed');
    const problem = reviewScoresProblem(input.scores, spec.criteria);
    if (problem) throw new Refusal('invalid-argument', problem);
    tx.update(ref, { scores: input.scores, comment: input.comment, submittedAt: now });
    return { reviewDeadline: deadline.toISOString() };
  });
}

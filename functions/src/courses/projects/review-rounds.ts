// The review round of each cohort, driven by a scheduled job: once the project deadline passes, every submitted
// project is assigned to peers; once the review deadline (deadline + REVIEW_DAYS) passes, outcomes are computed,
// authors get their (anonymous) reviews and the project points go into their enrollments. Every step is
// idempotent: the round document says how far a cohort got, review ids are deterministic, points are set, not added.
import type { Timestamp, WriteBatch } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { assignReviews, projectOutcome } from '../../domain/course-review';
import { COURSES, type CourseCohort, type CourseEnrollment, type CourseTeaser } from '../../shared/courses';
import {
  REVIEW_DAYS,
  reviewId,
  type CourseProject,
  type ProjectReview,
  type ProjectRound,
  type ReceivedReview,
} from '../../shared/course-projects';
import { setEnrollmentPoints } from '../enrollment-points';
import { courseRefs, projectDeadline, type CourseDeps } from '../course-refs';
import { dateOf } from '../../app/firebase';

const DAY_MS = 86_400_000;
/** Firestore's batch limit is 500 writes. */
const BATCH = 400;

export interface RoundsResult {
  assigned: string[];
  finalized: string[];
}

/** Every published course with a project, every cohort whose project deadline passed: assign or finalize. */
export async function runReviewRounds(deps: CourseDeps): Promise<RoundsResult> {
  const { db } = deps;
  const result: RoundsResult = { assigned: [], finalized: [] };
  const courses = await db.collection(COURSES).where('status', '==', 'published').get();
  for (const course of courses.docs) {
    const teaser = course.data() as CourseTeaser<Timestamp>;
    if (!teaser.project) continue;
    const refs = courseRefs(db, course.id);
    const cohorts = await refs.course.collection('cohorts').get();
    for (const cohort of cohorts.docs) {
      const deadline = projectDeadline(cohort.data() as CourseCohort<Timestamp>);
      const now = deps.now();
      if (!deadline || now < deadline) continue;
      const round = (await refs.round(cohort.id).get()).data() as ProjectRound<Timestamp> | undefined;
      const label = `${course.id}/${cohort.id}`;
      try {
        if (!round?.assignedAt) {
          await assignRound(deps, course.id, teaser, cohort.id, deadline);
          result.assigned.push(label);
        } else if (!round.finalizedAt && now >= dateOf(round.reviewDeadline)) {
          await finalizeRound(deps, course.id, teaser, cohort.id);
          result.finalized.push(label);
        }
      } catch (err) {
        // One cohort's failure must not stop the others; the next run tries it again.
        logger.warn(`review round ${label} failed`, err);
      }
    }
  }
  return result;
}

/** Assigns each submitted project of the cohort to peers (`assignReviews`); assignments already written stay. */
export async function assignRound(
  deps: CourseDeps,
  courseId: string,
  teaser: Pick<CourseTeaser, 'project'>,
  cohortId: string,
  deadline: Date,
): Promise<number> {
  const { db } = deps;
  const refs = courseRefs(db, courseId);
  const now = deps.now();
  const reviewDeadline = new Date(deadline.getTime() + REVIEW_DAYS * DAY_MS);
  const projects = await refs.projects.where('cohortId', '==', cohortId).get();
  const byUid = new Map(projects.docs.map((d) => [d.id, d.data() as CourseProject<Timestamp>]));
  const existing = new Set((await refs.reviews.where('cohortId', '==', cohortId).select().get()).docs.map((d) => d.id));
  const assignments = assignReviews([...byUid.keys()], teaser.project?.reviewsRequired ?? 0, `${courseId}/${cohortId}`);
  const writes: Array<(b: WriteBatch) => void> = [];
  for (const { reviewerUid, authorUid } of assignments) {
    const id = reviewId(reviewerUid, authorUid);
    if (existing.has(id)) continue;
    const project = byUid.get(authorUid)!;
    const review: ProjectReview<Date> = {
      reviewerUid,
      authorUid,
      cohortId,
      repoUrl: project.repoUrl,
      commit: project.commit,
      scores: null,
      comment: '',
      assignedAt: now,
      reviewDeadline,
      submittedAt: null,
    };
    writes.push((b) => b.set(refs.reviews.doc(id), review));
  }
  for (const uid of byUid.keys())
    writes.push((b) => b.update(refs.project(uid), { status: 'in-review', updatedAt: now }));
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = db.batch();
    for (const write of writes.slice(i, i + BATCH)) write(batch);
    await batch.commit();
  }
  const round: ProjectRound<Date> = { assignedAt: now, participants: byUid.size, reviewDeadline, finalizedAt: null };
  await refs.round(cohortId).set(round);
  return assignments.length;
}

/** Outcomes of every project of the cohort: the project's status, outcome and reviews, and the points. */
export async function finalizeRound(
  deps: CourseDeps,
  courseId: string,
  teaser: Pick<CourseTeaser, 'project'>,
  cohortId: string,
): Promise<void> {
  const { db } = deps;
  const spec = teaser.project;
  if (!spec) return;
  const refs = courseRefs(db, courseId);
  const reviews = (await refs.reviews.where('cohortId', '==', cohortId).get()).docs.map(
    (d) => d.data() as ProjectReview<Timestamp>,
  );
  const authors = (await refs.projects.where('cohortId', '==', cohortId).select().get()).docs.map((d) => d.id);
  for (const uid of authors) {
    const received = reviews.filter((r) => r.authorUid === uid);
    const assigned = reviews.filter((r) => r.reviewerUid === uid);
    const outcome = projectOutcome(received, spec, assigned.filter((r) => r.scores !== null).length, assigned.length);
    const shown: ReceivedReview[] = received
      .filter((r) => r.scores !== null)
      .map((r) => ({
        scores: r.scores!,
        total: Object.values(r.scores!).reduce((a, b) => a + b, 0),
        comment: r.comment,
      }));
    await db.runTransaction(async (tx) => {
      const enrollmentSnap = await tx.get(refs.enrollment(uid));
      const now = deps.now();
      tx.update(refs.project(uid), {
        status: outcome.passed ? 'passed' : 'failed',
        outcome,
        reviews: shown,
        updatedAt: now,
      });
      // A member who left the course keeps the outcome on the project, with no enrollment to score.
      if (enrollmentSnap.exists) {
        const enrollment = enrollmentSnap.data() as CourseEnrollment;
        setEnrollmentPoints(tx, refs.enrollment(uid), enrollment, 'project', outcome.points, now);
      }
    });
  }
  await refs.round(cohortId).update({ finalizedAt: deps.now() });
}

// Enrolling in a course: in a cohort (published, inside its enrollment window, with a seat) or self-paced. The
// cohort's `enrolled` counter moves in the same transaction as the enrollment, so two members racing for the
// last seat get one seat and one "full".
import type { Firestore } from 'firebase-admin/firestore';
import { cohortRefusal } from '../../domain/course-progress';
import { Refusal } from '../../domain/refusal';
import { readerRank, tierNeeded, type AccessClaims } from '../../shared/access';
import type { EnrollInCourseRequest, EnrollmentAnswer } from '../../shared/course-learning';
import type { CourseCohort, CourseEnrollment, CourseTeaser } from '../../shared/courses';
import { MEMBERS, type MemberDoc } from '../../shared/members';
import type { TiersConfig } from '../../shared/tiers';
import { cohortOf, courseRefs, enrollmentOf } from '../course-refs';

export interface LearningDeps {
  db: Firestore;
  now: () => Date;
}

/** Why this reader may not take the course, naming the plan to upgrade to (as event registration does). */
export function courseUpgradeMessage(tiers: TiersConfig, rank: number): string {
  const tier = tierNeeded(tiers, { rank });
  return tier
    ? `This course is for ${tier.name} members and up: upgrade to ${tier.name} to join`
    : 'This course is not open to any plan';
}

const answerOf = (e: Pick<CourseEnrollment<Date>, 'cohortId' | 'startsAt'>): EnrollmentAnswer => ({
  cohortId: e.cohortId,
  startsAt: e.startsAt.toISOString(),
});

/**
 * Enrolls the member. Self-paced (`cohortId: null`) is always offered, beside any cohort: drip then counts from
 * the enrollment. Enrolling again the same way answers the enrollment there is (a double click); another way
 * (a cohort after self-paced) is refused: one enrollment per member and course.
 */
export async function enrollInCourse(
  deps: LearningDeps,
  req: EnrollInCourseRequest,
  uid: string,
  claims: AccessClaims,
  tiers: TiersConfig,
): Promise<EnrollmentAnswer> {
  const { db } = deps;
  const refs = courseRefs(db, req.courseId);
  return db.runTransaction(async (tx) => {
    const now = deps.now();
    const [teaserSnap, existingSnap, memberSnap] = await tx.getAll(
      refs.course,
      refs.enrollment(uid),
      db.collection(MEMBERS).doc(uid),
    );
    const teaser = teaserSnap?.data() as CourseTeaser | undefined;
    if (!teaser || teaser.status !== 'published') throw new Refusal('not-found', 'No such course');
    if (readerRank(claims) < teaser.rank)
      throw new Refusal('permission-denied', courseUpgradeMessage(tiers, teaser.rank));
    if (existingSnap?.exists) {
      const existing = enrollmentOf(existingSnap.data() as CourseEnrollment<unknown>);
      if (existing.cohortId === req.cohortId) return answerOf(existing);
      throw new Refusal(
        'failed-precondition',
        existing.cohortId === null
          ? 'You are already taking this course self-paced'
          : 'You are already enrolled in another cohort of this course',
      );
    }
    let startsAt = now;
    let cohortUpdate: (() => void) | null = null;
    if (req.cohortId !== null) {
      const cohortRef = refs.cohort(req.cohortId);
      const cohortSnap = await tx.get(cohortRef);
      if (!cohortSnap.exists) throw new Refusal('not-found', 'No such cohort');
      const cohort = cohortOf(cohortSnap.data() as CourseCohort<unknown>);
      const refusal = cohortRefusal(cohort, now);
      if (refusal) throw new Refusal('failed-precondition', refusal);
      startsAt = cohort.startAt;
      cohortUpdate = () => tx.update(cohortRef, { enrolled: cohort.enrolled + 1 });
    }
    const member = memberSnap?.data() as MemberDoc | undefined;
    if (!member) throw new Refusal('failed-precondition', 'Your account is still being set up: try again in a moment');
    const enrollment: CourseEnrollment<Date> = {
      uid,
      cohortId: req.cohortId,
      enrolledAt: now,
      startsAt,
      completedUnits: [],
      lastUnitId: null,
      displayName: member.name,
      showOnLeaderboard: true,
      points: { homework: 0, links: 0, project: 0, total: 0 },
      updatedAt: now,
    };
    tx.create(refs.enrollment(uid), enrollment);
    cohortUpdate?.();
    return answerOf(enrollment);
  });
}

// One course's documents by path, stored instants as Dates, and the checks a member passes before acting on a
// course (published, their rank, enrolled): shared by learning, cohorts, projects, certificates and media access.
import { Timestamp, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { dateOf } from '../app/firebase';
import { Refusal } from '../domain/refusal';
import { readerRank, type AccessClaims } from '../shared/access';
import {
  COURSE_COHORTS,
  COURSE_ENROLLMENTS,
  COURSE_UNITS,
  COURSES,
  type CourseCohort,
  type CourseEnrollment,
  type CourseTeaser,
} from '../shared/courses';
import {
  COURSE_CERTIFICATE_OWNERS,
  COURSE_LEADERBOARDS,
  COURSE_PROJECT_ROUNDS,
  COURSE_PROJECTS,
  COURSE_REVIEWS,
} from '../shared/course-projects';

export interface CourseDeps {
  db: Firestore;
  now: () => Date;
}

export function courseRefs(db: Firestore, courseId: string) {
  const course = db.collection(COURSES).doc(courseId);
  return {
    course,
    unit: (unitId: string) => course.collection(COURSE_UNITS).doc(unitId),
    cohort: (id: string) => course.collection(COURSE_COHORTS).doc(id),
    cohorts: course.collection(COURSE_COHORTS),
    enrollments: course.collection(COURSE_ENROLLMENTS),
    enrollment: (uid: string) => course.collection(COURSE_ENROLLMENTS).doc(uid),
    projects: course.collection(COURSE_PROJECTS),
    project: (uid: string) => course.collection(COURSE_PROJECTS).doc(uid),
    reviews: course.collection(COURSE_REVIEWS),
    round: (cohortId: string) => course.collection(COURSE_PROJECT_ROUNDS).doc(cohortId),
    leaderboards: course.collection(COURSE_LEADERBOARDS),
    owners: course.collection(COURSE_CERTIFICATE_OWNERS),
  };
}

/** The published course a member acts on, refusing an unknown or archived course and a rank below it. */
export async function memberCourse(
  tx: Transaction,
  db: Firestore,
  courseId: string,
  claims: AccessClaims,
): Promise<CourseTeaser<Timestamp>> {
  const snap = await tx.get(courseRefs(db, courseId).course);
  const teaser = snap.data() as CourseTeaser<Timestamp> | undefined;
  if (!teaser || teaser.status !== 'published') throw new Refusal('not-found', 'No such course');
  if (readerRank(claims) < teaser.rank) throw new Refusal('permission-denied', 'Your plan does not open this course');
  return teaser;
}

/** The member's enrollment, refusing when there is none. */
export async function memberEnrollment(
  tx: Transaction,
  db: Firestore,
  courseId: string,
  uid: string,
): Promise<CourseEnrollment<Timestamp>> {
  const snap = await tx.get(courseRefs(db, courseId).enrollment(uid));
  if (!snap.exists) throw new Refusal('failed-precondition', 'Enroll in the course first');
  return snap.data() as CourseEnrollment<Timestamp>;
}

/** The project deadline of a cohort, or null when it has none. */
export function projectDeadline(cohort: CourseCohort<Timestamp> | undefined): Date | null {
  const at = cohort?.deadlines?.project;
  return at ? dateOf(at) : null;
}

/** A stored cohort with its instants as Dates. */
export function cohortOf(data: CourseCohort<unknown>): CourseCohort<Date> {
  return {
    ...data,
    enrollmentOpensAt: dateOf(data.enrollmentOpensAt),
    enrollmentClosesAt: dateOf(data.enrollmentClosesAt),
    startAt: dateOf(data.startAt),
    endAt: dateOf(data.endAt),
    deadlines: Object.fromEntries(Object.entries(data.deadlines).map(([id, at]) => [id, dateOf(at)])),
    updatedAt: dateOf(data.updatedAt),
  };
}

/** A stored enrollment with its instants as Dates. */
export function enrollmentOf(data: CourseEnrollment<unknown>): CourseEnrollment<Date> {
  return {
    ...data,
    enrolledAt: dateOf(data.enrolledAt),
    startsAt: dateOf(data.startsAt),
    updatedAt: dateOf(data.updatedAt),
  };
}

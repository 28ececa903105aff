import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import {
  COURSES,
  COURSE_COHORTS,
  COURSE_ENROLLMENTS,
  COURSE_UNITS,
  type CourseCohort,
  type CourseEnrollment,
} from '../../shared/courses';

/** The references of one course's documents the learning code reads and writes. */
export function courseRefs(db: Firestore, courseId: string) {
  const teaser = db.collection(COURSES).doc(courseId);
  return {
    teaser,
    unit: (unitId: string) => teaser.collection(COURSE_UNITS).doc(unitId),
    cohort: (cohortId: string) => teaser.collection(COURSE_COHORTS).doc(cohortId),
    cohorts: teaser.collection(COURSE_COHORTS),
    enrollment: (uid: string) => teaser.collection(COURSE_ENROLLMENTS).doc(uid),
    enrollments: teaser.collection(COURSE_ENROLLMENTS),
  };
}

export const dateOf = (value: unknown): Date => (value instanceof Timestamp ? value.toDate() : (value as Date));

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

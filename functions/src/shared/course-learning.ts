import { z } from 'zod';
import { docId, mediaPath } from './fields';

// Learning a course (docs/architecture.md, "Courses: Learning"): the requests of the enrollment and progress
// callables. Kept apart from courses.ts so the web's public bundle does not carry zod.

/** `cohortId: null` enrolls self-paced: drip counts from the enrollment, no cohort deadlines. */
export const enrollInCourseSchema = z.strictObject({ courseId: docId, cohortId: docId.nullable() });
export type EnrollInCourseRequest = z.infer<typeof enrollInCourseSchema>;

export const courseIdSchema = z.strictObject({ courseId: docId });

export const markUnitDoneSchema = z.strictObject({ courseId: docId, unitId: docId, done: z.boolean() });

export const openUnitSchema = z.strictObject({ courseId: docId, unitId: docId });

/** A `file` video or attachment of a unit, by its storage path. */
export const courseMediaUrlSchema = z.strictObject({ courseId: docId, unitId: docId, path: mediaPath });
export type CourseMediaUrlRequest = z.infer<typeof courseMediaUrlSchema>;

/** What enrolling answers: the enrollment as it stands (the same on a second click). */
export interface EnrollmentAnswer {
  cohortId: string | null;
  /** ISO 8601: drip counts from here. */
  startsAt: string;
}

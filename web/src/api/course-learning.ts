// Learning a course (docs/architecture.md, "Courses: Learning"): the course teaser and one unit read by id
// (the rules check rank and drip on each unit, so units are never listed), the member's enrollment followed
// live, their enrollments across courses, and the callables that change them.
import type { Timestamp } from 'firebase/firestore/lite';
import {
  COURSES,
  COURSE_COHORTS,
  COURSE_ENROLLMENTS,
  COURSE_UNITS,
  type CourseCohort,
  type CourseEnrollment,
  type CourseTeaser,
  type CourseUnit,
} from '@shared/courses';
import type { Source } from '@/composables/useLive';
import { liveDoc } from '@/composables/live-sources';
import { callFunction, firestoreLite } from '@/lib/firebase';

export type Course = CourseTeaser<Timestamp>;
export type Unit = CourseUnit<Timestamp>;
export type Cohort = CourseCohort<Timestamp> & { id: string };
export type Enrollment = CourseEnrollment<Timestamp>;

export async function readCourse(slug: string): Promise<Course | null> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, COURSES, slug));
  return snap.exists() ? (snap.data() as Course) : null;
}

/** A unit by id; rejects with permission-denied below its rank or before it opens (drip). */
export async function readUnit(slug: string, unitId: string): Promise<Unit | null> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, COURSES, slug, COURSE_UNITS, unitId));
  return snap.exists() ? (snap.data() as Unit) : null;
}

/** The course's cohorts (public), by start. */
export async function readCohorts(slug: string): Promise<Cohort[]> {
  const [sdk, db] = await firestoreLite();
  // Published only: the rules let a query read cohorts when it asks for published ones.
  const snap = await sdk.getDocs(
    sdk.query(sdk.collection(db, COURSES, slug, COURSE_COHORTS), sdk.where('status', '==', 'published')),
  );
  return snap.docs
    .map((d) => ({ id: d.id, ...(d.data() as CourseCohort<Timestamp>) }))
    .sort((a, b) => a.startAt.toMillis() - b.startAt.toMillis());
}

/** The member's enrollment in one course, live (progress ticks arrive as the callables write them). */
export const enrollmentSource = (slug: string, uid: string): Source<Enrollment | null> =>
  liveDoc(
    (sdk, fdb) => sdk.doc(fdb, COURSES, slug, COURSE_ENROLLMENTS, uid),
    (_, data) => data as Enrollment,
  );

/** The member's enrollments across courses, with each course's slug. */
export async function myEnrollments(uid: string): Promise<(Enrollment & { courseId: string })[]> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDocs(sdk.query(sdk.collectionGroup(db, COURSE_ENROLLMENTS), sdk.where('uid', '==', uid)));
  return snap.docs.map((d) => ({ ...(d.data() as Enrollment), courseId: d.ref.parent.parent?.id ?? '' }));
}

export const enrollInCourse = (courseId: string, cohortId: string | null) =>
  callFunction('enrollInCourse', { courseId, cohortId });
export const markUnitDone = (courseId: string, unitId: string, done: boolean) =>
  callFunction('markUnitDone', { courseId, unitId, done });
export const openUnit = (courseId: string, unitId: string) => callFunction('openUnit', { courseId, unitId });
export const courseMediaUrl = (courseId: string, unitId: string, path: string) =>
  callFunction('getCourseMediaUrl', { courseId, unitId, path });

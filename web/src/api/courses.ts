// What the course catalog and course pages read when the server did not render them (a navigation inside the
// app): published teasers and cohorts, through the same public field lists as the server (`publicCourse`).
import type { Timestamp } from 'firebase/firestore/lite';
import { COURSE_COHORTS, COURSES, type CourseCohort, type CourseTeaser } from '@shared/courses';
import {
  COURSES_LIMIT,
  publicCohort,
  publicCourse,
  type PublicCourse,
  type PublicCoursePage,
} from '@shared/public-courses';
import { isPermissionDenied, firestoreLite } from '@/lib/firebase';

const ms = (t: Timestamp) => t.toMillis();

/** Every published course, by title (the catalog shows them all). */
export async function readCourses(): Promise<PublicCourse[]> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDocs(
    sdk.query(sdk.collection(db, COURSES), sdk.where('status', '==', 'published'), sdk.limit(COURSES_LIMIT)),
  );
  return snap.docs
    .map((d) => publicCourse(d.id, d.data() as CourseTeaser<Timestamp>, ms))
    .sort((a, b) => a.title.localeCompare(b.title, 'en') || a.id.localeCompare(b.id));
}

/** A published course and its published cohorts; null when there is none (an archived one is refused: null too). */
export async function readCoursePage(slug: string): Promise<PublicCoursePage | null> {
  const [sdk, db] = await firestoreLite();
  let snap;
  try {
    snap = await sdk.getDoc(sdk.doc(db, COURSES, slug));
  } catch (err) {
    if (isPermissionDenied(err)) return null;
    throw err;
  }
  const data = snap.data() as CourseTeaser<Timestamp> | undefined;
  if (data?.status !== 'published') return null;
  const cohorts = await sdk.getDocs(
    sdk.query(sdk.collection(db, COURSES, slug, COURSE_COHORTS), sdk.where('status', '==', 'published')),
  );
  return {
    course: publicCourse(slug, data, ms),
    cohorts: cohorts.docs
      .map((d) => publicCohort(d.id, d.data() as CourseCohort<Timestamp>, ms))
      .sort((a, b) => a.startAt - b.startAt),
  };
}

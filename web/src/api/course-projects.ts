// Projects, reviews, leaderboards and certificates of courses: reads under the rules, writes through callables.
import { COURSES, type CourseTeaser } from '@shared/courses';
import {
  CERTIFICATES,
  COURSE_LEADERBOARDS,
  COURSE_PROJECTS,
  COURSE_REVIEWS,
  type Certificate,
  type CourseProject,
  type Leaderboard,
  type ProjectReview,
} from '@shared/course-projects';
import { isCertificateId, publicCertificate, type PublicCertificate } from '@shared/public-certificates';
import type { CallableRequest } from '@shared/callables';
import { liveDoc, liveQuery } from '@/composables/live-sources';
import { callFunction, firestoreLite } from '@/lib/firebase';

type Millis = { toMillis(): number };

/** A certificate by id (anyone may read one); null when there is none. */
export async function readCertificate(id: string): Promise<PublicCertificate | null> {
  const [sdk, db] = await firestoreLite();
  if (!isCertificateId(id)) return null;
  const snap = await sdk.getDoc(sdk.doc(db, CERTIFICATES, id));
  return snap.exists() ? publicCertificate(id, snap.data() as Certificate<Millis>, (t) => t.toMillis()) : null;
}

export const leaderboardSource = (courseId: string, board: string) =>
  liveDoc(
    (sdk, fs) => sdk.doc(fs, COURSES, courseId, COURSE_LEADERBOARDS, board),
    (_id, data) => data as Leaderboard<Millis>,
  );

export const cohortsSource = (courseId: string) =>
  liveQuery(
    (sdk, fs) => sdk.collection(fs, COURSES, courseId, 'cohorts'),
    (id, data) => ({ id, title: String(data.title ?? id) }),
  );

/** The course's project (title, criteria, thresholds) from its public teaser. */
export const courseProjectSource = (courseId: string) =>
  liveDoc(
    (sdk, fs) => sdk.doc(fs, COURSES, courseId),
    (_id, data) => (data as CourseTeaser).project,
  );

export const myProjectSource = (courseId: string, uid: string) =>
  liveDoc(
    (sdk, fs) => sdk.doc(fs, COURSES, courseId, COURSE_PROJECTS, uid),
    (_id, data) => data as CourseProject<Millis>,
  );

/** The reviews assigned to the member (the rules let a reviewer read only those). */
export const myReviewsSource = (courseId: string, uid: string) =>
  liveQuery(
    (sdk, fs) => sdk.query(sdk.collection(fs, COURSES, courseId, COURSE_REVIEWS), sdk.where('reviewerUid', '==', uid)),
    (id, data) => ({ id, ...(data as ProjectReview<Millis>) }),
  );

/** Admins: every certificate, newest first. */
export const certificatesSource = () =>
  liveQuery(
    (sdk, fs) => sdk.query(sdk.collection(fs, CERTIFICATES), sdk.orderBy('issuedAt', 'desc'), sdk.limit(500)),
    (id, data) => publicCertificate(id, data as Certificate<Millis>, (t) => t.toMillis()),
  );

export const setLeaderboardProfile = (input: CallableRequest<'setLeaderboardProfile'>) =>
  callFunction('setLeaderboardProfile', input);
export const submitProject = (input: CallableRequest<'submitProject'>) => callFunction('submitProject', input);
export const submitReview = (input: CallableRequest<'submitReview'>) => callFunction('submitReview', input);
export const claimCertificate = (courseId: string) => callFunction('claimCertificate', { courseId });
export const revokeCertificate = (id: string, reason: string) => callFunction('revokeCertificate', { id, reason });

/** The PDF's path (Hosting rewrites `/certificates/*.pdf` to the `certificatePdf` function). */
export const certificatePdfPath = (id: string) => `/certificates/${id}.pdf`;

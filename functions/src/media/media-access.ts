import type { Firestore } from 'firebase-admin/firestore';
import { canAccess, type AccessClaims } from '../shared/access';
import type { MediaUrlRequest } from '../shared/media-schema';
import { BODY, GATED, MATERIALS, type MaterialBody } from '../shared/materials';
import { isUnitOpen } from '../domain/course-progress';
import { enrollmentOf } from '../courses/course-refs';
import type { CourseMediaUrlRequest } from '../shared/course-learning';
import { COURSES, COURSE_ENROLLMENTS, COURSE_UNITS, type CourseEnrollment, type CourseUnit } from '../shared/courses';

export type MediaDecision =
  { ok: true; name: string; inline: boolean } | { ok: false; code: 'not-found' | 'permission-denied'; message: string };

/** Whether `claims` may download `path` of a material: the same check as reading its body. */
export async function decideMediaAccess(
  db: Firestore,
  claims: AccessClaims | null,
  req: MediaUrlRequest,
): Promise<MediaDecision> {
  const snap = await db.collection(MATERIALS).doc(req.materialId).collection(GATED).doc(BODY).get();
  const body = snap.data() as MaterialBody | undefined;
  const isAdmin = claims?.admin === true;
  if (!body || (body.status !== 'published' && !isAdmin)) {
    return { ok: false, code: 'not-found', message: 'No such material' };
  }
  if (!isAdmin && !canAccess(claims, body)) {
    return { ok: false, code: 'permission-denied', message: 'Your plan does not include this file' };
  }
  const file = body.files.find((f) => f.path === req.path);
  if (!file) return { ok: false, code: 'not-found', message: 'No such file on this material' };
  // Video and audio play in the page (a recording's player), so they are served inline; other files download.
  return { ok: true, name: file.name, inline: /^(video|audio)\//.test(file.contentType) };
}

/**
 * Whether `claims` (of `uid`) may download `path` of a course unit (its `file` video or an attachment): the
 * same conditions as reading the unit (published, the reader's rank, open by drip for an enrolled member).
 */
export async function decideCourseMediaAccess(
  db: Firestore,
  claims: AccessClaims | null,
  uid: string | null,
  req: CourseMediaUrlRequest,
  now: Date,
): Promise<MediaDecision> {
  const course = db.collection(COURSES).doc(req.courseId);
  const [unitSnap, enrollmentSnap] = await db.getAll(
    course.collection(COURSE_UNITS).doc(req.unitId),
    course.collection(COURSE_ENROLLMENTS).doc(uid ?? '-'),
  );
  const unit = unitSnap?.data() as CourseUnit | undefined;
  const isAdmin = claims?.admin === true;
  if (!unit || (unit.status !== 'published' && !isAdmin))
    return { ok: false, code: 'not-found', message: 'No such unit' };
  if (!isAdmin && !canAccess(claims, unit)) {
    return { ok: false, code: 'permission-denied', message: 'Your plan does not include this course' };
  }
  const enrollment = uid && enrollmentSnap?.exists ? enrollmentOf(enrollmentSnap.data() as CourseEnrollment) : null;
  if (!isAdmin && !isUnitOpen(unit, enrollment, now)) {
    return { ok: false, code: 'permission-denied', message: 'This unit is not open for you yet' };
  }
  if (unit.video?.provider === 'file' && unit.video.ref === req.path) {
    return { ok: true, name: req.path.split('/').pop() ?? 'video', inline: true };
  }
  const file = unit.attachments.find((a) => a.path === req.path);
  if (!file) return { ok: false, code: 'not-found', message: 'No such file on this unit' };
  return { ok: true, name: file.path.split('/').pop() ?? file.title, inline: false };
}

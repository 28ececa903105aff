// One way to change a member's course points: homework (and its links) and the project each own a part, and
// `total` is always their sum, computed in the writer's transaction so two writers never lose each other's part.
import type { DocumentReference, Transaction } from 'firebase-admin/firestore';
import type { CourseEnrollment } from '../shared/courses';

export type PointsPart = 'homework' | 'links' | 'project';

/** Sets one part of `enrollment.points` (and the total). Call after the transaction's reads, with the snapshot
 * of the enrollment it read. */
export function setEnrollmentPoints(
  tx: Transaction,
  ref: DocumentReference,
  enrollment: Pick<CourseEnrollment, 'points'>,
  part: PointsPart,
  value: number,
  now: Date,
): CourseEnrollment['points'] {
  const points = { ...enrollment.points, [part]: value };
  points.total = points.homework + points.links + points.project;
  tx.update(ref, { points, updatedAt: now });
  return points;
}

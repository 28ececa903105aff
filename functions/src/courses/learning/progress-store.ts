// A member's progress: units done and the resume point, on their enrollment. Only units the member may read
// now (published, at their rank, open by drip) can be ticked or opened: the unit read rule's conditions.
import type { DocumentReference, Transaction } from 'firebase-admin/firestore';
import { isUnitOpen, unitOpensAt } from '../../domain/course-progress';
import { Refusal } from '../../domain/refusal';
import { readerRank, type AccessClaims } from '../../shared/access';
import type { CourseEnrollment, CourseUnit } from '../../shared/courses';
import { courseRefs, enrollmentOf } from '../course-refs';
import type { LearningDeps } from './enrollment-store';

interface UnitTarget {
  courseId: string;
  unitId: string;
}

/** Reads the unit and the member's enrollment in `tx` and refuses what the member may not touch. */
async function readableUnit(
  tx: Transaction,
  deps: LearningDeps,
  target: UnitTarget,
  uid: string,
  claims: AccessClaims,
): Promise<{ enrollment: CourseEnrollment<Date>; ref: DocumentReference }> {
  const refs = courseRefs(deps.db, target.courseId);
  const [unitSnap, enrollmentSnap] = await tx.getAll(refs.unit(target.unitId), refs.enrollment(uid));
  const unit = unitSnap?.data() as CourseUnit | undefined;
  if (!unit) throw new Refusal('not-found', 'No such unit');
  if (unit.status !== 'published')
    throw new Refusal('invalid-argument', 'unitId: This unit was removed from the course');
  if (!enrollmentSnap?.exists) throw new Refusal('failed-precondition', 'Enroll in the course first');
  if (readerRank(claims) < unit.rank) throw new Refusal('permission-denied', 'Your plan does not include this course');
  const enrollment = enrollmentOf(enrollmentSnap.data() as CourseEnrollment<unknown>);
  if (!isUnitOpen(unit, enrollment, deps.now())) {
    const at = unitOpensAt(unit, enrollment);
    throw new Refusal('failed-precondition', `This unit opens on ${at?.toISOString().slice(0, 10) ?? 'a later day'}`);
  }
  return { enrollment, ref: enrollmentSnap.ref };
}

/** Ticks or unticks a unit and makes it the resume point; ticking twice is once. Answers the units done. */
export async function markUnitDone(
  deps: LearningDeps,
  req: UnitTarget & { done: boolean },
  uid: string,
  claims: AccessClaims,
): Promise<string[]> {
  return deps.db.runTransaction(async (tx) => {
    const { enrollment, ref } = await readableUnit(tx, deps, req, uid, claims);
    const others = enrollment.completedUnits.filter((id) => id !== req.unitId);
    const completedUnits = req.done ? [...others, req.unitId] : others;
    const unchanged =
      completedUnits.length === enrollment.completedUnits.length && enrollment.lastUnitId === req.unitId;
    if (!unchanged) tx.update(ref, { completedUnits, lastUnitId: req.unitId, updatedAt: deps.now() });
    return req.done && unchanged ? enrollment.completedUnits : completedUnits;
  });
}

/** Makes the unit the resume point ("Continue" leads there). */
export async function openUnit(
  deps: LearningDeps,
  req: UnitTarget,
  uid: string,
  claims: AccessClaims,
): Promise<string> {
  return deps.db.runTransaction(async (tx) => {
    const { enrollment, ref } = await readableUnit(tx, deps, req, uid, claims);
    if (enrollment.lastUnitId !== req.unitId) tx.update(ref, { lastUnitId: req.unitId, updatedAt: deps.now() });
    return req.unitId;
  });
}

// Pure decisions about a member's way through a course, shared by the functions (the progress callables, unit
// files) and the unit page: when a unit opens (drip), which unit comes next, where to resume, how much is done.
// firestore.rules (the drip condition on `courses/{slug}/units`) says the same as `unitOpensAt`.
// Server-only decisions (cohort seats) are in functions/src/domain/course-progress.ts.
import type { CourseStatus } from './courses';

export const DAY_MS = 86_400_000;

/** What drip needs of a unit. */
export interface DripUnit {
  preview: boolean;
  availableAfterDays: number;
}

/** A unit in course order, as the syllabus or the unit documents give it. */
export interface OrderedUnit {
  id: string;
  order: number;
  /** Absent (syllabus entries): published; archived units never count. */
  status?: CourseStatus;
}

/**
 * When `unit` opens for a member enrolled with `enrollment` (null: not enrolled): a preview unit and a unit
 * without drip are open from the start (`new Date(0)`); a drip unit opens `availableAfterDays` after the
 * enrollment's `startsAt` (the enrollment, or the cohort's start), and never (`null`) without an enrollment.
 */
export function unitOpensAt(unit: DripUnit, enrollment: { startsAt: Date } | null): Date | null {
  if (unit.preview || unit.availableAfterDays === 0) return new Date(0);
  if (!enrollment) return null;
  return new Date(enrollment.startsAt.getTime() + unit.availableAfterDays * DAY_MS);
}

export function isUnitOpen(unit: DripUnit, enrollment: { startsAt: Date } | null, now: Date): boolean {
  const at = unitOpensAt(unit, enrollment);
  return at !== null && at.getTime() <= now.getTime();
}

const published = <U extends OrderedUnit>(units: U[]): U[] =>
  units.filter((u) => (u.status ?? 'published') === 'published').sort((a, b) => a.order - b.order);

/** The published unit before and after `unitId` in course order (null at either end or when it is unknown). */
export function neighbours<U extends OrderedUnit>(units: U[], unitId: string): { prev: U | null; next: U | null } {
  const list = published(units);
  const at = list.findIndex((u) => u.id === unitId);
  if (at < 0) return { prev: null, next: null };
  return { prev: list[at - 1] ?? null, next: list[at + 1] ?? null };
}

/**
 * Where "Continue" leads: the resume point (the last unit opened) while it is still published, else the first
 * unit not done, else the first unit; null for a course without units.
 */
export function resumeUnit<U extends OrderedUnit>(
  units: U[],
  progress: { lastUnitId: string | null; completedUnits: string[] },
): U | null {
  const list = published(units);
  const last = list.find((u) => u.id === progress.lastUnitId);
  if (last) return last;
  const done = new Set(progress.completedUnits);
  return list.find((u) => !done.has(u.id)) ?? list[0] ?? null;
}

/** Whole percent of the published units done (archived units and ids no longer in the course do not count). */
export function percentDone(units: OrderedUnit[], completedUnits: string[]): number {
  const list = published(units);
  if (list.length === 0) return 0;
  const done = new Set(completedUnits);
  return Math.floor((100 * list.filter((u) => done.has(u.id)).length) / list.length);
}

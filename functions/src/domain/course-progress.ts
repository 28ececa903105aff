// Pure decisions about a member's way through a course. Drip, next unit, resume point and percent done live in
// shared/course-progress.ts (the unit page uses them too) and are re-exported here; whether a cohort takes one
// more enrollment is the server's alone.
import type { CourseCohort } from '../shared/courses';

export * from '../shared/course-progress';

/** Why `cohort` takes no enrollment at `now`, or null when it takes one more member. */
export function cohortRefusal(
  cohort: Pick<CourseCohort<Date>, 'status' | 'enrollmentOpensAt' | 'enrollmentClosesAt' | 'capacity' | 'enrolled'>,
  now: Date,
): string | null {
  if (cohort.status !== 'published') return 'This cohort is no longer offered';
  if (now < cohort.enrollmentOpensAt) return 'Enrollment for this cohort has not opened yet';
  if (now >= cohort.enrollmentClosesAt) return 'Enrollment for this cohort is closed';
  if (cohort.capacity !== null && cohort.enrolled >= cohort.capacity) return 'This cohort is full';
  return null;
}

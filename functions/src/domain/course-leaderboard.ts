// A course's leaderboards from its enrollments, pure: opted-out members never appear.
import type { CourseEnrollment } from '../shared/courses';
import { ALL_COHORTS, LEADERBOARD_MAX_ROWS, type LeaderboardRow } from '../shared/course-projects';

export const UNNAMED = 'Member';

type Entry = Pick<CourseEnrollment, 'cohortId' | 'displayName' | 'showOnLeaderboard' | 'points'>;

/** Highest total first; ties by project, then homework, then name, so the order is stable between rebuilds. */
function byStanding(a: LeaderboardRow, b: LeaderboardRow): number {
  return (
    b.total - a.total || b.project - a.project || b.homework - a.homework || a.displayName.localeCompare(b.displayName)
  );
}

/**
 * Every board of the course: `all` plus one per cohort that has enrollments (self-paced members are only on
 * `all`). Rows hold the display name and points of members with `showOnLeaderboard`, at most
 * LEADERBOARD_MAX_ROWS; `shown` counts every opted-in member.
 */
export function leaderboardsOf(
  enrollments: readonly Entry[],
): Record<string, { rows: LeaderboardRow[]; shown: number }> {
  const boards: Record<string, LeaderboardRow[]> = { [ALL_COHORTS]: [] };
  for (const e of enrollments) {
    if (e.cohortId && e.cohortId !== ALL_COHORTS) boards[e.cohortId] ??= [];
    if (!e.showOnLeaderboard) continue;
    const row: LeaderboardRow = {
      // An enrollment whose member never chose a name shows as "Member", never as a blank row.
      displayName: e.displayName.trim() || UNNAMED,
      total: e.points.total,
      homework: e.points.homework,
      links: e.points.links,
      project: e.points.project,
    };
    boards[ALL_COHORTS]!.push(row);
    if (e.cohortId && e.cohortId !== ALL_COHORTS) boards[e.cohortId]!.push(row);
  }
  return Object.fromEntries(
    Object.entries(boards).map(([id, rows]) => [
      id,
      { rows: rows.sort(byStanding).slice(0, LEADERBOARD_MAX_ROWS), shown: rows.length },
    ]),
  );
}

import { describe, expect, it } from 'vitest';
import { leaderboardsOf } from './course-leaderboard';
import { certificateRefusal } from './course-certificate';

const e = (name: string, cohortId: string | null, total: number, show = true, project = 0) => ({
  cohortId,
  displayName: name,
  showOnLeaderboard: show,
  points: { homework: total - project, links: 0, project, total },
});

describe('leaderboardsOf', () => {
  it('ranks opted-in members per cohort and for all; opted-out never appear, their cohort still has a board', () => {
    const boards = leaderboardsOf([
      e('Ada', 'spring', 10),
      e('Bob', 'spring', 12),
      e('Hidden', 'spring', 99, false),
      e('Cy', null, 11),
      e('Di', 'autumn', 1, false),
    ]);
    expect(boards.all!.rows.map((r) => r.displayName)).toEqual(['Bob', 'Cy', 'Ada']);
    expect(boards.spring!.rows.map((r) => r.displayName)).toEqual(['Bob', 'Ada']);
    expect(boards.autumn).toEqual({ rows: [], shown: 0 });
    expect(JSON.stringify(boards)).not.toContain('Hidden');
  });

  it('shows a member without a display name as "Member"', () => {
    expect(leaderboardsOf([e('  ', 'c', 1)]).c!.rows[0]!.displayName).toBe('Member');
  });

  it('breaks ties by project, then name', () => {
    const rows = leaderboardsOf([e('Zed', 'c', 5, true, 3), e('Amy', 'c', 5), e('Bea', 'c', 5)]).c!.rows;
    expect(rows.map((r) => r.displayName)).toEqual(['Zed', 'Amy', 'Bea']);
  });

  it('stops at 1000 rows and counts every shown member', () => {
    const many = Array.from({ length: 1005 }, (_, i) => e(`m${i}`, 'c', i));
    const board = leaderboardsOf(many).c!;
    expect(board.rows).toHaveLength(1000);
    expect(board.shown).toBe(1005);
    expect(board.rows[0]!.total).toBe(1004);
  });
});

describe('certificateRefusal', () => {
  it.each([
    [{ total: 10, passPoints: 10, hasProject: false, projectPassed: null }, null],
    [
      { total: 9, passPoints: 10, hasProject: false, projectPassed: null },
      'You have 9 of the 10 points a certificate needs',
    ],
    [{ total: 20, passPoints: 10, hasProject: true, projectPassed: null }, 'Your project has not been reviewed yet'],
    [{ total: 20, passPoints: 10, hasProject: true, projectPassed: false }, 'Your project did not pass its review'],
    [{ total: 20, passPoints: 10, hasProject: true, projectPassed: true }, null],
  ])('%o → %s', (standing, refusal) => {
    expect(certificateRefusal(standing)).toBe(refusal);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import type { PublicPoll } from '@shared/public-polls';
import { canChoose, pollAction, pollStatusLine, resultRows } from './polls';

const NOW = Date.UTC(2027, 0, 10, 12); // noon: the same day in every time zone
const poll = (over: Partial<PublicPoll> = {}): PublicPoll => ({
  id: 'p1',
  kind: 'topic',
  question: 'Which topic?',
  description: '',
  status: 'open',
  access: 'main',
  rank: 30,
  options: [
    { id: 'a', label: 'Alpha' },
    { id: 'b', label: 'Beta' },
    { id: 'c', label: 'Gamma' },
  ],
  maxChoices: 2,
  allowProposals: true,
  resultsVisibility: 'live',
  closesAt: NOW + 86_400_000,
  results: null,
  chosenCourseSlug: null,
  openedAt: NOW - 1000,
  ...over,
});

describe('pollAction', () => {
  const act = (claims: { tier: string; rank: number } | null, over: Partial<PublicPoll> = {}, isAdmin = false) =>
    pollAction({ poll: poll(over), claims, isAdmin, tiers: DEFAULT_TIERS, now: NOW });

  it.each([
    ['a visitor joins the lowest plan that opens it', null, {}, { kind: 'join', plan: 'main' }],
    ['a basic member upgrades to main', { tier: 'basic', rank: 20 }, {}, { kind: 'upgrade', plan: 'main' }],
    ['a main member votes', { tier: 'main', rank: 30 }, {}, { kind: 'vote' }],
    ['a premium member votes', { tier: 'premium', rank: 40 }, {}, { kind: 'vote' }],
    [
      'a main member upgrades on a premium poll',
      { tier: 'main', rank: 30 },
      { access: 'premium', rank: 40 },
      { kind: 'upgrade', plan: 'premium' },
    ],
    ['nobody votes on a closed poll', { tier: 'main', rank: 30 }, { status: 'closed' }, { kind: 'closed' }],
    ['nobody votes past the closing date', { tier: 'main', rank: 30 }, { closesAt: NOW }, { kind: 'closed' }],
  ] as const)('%s', (_, claims, over, expected) => {
    const action = act(claims, over);
    expect(action.kind).toBe(expected.kind);
    if ('plan' in expected) expect('plan' in action && action.plan?.id).toBe(expected.plan);
  });

  it('an admin below the rank votes', () => {
    expect(act({ tier: 'free', rank: 10 }, {}, true)).toEqual({ kind: 'vote' });
  });
});

describe('resultRows', () => {
  it('is null while hidden', () => expect(resultRows(poll())).toBeNull());

  it('sorts by votes with shares of ballots, ties in the poll order', () => {
    expect(resultRows(poll({ results: { counts: { a: 1, b: 3, c: 1 }, ballots: 4 } }))).toEqual([
      { id: 'b', label: 'Beta', count: 3, percent: 75 },
      { id: 'a', label: 'Alpha', count: 1, percent: 25 },
      { id: 'c', label: 'Gamma', count: 1, percent: 25 },
    ]);
  });

  it('shows 0% without ballots and options missing from the counts as 0', () => {
    expect(resultRows(poll({ results: { counts: {}, ballots: 0 } }))?.map((r) => [r.count, r.percent])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('canChoose and pollStatusLine', () => {
  it('stops at maxChoices but keeps chosen options checkable', () => {
    expect(canChoose(['a'], 'b', 2)).toBe(true);
    expect(canChoose(['a', 'b'], 'c', 2)).toBe(false);
    expect(canChoose(['a', 'b'], 'a', 2)).toBe(true);
  });

  it('says open until, or closed', () => {
    expect(pollStatusLine(poll(), NOW)).toMatch(/^Open until 11 Jan 2027/);
    expect(pollStatusLine(poll({ status: 'closed' }), NOW)).toMatch(/^Closed 11 Jan 2027/);
  });

  it('names UTC when rendering in it (the server), and converts to a zone', () => {
    expect(pollStatusLine(poll(), NOW, 'UTC')).toBe('Open until 11 Jan 2027, 12:00 UTC');
    expect(pollStatusLine(poll(), NOW, 'Europe/Berlin')).toBe('Open until 11 Jan 2027, 13:00');
  });
});

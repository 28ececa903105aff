import { describe, expect, it } from 'vitest';
import { POLL_TALLY_SHARD_COUNT, resultsVisible, pollAcceptsVotes, type PollOption } from '../shared/polls';
import { ballotDiff, ballotProblem, isNoChange, mergeOptions, shardFor, statusChangeProblem, sumShards } from './polls';

const options: PollOption[] = [
  { id: 'a', label: 'Alpha', proposedBy: null },
  { id: 'b', label: 'Beta', proposedBy: 'u1' },
  { id: 'c', label: 'Gamma', proposedBy: null },
];

describe('ballotDiff', () => {
  it.each([
    ['a first ballot', null, ['a', 'b'], { a: 1, b: 1 }, 1],
    ['the same ballot again', ['a', 'b'], ['b', 'a'], {}, 0],
    ['one choice swapped', ['a', 'b'], ['a', 'c'], { b: -1, c: 1 }, 0],
    ['all choices swapped', ['a'], ['b'], { a: -1, b: 1 }, 0],
    ['withdrawn', ['a', 'c'], [], { a: -1, c: -1 }, -1],
    ['withdrawing without a ballot', null, [], {}, 0],
    ['an empty stored ballot then a vote', [], ['c'], { c: 1 }, 1],
  ] as const)('%s', (_, before, after, counts, ballots) => {
    const diff = ballotDiff(before, after);
    expect(diff).toEqual({ counts, ballots });
    expect(isNoChange(diff)).toBe(ballots === 0 && Object.keys(counts).length === 0);
  });

  it('applying every change of one member in turn counts their last ballot once', () => {
    const ballots = [['a'], ['a', 'b'], ['c'], [], ['b']];
    const tally: Record<string, number> = {};
    let count = 0;
    let before: string[] | null = null;
    for (const after of ballots) {
      const diff = ballotDiff(before, after);
      for (const [id, d] of Object.entries(diff.counts)) tally[id] = (tally[id] ?? 0) + d;
      count += diff.ballots;
      before = after;
    }
    expect(tally).toEqual({ a: 0, b: 1, c: 0 });
    expect(count).toBe(1);
  });
});

describe('ballotProblem', () => {
  it.each([
    ['a valid ballot', ['a', 'b'], 2, null],
    ['an empty ballot (withdrawn)', [], 2, null],
    ['too many choices', ['a', 'b', 'c'], 2, /at most 2 options/],
    ['one choice only', ['a', 'b'], 1, /at most 1 option$/],
    ['a duplicate', ['a', 'a'], 3, /each option once/],
    ['an unknown option', ['a', 'zzz'], 3, /no option "zzz"/],
    ['a prototype name', ['constructor'], 3, /no option "constructor"/],
  ] as const)('%s', (_, ids, max, says) => {
    const problem = ballotProblem([...ids], options, max);
    if (says === null) expect(problem).toBeNull();
    else expect(problem).toMatch(says);
  });
});

describe('shardFor', () => {
  it('is stable and within the shard count', () => {
    for (const uid of ['u1', 'abc', 'x'.repeat(128), '']) {
      const shard = shardFor(uid);
      expect(shard).toBe(shardFor(uid));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(POLL_TALLY_SHARD_COUNT);
    }
  });

  it('spreads 200 members over every shard', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => shardFor(`voter-${i}`)));
    expect(used.size).toBe(POLL_TALLY_SHARD_COUNT);
  });
});

describe('sumShards', () => {
  it('adds the shards, counts options without votes as 0 and drops counts of unknown options', () => {
    expect(
      sumShards([{ counts: { a: 2, b: 1 }, ballots: 2 }, { counts: { a: 1, gone: 4 }, ballots: 1 }, {}], options),
    ).toEqual({ counts: { a: 3, b: 1, c: 0 }, ballots: 3 });
  });
});

describe('mergeOptions', () => {
  let n = 0;
  const newId = () => `new${++n}`;

  it('keeps ids (and who proposed) for existing options, renames them, adds new ones', () => {
    n = 0;
    expect(
      mergeOptions(
        options,
        [{ id: 'b', label: 'Beta 2' }, { label: 'Delta' }, { id: 'a', label: 'Alpha' }, { id: 'c', label: 'Gamma' }],
        true,
        newId,
      ),
    ).toEqual([
      { id: 'b', label: 'Beta 2', proposedBy: 'u1' },
      { id: 'new1', label: 'Delta', proposedBy: null },
      { id: 'a', label: 'Alpha', proposedBy: null },
      { id: 'c', label: 'Gamma', proposedBy: null },
    ]);
  });

  it.each([
    ['removing an option once opened', [{ id: 'a', label: 'Alpha' }], true, /"Beta" cannot be removed/],
    ['an unknown id', [{ id: 'x', label: 'X' }], false, /options\.0\.id/],
    ['two labels that read the same', [{ label: 'Idea' }, { label: '  idea ' }], false, /options\.1\.label/],
  ] as const)('refuses %s', (_, input, opened, says) => {
    expect(mergeOptions(options, input, opened, newId)).toMatch(says);
  });

  it('removes options freely while the poll never opened', () => {
    expect(mergeOptions(options, [{ id: 'c', label: 'Gamma' }], false, newId)).toEqual([options[2]]);
  });
});

describe('statusChangeProblem', () => {
  const NOW = 1_000_000;
  const ok = { closesAtMs: NOW + 1, options: 2 };
  it.each([
    ['draft', 'open', ok, null],
    ['draft', 'open', { ...ok, options: 1 }, /two options/],
    ['draft', 'open', { ...ok, closesAtMs: NOW }, /closing date has passed/],
    ['open', 'closed', ok, null],
    ['closed', 'open', ok, null],
    ['closed', 'open', { ...ok, closesAtMs: NOW - 1 }, /closing date/],
    ['open', 'draft', ok, /back to draft/],
    ['draft', 'closed', ok, /open it first/],
    ['open', 'open', ok, null],
  ] as const)('%s → %s', (from, to, poll, says) => {
    const problem = statusChangeProblem(from, to, poll, NOW);
    if (says === null) expect(problem).toBeNull();
    else expect(problem).toMatch(says);
  });
});

describe('pollAcceptsVotes and resultsVisible', () => {
  const NOW = 1_000_000;
  it.each([
    ['open before closesAt, live', 'open', NOW + 1, 'live', true, true],
    ['open before closesAt, after-close', 'open', NOW + 1, 'after-close', true, false],
    ['open past closesAt, after-close', 'open', NOW, 'after-close', false, true],
    ['closed early, after-close', 'closed', NOW + 1, 'after-close', false, true],
    ['draft, live', 'draft', NOW + 1, 'live', false, false],
  ] as const)('%s', (_, status, closesAtMs, resultsVisibility, votes, visible) => {
    const poll = { status, closesAtMs, resultsVisibility };
    expect(pollAcceptsVotes(poll, NOW)).toBe(votes);
    expect(resultsVisible(poll, NOW)).toBe(visible);
  });
});

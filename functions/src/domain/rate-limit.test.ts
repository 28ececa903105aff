import { describe, expect, it } from 'vitest';
import { shareOf, takeOne, type WindowCount } from './rate-limit';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 2, 12, 0, 0);
const fivePer10Min = { max: 5, windowMs: 10 * MIN };
const onePer10Min = { max: 1, windowMs: 10 * MIN };

describe('takeOne', () => {
  it.each<[string, WindowCount | undefined, { max: number; windowMs: number }, number, ReturnType<typeof takeOne>]>([
    [
      'nothing stored: a window begins now',
      undefined,
      fivePer10Min,
      T,
      { allowed: true, next: { start: T, count: 1 } },
    ],
    [
      'under the limit: counts on in the same window',
      { start: T, count: 3 },
      fivePer10Min,
      T + 4 * MIN,
      { allowed: true, next: { start: T, count: 4 } },
    ],
    [
      'the last one the window allows',
      { start: T, count: 4 },
      fivePer10Min,
      T + 9 * MIN,
      { allowed: true, next: { start: T, count: 5 } },
    ],
    [
      'at the limit: refused until the window ends',
      { start: T, count: 5 },
      fivePer10Min,
      T + 4 * MIN,
      { allowed: false, retryAfterMs: 6 * MIN },
    ],
    [
      'at the limit, 1 ms before the end',
      { start: T, count: 5 },
      fivePer10Min,
      T + 10 * MIN - 1,
      { allowed: false, retryAfterMs: 1 },
    ],
    [
      'the window ended: a new one begins now',
      { start: T, count: 5 },
      fivePer10Min,
      T + 10 * MIN,
      { allowed: true, next: { start: T + 10 * MIN, count: 1 } },
    ],
    [
      'long after: a new window, the old count forgotten',
      { start: T, count: 99 },
      fivePer10Min,
      T + 3 * 60 * MIN,
      { allowed: true, next: { start: T + 3 * 60 * MIN, count: 1 } },
    ],
    [
      'one per address: a second ask 9 minutes later is refused',
      { start: T, count: 1 },
      onePer10Min,
      T + 9 * MIN,
      { allowed: false, retryAfterMs: MIN },
    ],
    [
      'one per address: 10 minutes after the last mail, another',
      { start: T, count: 1 },
      onePer10Min,
      T + 10 * MIN,
      { allowed: true, next: { start: T + 10 * MIN, count: 1 } },
    ],
    [
      'a stored start ahead of this clock counts as the current window',
      { start: T + 2000, count: 1 },
      onePer10Min,
      T,
      { allowed: false, retryAfterMs: 10 * MIN + 2000 },
    ],
    ['max 0 refuses even the first', undefined, { max: 0, windowMs: MIN }, T, { allowed: false, retryAfterMs: MIN }],
  ])('%s', (_what, stored, limit, now, expected) => {
    expect(takeOne(stored, limit, now)).toEqual(expected);
  });

  it('allows exactly max in a burst, whatever the number of asks', () => {
    let stored: WindowCount | undefined;
    let allowed = 0;
    for (let i = 0; i < 50; i++) {
      const decision = takeOne(stored, { max: 7, windowMs: MIN }, T + i * 10);
      if (decision.allowed) {
        allowed++;
        stored = decision.next;
      }
    }
    expect(allowed).toBe(7);
  });
});

describe('shareOf', () => {
  it.each([
    [10, 4, [3, 3, 2, 2]],
    [8, 4, [2, 2, 2, 2]],
    [3, 3, [1, 1, 1]],
    [1, 1, [1]],
    [0, 1, [0]],
  ])('%i over %i shards is %j, adding up to the whole', (total, shards, parts) => {
    const got = Array.from({ length: shards }, (_, i) => shareOf(total, shards, i));
    expect(got).toEqual(parts);
    expect(got.reduce((a, b) => a + b, 0)).toBe(total);
  });
});

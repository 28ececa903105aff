import { describe, expect, it } from 'vitest';
import { canAccess, readerRank, tierNeeded, type AccessClaims } from './access';
import { DEFAULT_TIERS } from './defaults';
import { rankOf } from './tiers';

const claims: Record<string, AccessClaims | null> = {
  visitor: null,
  newMember: {},
  free: { tier: 'free', rank: 10 },
  basic: { tier: 'basic', rank: 20 },
  main: { tier: 'main', rank: 30 },
  premium: { tier: 'premium', rank: 40 },
};

// Rows: reader; columns: public, free, basic, main, premium. Each plan includes the ones below it.
const table: Array<[string, boolean[]]> = [
  ['visitor', [true, false, false, false, false]],
  ['newMember', [true, true, false, false, false]],
  ['free', [true, true, false, false, false]],
  ['basic', [true, true, true, false, false]],
  ['main', [true, true, true, true, false]],
  ['premium', [true, true, true, true, true]],
];

describe('canAccess', () => {
  it.each(table)('%s', (who, expected) => {
    const levels = ['public', 'free', 'basic', 'main', 'premium'];
    expect(levels.map((l) => canAccess(claims[who] ?? null, { rank: rankOf(DEFAULT_TIERS, l) ?? -1 }))).toEqual(
      expected,
    );
  });

  it('treats malformed rank claims as free, never as more', () => {
    expect(readerRank({ rank: '40' })).toBe(10);
    expect(readerRank({ rank: 39.5 })).toBe(10);
    expect(readerRank({ tier: 'premium' })).toBe(10);
  });

  it('supports a tier added between two others without code changes', () => {
    const tiers = { tiers: { ...DEFAULT_TIERS.tiers, pro: { name: 'Pro', rank: 35, benefits: [] } } };
    const proItem = { rank: rankOf(tiers, 'pro') ?? -1 };
    expect(canAccess({ rank: 35 }, proItem)).toBe(true);
    expect(canAccess(claims.main ?? null, proItem)).toBe(false);
    expect(canAccess(claims.premium ?? null, proItem)).toBe(true);
    expect(tierNeeded(tiers, proItem)?.id).toBe('pro');
  });
});

describe('tierNeeded', () => {
  it('offers the lowest tier that unlocks the item', () => {
    expect(tierNeeded(DEFAULT_TIERS, { rank: 0 })?.id).toBe('free');
    expect(tierNeeded(DEFAULT_TIERS, { rank: 30 })?.id).toBe('main');
    expect(tierNeeded(DEFAULT_TIERS, { rank: 41 })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_COMMUNITY, DEFAULT_TIERS, SIGNED_IN_RANK } from './defaults';
import { accessLabel, highestTier, lowestTier, rankOf, tierById, type TiersConfig } from './tiers';

// A community whose plans are not the demo's: nothing may assume the ids free/premium.
const custom: TiersConfig = {
  tiers: {
    patron: { name: 'Patron', rank: 90, benefits: [] },
    reader: { name: 'Reader', rank: 5, benefits: [] },
    member: { name: 'Member', rank: 50, benefits: [] },
  },
};

describe('lowestTier / highestTier', () => {
  it('come from the config, by rank, whatever the ids', () => {
    expect(lowestTier(custom)).toMatchObject({ id: 'reader', rank: 5, name: 'Reader' });
    expect(highestTier(custom)).toMatchObject({ id: 'patron', rank: 90 });
  });

  it('match the seed defaults', () => {
    expect(lowestTier(DEFAULT_TIERS)).toMatchObject({ id: 'free', rank: 10 });
    expect(highestTier(DEFAULT_TIERS)).toMatchObject({ id: 'premium', rank: 40 });
  });

  it('refuse a config without tiers rather than invent one', () => {
    expect(() => lowestTier({ tiers: {} })).toThrow('config/tiers lists no tiers');
    expect(() => highestTier({ tiers: {} })).toThrow('config/tiers lists no tiers');
  });
});

describe('seed defaults', () => {
  it('a signed-in member without claims reads at the lowest default tier', () => {
    expect(SIGNED_IN_RANK).toBe(lowestTier(DEFAULT_TIERS).rank);
  });

  it('the default community level is a default tier at its rank', () => {
    expect(rankOf(DEFAULT_TIERS, DEFAULT_COMMUNITY.access)).toBe(DEFAULT_COMMUNITY.rank);
  });
});

describe("looking a tier up by a caller's string", () => {
  // config/tiers is a plain object: its prototype's keys must not pass for tiers.
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('%s is no tier', (id) => {
    expect(tierById(DEFAULT_TIERS, id)).toBeUndefined();
    expect(rankOf(DEFAULT_TIERS, id)).toBeUndefined();
    expect(accessLabel(DEFAULT_TIERS, id)).toBe(id);
  });

  it('finds the tiers the config holds', () => {
    expect(tierById(custom, 'patron')?.rank).toBe(90);
    expect(rankOf(custom, 'public')).toBe(0);
    expect(accessLabel(custom, 'member')).toBe('Member');
  });
});

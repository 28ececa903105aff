import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS, highestTier, lowestTier } from './tiers';

describe('lowest and highest tier', () => {
  it('come from the ranks in the config, not from the ids', () => {
    expect(lowestTier(DEFAULT_TIERS)?.id).toBe('free');
    expect(highestTier(DEFAULT_TIERS)?.id).toBe('premium');
    const renamed = {
      tiers: { gold: { name: 'Gold', rank: 50, benefits: [] }, starter: { name: 'Starter', rank: 5, benefits: [] } },
    };
    expect(lowestTier(renamed)?.id).toBe('starter');
    expect(highestTier(renamed)?.id).toBe('gold');
  });

  it('are undefined when no tier is configured', () => {
    expect(lowestTier({ tiers: {} })).toBeUndefined();
    expect(highestTier({ tiers: {} })).toBeUndefined();
  });
});

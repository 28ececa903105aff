import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/tiers';
import { entitlementFor, type GrantFact } from './entitlement';

const now = new Date('2026-11-24T12:00:00Z');
const tiers = DEFAULT_TIERS;

const cases: Array<[string, GrantFact | null, string, number]> = [
  ['no grant', null, 'free', 10],
  ['open-ended grant', { tier: 'premium', endsAt: null }, 'premium', 40],
  ['grant running', { tier: 'main', endsAt: new Date('2026-12-01T00:00:00Z') }, 'main', 30],
  ['grant ended', { tier: 'main', endsAt: new Date('2026-11-01T00:00:00Z') }, 'free', 10],
  ['grant ending this instant', { tier: 'main', endsAt: now }, 'free', 10],
  ['grant of a removed tier', { tier: 'platinum', endsAt: null }, 'free', 10],
];

describe('entitlementFor', () => {
  it.each(cases)('%s', (_label, grant, tier, rank) => {
    expect(entitlementFor({ grant, now, tiers })).toMatchObject({ tier, rank });
  });

  it('follows the configured ranks', () => {
    const custom = { tiers: { ...tiers.tiers, main: { name: 'Main', rank: 33, benefits: [] } } };
    expect(entitlementFor({ grant: { tier: 'main', endsAt: null }, now, tiers: custom })).toEqual({ tier: 'main', rank: 33, source: 'grant' });
  });
});

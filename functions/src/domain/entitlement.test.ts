import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/defaults';
import { graceUntil, subscriptionGrantsTier } from '../shared/billing';
import { daysAfter, makeSubscriptionFact as sub, TEST_NOW as now } from '../testing/factories';
import { entitlementFor, type Entitlement, type GrantFact, type SubscriptionFact } from './entitlement';

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
    expect(entitlementFor({ grant: { tier: 'main', endsAt: null }, now, tiers: custom })).toEqual({
      tier: 'main',
      rank: 33,
      source: 'grant',
    });
  });

  it('falls back to the lowest configured tier, whatever its id', () => {
    const custom = {
      tiers: { reader: { name: 'Reader', rank: 5, benefits: [] }, patron: { name: 'Patron', rank: 90, benefits: [] } },
    };
    expect(entitlementFor({ grant: null, now, tiers: custom })).toEqual({ tier: 'reader', rank: 5, source: 'default' });
  });
});

describe('entitlementFor with a subscription', () => {
  const periodStart = daysAfter(-4); // where makeSubscriptionFact's period starts
  const table: Array<[string, SubscriptionFact | null, GrantFact | null, string, Entitlement['source']]> = [
    ['active', sub('active'), null, 'main', 'subscription'],
    ['trialing', sub('trialing', 'premium'), null, 'premium', 'subscription'],
    ['past_due inside the grace period', sub('past_due', 'main', 7), null, 'main', 'subscription'],
    ['past_due after the grace period', sub('past_due', 'main', 3), null, 'free', 'default'],
    ['past_due without grace', sub('past_due', 'main', 0), null, 'free', 'default'],
    ['canceled', sub('canceled', 'main', 7), null, 'free', 'default'],
    ['unpaid', sub('unpaid', 'main', 7), null, 'free', 'default'],
    ['incomplete (first payment pending)', sub('incomplete', 'main', 7), null, 'free', 'default'],
    ['incomplete_expired', sub('incomplete_expired', 'main', 7), null, 'free', 'default'],
    ['paused', sub('paused', 'main', 7), null, 'free', 'default'],
    ['unknown price', sub('active', null), null, 'free', 'default'],
    ['price of a removed tier', sub('active', 'platinum'), null, 'free', 'default'],
    ['canceled but a grant is running', sub('canceled'), { tier: 'basic', endsAt: null }, 'basic', 'grant'],
    ['grant above the paid plan', sub('active', 'basic'), { tier: 'premium', endsAt: null }, 'premium', 'grant'],
    ['paid plan above the grant', sub('active', 'premium'), { tier: 'basic', endsAt: null }, 'premium', 'subscription'],
    ['same tier paid and granted', sub('active', 'main'), { tier: 'main', endsAt: null }, 'main', 'subscription'],
    ['expired grant, canceled plan', sub('canceled'), { tier: 'main', endsAt: periodStart }, 'free', 'default'],
  ];
  it.each(table)('%s', (_label, subscription, grant, tier, source) => {
    expect(entitlementFor({ grant, subscription, now, tiers })).toEqual({
      tier,
      rank: tiers.tiers[tier]?.rank,
      source,
    });
  });

  it('grace ends exactly graceDays after the failed renewal', () => {
    const start = new Date(now.getTime() - 3 * 24 * 3600 * 1000);
    const fact: SubscriptionFact = { status: 'past_due', tier: 'main', graceUntil: graceUntil('past_due', start, 3) };
    expect(subscriptionGrantsTier(fact, now)).toBe(false);
    expect(subscriptionGrantsTier(fact, new Date(now.getTime() - 1))).toBe(true);
  });

  it('only past_due has a grace period', () => {
    expect(graceUntil('active', periodStart, 7)).toBeNull();
    expect(graceUntil('canceled', periodStart, 7)).toBeNull();
    expect(graceUntil('past_due', null, 7)).toBeNull();
  });
});

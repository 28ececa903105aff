import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/defaults';
import { type TiersConfig } from '../shared/tiers';
import { daysAfter, makeSubscriptionState, TEST_NOW as now } from '../testing/factories';
import {
  billingNotices,
  currentSubscription,
  planForPrice,
  planOf,
  type PlanView,
  type SubscriptionState,
} from './billing-state';

const tiers: TiersConfig = {
  tiers: Object.fromEntries(
    Object.entries(DEFAULT_TIERS.tiers).map(([id, def]) => [
      id,
      def.prices
        ? {
            ...def,
            prices: {
              monthly: { ...def.prices.monthly!, priceId: `price_${id}_m` },
              yearly: { ...def.prices.yearly!, priceId: `price_${id}_y` },
            },
          }
        : def,
    ]),
  ),
};
const sub = (id: string, status: SubscriptionState['status'], priceId: string, createdDaysAgo: number) =>
  makeSubscriptionState({ id, status, priceId, created: daysAfter(-createdDaysAgo) });

describe('planForPrice', () => {
  it('finds tier and interval of a configured price', () => {
    expect(planForPrice(tiers, 'price_main_y')).toEqual({ tier: 'main', interval: 'yearly' });
    expect(planForPrice(tiers, 'price_basic_m')).toEqual({ tier: 'basic', interval: 'monthly' });
  });
  it('returns null for a price config does not know', () => {
    expect(planForPrice(tiers, 'price_other')).toBeNull();
  });
});

describe('planOf', () => {
  it('maps a retired price through its tier metadata', () => {
    expect(planOf(tiers, { priceId: 'price_old', priceTier: 'main', interval: 'yearly' })).toEqual({
      tier: 'main',
      interval: 'yearly',
    });
  });
  it('prefers config over metadata and ignores unknown tiers', () => {
    expect(planOf(tiers, { priceId: 'price_basic_m', priceTier: 'main', interval: 'monthly' })?.tier).toBe('basic');
    expect(planOf(tiers, { priceId: 'price_old', priceTier: 'gold', interval: 'monthly' })).toBeNull();
  });
});

describe('currentSubscription', () => {
  it('prefers a granting subscription over a newer canceled one', () => {
    const old = sub('sub_old', 'active', 'price_basic_m', 40);
    const canceled = sub('sub_new', 'canceled', 'price_premium_m', 1);
    expect(currentSubscription([canceled, old], tiers, now, 0)?.id).toBe('sub_old');
  });
  it('prefers the higher tier when two grant', () => {
    const a = sub('sub_a', 'active', 'price_basic_m', 1);
    const b = sub('sub_b', 'trialing', 'price_premium_y', 10);
    expect(currentSubscription([a, b], tiers, now, 0)?.id).toBe('sub_b');
  });
  it('falls back to the newest when none grants', () => {
    const a = sub('sub_a', 'canceled', 'price_basic_m', 30);
    const b = sub('sub_b', 'incomplete_expired', 'price_main_m', 2);
    expect(currentSubscription([a, b], tiers, now, 0)?.id).toBe('sub_b');
  });
  it('is null without subscriptions', () => {
    expect(currentSubscription([], tiers, now, 7)).toBeNull();
  });
});

describe('billingNotices', () => {
  const none: PlanView = { tier: null, status: null, cancelAtPeriodEnd: false, paying: false };
  const main: PlanView = { tier: 'main', status: 'active', cancelAtPeriodEnd: false, paying: true };
  const cases: Array<[string, PlanView, PlanView, string[]]> = [
    ['first purchase', none, main, ['welcome']],
    ['trial start', none, { ...main, status: 'trialing' }, ['welcome']],
    ['same state again (replayed event)', main, main, []],
    ['upgrade', main, { ...main, tier: 'premium' }, ['plan-changed']],
    ['renewal failed', main, { ...main, status: 'past_due' }, ['payment-failed']],
    ['still past due', { ...main, status: 'past_due' }, { ...main, status: 'past_due' }, []],
    ['cancel at period end', main, { ...main, cancelAtPeriodEnd: true }, ['cancellation-scheduled']],
    [
      'period ended after cancel',
      { ...main, cancelAtPeriodEnd: true },
      { ...main, status: 'canceled', paying: false, cancelAtPeriodEnd: true },
      [],
    ],
    ['resubscribe after cancel', { ...main, status: 'canceled', paying: false }, main, ['welcome']],
  ];
  it.each(cases)('%s', (_label, before, after, expected) => {
    expect(billingNotices(before, after)).toEqual(expected);
  });
});

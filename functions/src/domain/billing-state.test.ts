import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/defaults';
import { type TiersConfig } from '../shared/tiers';
import { daysAfter, makeSubscriptionState, TEST_NOW as now } from '../testing/factories';
import {
  billingNotices,
  billingReminders,
  currentSubscription,
  graceLapsed,
  noticeKey,
  paymentReversed,
  planForPrice,
  planOf,
  type PlanView,
  type ReminderView,
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
      ['access-ended'],
    ],
    ['resubscribe after cancel', { ...main, status: 'canceled', paying: false }, main, ['welcome']],
    ['past due paid again', { ...main, status: 'past_due' }, main, ['payment-recovered']],
    ['unpaid paid again', { ...main, status: 'unpaid', paying: false }, main, ['payment-recovered']],
    ['past due, grace over, paid again', { ...main, status: 'past_due', paying: false }, main, ['payment-recovered']],
    [
      'past due, grace over, then a new subscription',
      { ...main, status: 'past_due', paying: false, subscriptionId: 'sub_old' },
      { ...main, subscriptionId: 'sub_new' },
      ['welcome'],
    ],
    [
      'past due becomes unpaid',
      { ...main, status: 'past_due' },
      { ...main, status: 'unpaid', paying: false },
      ['access-ended'],
    ],
    ['canceled at once (refund)', main, { ...main, status: 'canceled', paying: false }, ['access-ended']],
    [
      'still ended (replayed event)',
      { ...main, status: 'canceled', paying: false },
      { ...main, status: 'canceled', paying: false },
      [],
    ],
    ['trial ends in a paid period', { ...main, status: 'trialing' }, main, []],
  ];
  it.each(cases)('%s', (_label, before, after, expected) => {
    expect(billingNotices(before, after)).toEqual(expected);
  });
});

describe('noticeKey', () => {
  const start = new Date('2027-01-01T00:00:00Z');
  const before: PlanView = {
    tier: 'main',
    status: 'past_due',
    cancelAtPeriodEnd: false,
    paying: true,
    subscriptionId: 'sub_1',
    periodStart: start,
  };
  const after: PlanView = { ...before, status: 'unpaid', paying: false };
  it('names the period that granted the tier for access-ended, whenever it is read', () => {
    const a = noticeKey('u1', 'access-ended', before, after, now);
    expect(a).toBe(`u1_access-ended_sub_1_${start.getTime()}`);
    expect(noticeKey('u1', 'access-ended', before, { ...after, status: 'canceled' }, daysAfter(3))).toBe(a);
  });
  it('names the period paid late for payment-recovered', () => {
    expect(noticeKey('u1', 'payment-recovered', before, { ...before, status: 'active' }, now)).toBe(
      `u1_payment-recovered_sub_1_${start.getTime()}`,
    );
  });
  it('names the read for the other notices, or when the subscription is unknown', () => {
    expect(noticeKey('u1', 'welcome', before, after, now)).toBe(`u1_welcome_${now.getTime()}`);
    expect(noticeKey('u1', 'access-ended', { ...before, subscriptionId: null }, after, now)).toBe(
      `u1_access-ended_${now.getTime()}`,
    );
  });
});

describe('graceLapsed', () => {
  const cases: Array<[string, Parameters<typeof graceLapsed>, boolean]> = [
    ['grace over, still on the paid rank', [{ status: 'past_due', graceUntil: daysAfter(-1) }, 30, 10, now], true],
    ['grace ends exactly now', [{ status: 'past_due', graceUntil: now }, 30, 10, now], true],
    ['still in grace', [{ status: 'past_due', graceUntil: daysAfter(1) }, 30, 30, now], false],
    ['already fallen back (job ran before)', [{ status: 'past_due', graceUntil: daysAfter(-1) }, 10, 10, now], false],
    ['a grant keeps the rank', [{ status: 'past_due', graceUntil: daysAfter(-1) }, 30, 30, now], false],
    ['paid again since', [{ status: 'active', graceUntil: null }, 30, 30, now], false],
  ];
  it.each(cases)('%s', (_label, args, expected) => {
    expect(graceLapsed(...args)).toBe(expected);
  });
});

describe('billingReminders', () => {
  const yearly: ReminderView = {
    id: 'sub_y',
    status: 'active',
    interval: 'yearly',
    cancelAtPeriodEnd: false,
    trialEnd: null,
    currentPeriodEnd: daysAfter(5),
  };
  const trial: ReminderView = {
    ...yearly,
    id: 'sub_t',
    status: 'trialing',
    interval: 'monthly',
    trialEnd: daysAfter(2),
  };
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  const cases: Array<[string, ReminderView, string[]]> = [
    ['yearly renewal in 5 days', yearly, ['renewal-upcoming']],
    ['yearly renewal in 8 days', { ...yearly, currentPeriodEnd: daysAfter(8) }, []],
    ['yearly renewal passed', { ...yearly, currentPeriodEnd: daysAfter(-1) }, []],
    ['monthly renewal in 5 days', { ...yearly, interval: 'monthly' }, []],
    ['yearly, cancelling', { ...yearly, cancelAtPeriodEnd: true }, []],
    ['yearly, past due', { ...yearly, status: 'past_due' }, []],
    ['trial ends in 2 days', trial, ['trial-ending']],
    ['trial ends in 4 days', { ...trial, trialEnd: daysAfter(4) }, []],
    ['trial ended', { ...trial, trialEnd: daysAfter(-1) }, []],
    ['trial, cancelling', { ...trial, cancelAtPeriodEnd: true }, []],
  ];
  it.each(cases)('%s', (_label, sub, expected) => {
    expect(billingReminders(sub, now).map((r) => r.template)).toEqual(expected);
  });
  it('names the subscription and the date, so every run finds the same occurrence', () => {
    expect(billingReminders(trial, now)[0]?.occurrence).toBe(`sub_t_${seconds(trial.trialEnd!)}`);
    expect(billingReminders(yearly, daysAfter(1))[0]?.occurrence).toBe(`sub_y_${seconds(yearly.currentPeriodEnd!)}`);
  });
  it("widens the window by the slack given for Stripe's own notices", () => {
    const early = { ...trial, trialEnd: new Date(now.getTime() + 3 * 86_400_000 + 60_000) };
    expect(billingReminders(early, now)).toEqual([]);
    expect(billingReminders(early, now, 3_600_000).map((r) => r.template)).toEqual(['trial-ending']);
  });
});

describe('paymentReversed', () => {
  const cases: Array<[string, Parameters<typeof paymentReversed>[0], boolean]> = [
    ['full refund', { amount: 1900, amountRefunded: 1900 }, true],
    ['partial refund', { amount: 1900, amountRefunded: 500 }, false],
    ['no refund', { amount: 1900, amountRefunded: 0 }, false],
    ['a zero charge', { amount: 0, amountRefunded: 0 }, false],
    ['dispute lost', { amount: 1900, amountRefunded: 0, disputeStatus: 'lost' }, true],
    ['dispute won', { amount: 1900, amountRefunded: 0, disputeStatus: 'won' }, false],
    ['dispute open', { amount: 1900, amountRefunded: 0, disputeStatus: 'needs_response' }, false],
  ];
  it.each(cases)('%s', (_label, charge, expected) => {
    expect(paymentReversed(charge)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/defaults';
import { mrrChange } from '../shared/overview';
import { changeOn, monthlyRevenue, nextMemberState, revenueStateOf, topCounts, type RevenueFacts } from './overview';

const NOW = new Date('2026-12-03T12:00:00Z');
const DAY = '2026-12-03';
const later = new Date('2027-01-01T00:00:00Z');
const earlier = new Date('2026-11-01T00:00:00Z');

const sub = (over: Partial<NonNullable<RevenueFacts['subscription']>> = {}): RevenueFacts['subscription'] => ({
  status: 'active',
  tier: 'main',
  interval: 'monthly',
  amount: 1900,
  currency: 'eur',
  graceUntil: null,
  ...over,
});
const facts = (subscription: RevenueFacts['subscription'], grant: RevenueFacts['grant'] = null): RevenueFacts => ({
  subscription,
  grant,
});

describe('revenueStateOf', () => {
  it.each<[string, RevenueFacts, string]>([
    ['no subscription, no grant', facts(null), 'free'],
    ['an active subscription', facts(sub()), 'paid'],
    ['a trial', facts(sub({ status: 'trialing' })), 'trial'],
    ['a trial with a grant too', facts(sub({ status: 'trialing' }), { endsAt: null }), 'trial'],
    ['past due within grace', facts(sub({ status: 'past_due', graceUntil: later })), 'paid'],
    ['past due after grace', facts(sub({ status: 'past_due', graceUntil: earlier })), 'free'],
    ['cancelled', facts(sub({ status: 'canceled' })), 'free'],
    ['unpaid', facts(sub({ status: 'unpaid' })), 'free'],
    ['a grant without end', facts(null, { endsAt: null }), 'complimentary'],
    ['a grant running', facts(null, { endsAt: later }), 'complimentary'],
    ['a grant that ended', facts(null, { endsAt: earlier }), 'free'],
    ['a grant and a paid plan', facts(sub(), { endsAt: null }), 'paid'],
    ['a cancelled plan and a grant', facts(sub({ status: 'canceled' }), { endsAt: null }), 'complimentary'],
  ])('%s is %s', (_what, input, state) => {
    expect(revenueStateOf(input, NOW)).toBe(state);
  });
});

describe('monthlyRevenue', () => {
  it.each<[string, RevenueFacts, { currency: string; amount: number } | null]>([
    ['a monthly price counts whole', facts(sub()), { currency: 'eur', amount: 1900 }],
    [
      'a yearly price counts a twelfth',
      facts(sub({ interval: 'yearly', amount: 19000 })),
      { currency: 'eur', amount: 1583 },
    ],
    ['a trial counts nothing', facts(sub({ status: 'trialing' })), null],
    ['a grant counts nothing', facts(null, { endsAt: null }), null],
    ['a cancelled plan counts nothing', facts(sub({ status: 'canceled' })), null],
    [
      'past due within grace still counts',
      facts(sub({ status: 'past_due', graceUntil: later })),
      { currency: 'eur', amount: 1900 },
    ],
    [
      'without an amount, the configured price',
      facts(sub({ amount: 0, tier: 'premium', interval: 'yearly' })),
      { currency: 'eur', amount: 3250 },
    ],
    ['without amount or configured price, nothing', facts(sub({ amount: 0, tier: 'gold' })), null],
    ['the currency is lower-cased', facts(sub({ currency: 'USD', amount: 1000 })), { currency: 'usd', amount: 1000 }],
  ])('%s', (_what, input, expected) => {
    expect(monthlyRevenue(input, DEFAULT_TIERS, NOW)).toEqual(expected);
  });
});

describe('nextMemberState and changeOn (conversions and churn)', () => {
  const YESTERDAY = '2026-12-02';
  it.each<
    [
      string,
      Parameters<typeof nextMemberState>[0],
      Parameters<typeof nextMemberState>[1],
      boolean,
      'conversion' | 'churn' | null,
      boolean,
    ]
  >([
    ['first seen, old member: a baseline, nothing counted', undefined, 'paid', false, null, true],
    ['first seen, signed up and paid today: a conversion', undefined, 'paid', true, 'conversion', true],
    ['first seen, signed up today, free: nothing', undefined, 'free', true, null, true],
    [
      'free yesterday, paid today: a conversion',
      { state: 'free', since: YESTERDAY, prev: null },
      'paid',
      false,
      'conversion',
      true,
    ],
    [
      'trial yesterday, paid today: a conversion',
      { state: 'trial', since: YESTERDAY, prev: 'free' },
      'paid',
      false,
      'conversion',
      true,
    ],
    [
      'complimentary yesterday, paid today: a conversion',
      { state: 'complimentary', since: YESTERDAY, prev: 'free' },
      'paid',
      false,
      'conversion',
      true,
    ],
    [
      'paid yesterday, free today: churn',
      { state: 'paid', since: YESTERDAY, prev: 'free' },
      'free',
      false,
      'churn',
      true,
    ],
    [
      'paid yesterday, complimentary today: churn',
      { state: 'paid', since: YESTERDAY, prev: 'free' },
      'complimentary',
      false,
      'churn',
      true,
    ],
    ['free to trial: neither', { state: 'free', since: YESTERDAY, prev: null }, 'trial', false, null, true],
    ['paid for days: nothing', { state: 'paid', since: YESTERDAY, prev: 'free' }, 'paid', false, null, false],
    [
      'converted today, seen again today: counted again (idempotent)',
      { state: 'paid', since: DAY, prev: 'free' },
      'paid',
      false,
      'conversion',
      false,
    ],
    [
      'paid then free within today: nothing (prev kept)',
      { state: 'paid', since: DAY, prev: 'free' },
      'free',
      false,
      null,
      true,
    ],
    [
      'free then trial then paid today: a conversion',
      { state: 'trial', since: DAY, prev: 'free' },
      'paid',
      false,
      'conversion',
      true,
    ],
  ])('%s', (_what, stored, current, signedUpToday, change, write) => {
    const next = nextMemberState(stored, current, DAY, signedUpToday);
    expect(next.write).toBe(write);
    expect(next.value.state).toBe(current);
    expect(changeOn(next.value, DAY)).toBe(change);
  });

  it('counts a change on its own day only', () => {
    expect(changeOn({ state: 'paid', since: YESTERDAY, prev: 'free' }, DAY)).toBeNull();
  });
});

describe('topCounts', () => {
  it('keeps the largest, ties by id', () => {
    const counts = new Map([
      ['b', 3],
      ['a', 3],
      ['c', 9],
      ['d', 1],
    ]);
    expect(topCounts(counts, 3)).toEqual([
      { id: 'c', count: 9 },
      { id: 'a', count: 3 },
      { id: 'b', count: 3 },
    ]);
  });
});

describe('mrrChange', () => {
  it('compares by currency, a missing side counting 0', () => {
    expect(mrrChange({ eur: 5000, usd: 100 }, { eur: 3000, gbp: 50 })).toEqual([
      { currency: 'eur', now: 5000, before: 3000, change: 2000 },
      { currency: 'gbp', now: 0, before: 50, change: -50 },
      { currency: 'usd', now: 100, before: 0, change: 100 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { makeSubscriptionState } from '../testing/factories';
import { duplicateSubscriptions, unusedRefund } from './duplicate-subscriptions';

const d = (iso: string) => new Date(iso);
const period = { periodStart: d('2027-01-01T00:00:00Z'), periodEnd: d('2027-01-31T00:00:00Z') };

describe('unusedRefund', () => {
  it.each<[string, number, Date | null, Date | null, string, number]>([
    ['cancelled at the start: all of it', 3000, period.periodStart, period.periodEnd, '2027-01-01T00:00:00Z', 3000],
    ['a third used', 3000, period.periodStart, period.periodEnd, '2027-01-11T00:00:00Z', 2000],
    ['rounded down, never a cent more', 1000, period.periodStart, period.periodEnd, '2027-01-02T00:00:00Z', 966],
    ['after the period: nothing', 3000, period.periodStart, period.periodEnd, '2027-02-02T00:00:00Z', 0],
    [
      'before the period started (clock skew): no more than paid',
      3000,
      period.periodStart,
      period.periodEnd,
      '2026-12-31T00:00:00Z',
      3000,
    ],
    ['a trial paid nothing', 0, period.periodStart, period.periodEnd, '2027-01-02T00:00:00Z', 0],
    ['no period known', 3000, null, period.periodEnd, '2027-01-02T00:00:00Z', 0],
    ['an empty period', 3000, period.periodEnd, period.periodEnd, '2027-01-02T00:00:00Z', 0],
  ])('%s', (_label, paid, periodStart, periodEnd, at, expected) => {
    expect(unusedRefund({ paid, periodStart, periodEnd }, d(at))).toBe(expected);
  });
});

describe('duplicateSubscriptions', () => {
  const kept = makeSubscriptionState({ id: 'sub_kept', status: 'active' });
  it('are the live subscriptions other than the deciding one', () => {
    const subs = [
      kept,
      makeSubscriptionState({ id: 'sub_twin', status: 'active' }),
      makeSubscriptionState({ id: 'sub_trial', status: 'trialing' }),
      makeSubscriptionState({ id: 'sub_late', status: 'past_due' }),
      makeSubscriptionState({ id: 'sub_old', status: 'canceled' }),
      makeSubscriptionState({ id: 'sub_never', status: 'incomplete_expired' }),
      makeSubscriptionState({ id: 'sub_unpaid', status: 'unpaid' }),
    ];
    expect(duplicateSubscriptions(subs, kept).map((s) => s.id)).toEqual(['sub_twin', 'sub_trial', 'sub_late']);
  });
  it('none when the deciding one is itself ended (the newest of nothing running, e.g. a cancelled duplicate)', () => {
    const ended = makeSubscriptionState({ id: 'sub_dup', status: 'canceled' });
    const real = makeSubscriptionState({ id: 'sub_real', status: 'unpaid' });
    expect(duplicateSubscriptions([ended, real], ended)).toEqual([]);
  });
  it('none without a deciding subscription, nor when it is the only one', () => {
    expect(duplicateSubscriptions([kept], null)).toEqual([]);
    expect(duplicateSubscriptions([kept], kept)).toEqual([]);
  });
});

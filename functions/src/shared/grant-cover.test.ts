import { describe, expect, it } from 'vitest';
import { coveredMessage, grantCover, MIN_DEFERRAL_MS, type GrantLike } from './grant-cover';
import type { TiersConfig } from './tiers';

// Ids unlike the demo's, so nothing may assume free/basic/premium.
const tiers: TiersConfig = {
  tiers: {
    reader: { name: 'Reader', rank: 5, benefits: [] },
    member: { name: 'Member', rank: 50, benefits: [] },
    patron: { name: 'Patron', rank: 90, benefits: [] },
  },
};
const now = new Date('2027-01-10T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;
const grant = (tier: string, endsAt: Date | null): GrantLike => ({ tier, endsAt });

describe('grantCover', () => {
  it.each<[string, GrantLike | null, string, ReturnType<typeof grantCover>]>([
    ['no grant', null, 'member', { kind: 'none' }],
    ['open-ended grant of the same plan', grant('member', null), 'member', { kind: 'covered', grantTier: 'member' }],
    ['open-ended grant above the plan', grant('patron', null), 'member', { kind: 'covered', grantTier: 'patron' }],
    ['open-ended grant below the plan', grant('member', null), 'patron', { kind: 'none' }],
    [
      'dated grant above the plan: pay from its end',
      grant('patron', later(30 * DAY)),
      'reader',
      { kind: 'until', grantTier: 'patron', endsAt: later(30 * DAY), billingStartsAt: later(30 * DAY) },
    ],
    [
      'dated grant of the same plan, ending too soon to defer the first payment',
      grant('member', later(DAY)),
      'member',
      { kind: 'until', grantTier: 'member', endsAt: later(DAY), billingStartsAt: null },
    ],
    [
      'dated grant just far enough ahead to defer',
      grant('member', later(MIN_DEFERRAL_MS)),
      'member',
      { kind: 'until', grantTier: 'member', endsAt: later(MIN_DEFERRAL_MS), billingStartsAt: later(MIN_DEFERRAL_MS) },
    ],
    ['dated grant below the plan', grant('reader', later(30 * DAY)), 'member', { kind: 'none' }],
    ['expired grant', grant('patron', later(-1)), 'member', { kind: 'none' }],
    ['grant ending right now', grant('patron', now), 'member', { kind: 'none' }],
    ['grant of a tier config no longer lists', grant('gold', null), 'member', { kind: 'none' }],
    ['unknown plan', grant('patron', null), 'toString', { kind: 'none' }],
  ])('%s', (_label, g, tier, expected) => {
    expect(grantCover(tiers, g, tier, now)).toEqual(expected);
  });
});

describe('coveredMessage', () => {
  it('names the grant and the plan', () => {
    expect(coveredMessage(tiers, 'patron', 'reader')).toBe(
      'Your complimentary Patron includes everything in Reader and has no end date: there is nothing to pay for.',
    );
    expect(coveredMessage(tiers, 'member', 'member')).toMatch(/already have Member/);
  });
});

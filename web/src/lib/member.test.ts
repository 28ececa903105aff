import { DEFAULT_NOTIFICATION_PREFS } from '@shared/notifications';
import { describe, expect, it } from 'vitest';
import { memberView, type StoredMember } from './member';

const stamp = (iso: string) => ({ toDate: () => new Date(iso), toMillis: () => Date.parse(iso) });

describe('memberView', () => {
  it('reads a complete member document with Timestamps as Dates', () => {
    const view = memberView(
      {
        email: 'ada@example.com',
        name: 'Ada',
        tier: 'main',
        rank: 30,
        admin: false,
        grant: { tier: 'basic', endsAt: stamp('2027-01-31T00:00:00Z'), note: 'speaker', grantedBy: 'x' },
        emailPrefs: { newsletter: false, events: true },
        emailVerified: false,
        stripeCustomerId: 'cus_123',
        subscription: {
          id: 'sub_1',
          status: 'active',
          tier: 'main',
          interval: 'monthly',
          priceId: 'price_main_m',
          amount: 1900,
          currency: 'eur',
          currentPeriodStart: stamp('2026-11-01T00:00:00Z'),
          currentPeriodEnd: stamp('2026-12-01T00:00:00Z'),
          cancelAtPeriodEnd: false,
          trialEnd: null,
          graceUntil: null,
          syncedAt: stamp('2026-11-01T00:00:05Z'),
        },
        mrr: 1900,
      },
      'fallback@example.com',
    );
    expect(view).toEqual({
      email: 'ada@example.com',
      name: 'Ada',
      tier: 'main',
      rank: 30,
      admin: false,
      grant: { tier: 'basic', endsAt: new Date('2027-01-31T00:00:00Z'), note: 'speaker' },
      emailPrefs: { newsletter: false, events: true },
      emailVerified: false,
      stripeCustomerId: 'cus_123',
      subscription: {
        id: 'sub_1',
        status: 'active',
        tier: 'main',
        interval: 'monthly',
        priceId: 'price_main_m',
        amount: 1900,
        currency: 'eur',
        currentPeriodStart: new Date('2026-11-01T00:00:00Z'),
        currentPeriodEnd: new Date('2026-12-01T00:00:00Z'),
        cancelAtPeriodEnd: false,
        trialEnd: null,
        graceUntil: null,
        syncedAt: new Date('2026-11-01T00:00:05Z'),
      },
      notificationPrefs: { ...DEFAULT_NOTIFICATION_PREFS, event: 'both' },
      notificationsReadAt: null,
      personalUnread: 0,
    });
  });

  it('reads a sparse document (a sign-up before billing existed) with the plan not set yet', () => {
    expect(memberView({}, 'new@example.com')).toEqual({
      email: 'new@example.com',
      name: '',
      tier: null,
      rank: null,
      admin: false,
      grant: null,
      emailPrefs: { newsletter: true, events: true },
      // Members from before addresses were mirrored count as verified.
      emailVerified: true,
      stripeCustomerId: null,
      subscription: null,
      notificationPrefs: DEFAULT_NOTIFICATION_PREFS,
      notificationsReadAt: null,
      personalUnread: 0,
    });
  });

  it('ignores malformed billing and grant fields instead of failing', () => {
    const malformed = {
      stripeCustomerId: 42,
      subscription: { id: 'sub_1', status: 'mystery' },
      grant: { endsAt: 'tomorrow' },
      emailPrefs: 'yes',
    };
    const view = memberView(malformed as unknown as StoredMember, 'x@example.com');
    expect(view.stripeCustomerId).toBeNull();
    expect(view.subscription).toBeNull();
    expect(view.grant).toBeNull();
    expect(view.emailPrefs).toEqual({ newsletter: true, events: true });
    expect(memberView({ subscription: null, stripeCustomerId: '' }, 'x@example.com')).toMatchObject({
      subscription: null,
      stripeCustomerId: null,
    });
  });

  it('keeps a grant without an end date', () => {
    expect(memberView({ grant: { tier: 'premium', endsAt: null } }, 'x@example.com').grant).toEqual({
      tier: 'premium',
      endsAt: null,
      note: '',
    });
  });
});

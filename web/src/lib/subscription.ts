// `members/{uid}.subscription` read defensively. Kept apart from billing.ts because the session store
// (in the first route's bundle) needs only this; the pricing and account helpers load with their pages.
import {
  BILLING_INTERVALS,
  type BillingInterval,
  type SubscriptionMirror,
  type SubscriptionStatus,
} from '@shared/billing';

/** `members/{uid}.subscription` with Dates; `syncedAt` is null when the stored value was unreadable. */
export type SubscriptionView = Omit<SubscriptionMirror<Date>, 'syncedAt'> & { syncedAt: Date | null };

const STATUSES: readonly SubscriptionStatus[] = [
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'paused',
];

/** A Firestore Timestamp (or a Date) as a Date; null for anything else. */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (value && typeof value === 'object' && typeof (value as { toDate?: unknown }).toDate === 'function') {
    const date = (value as { toDate(): unknown }).toDate();
    return date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;
  }
  return null;
}

export function isBillingInterval(value: unknown): value is BillingInterval {
  return typeof value === 'string' && (BILLING_INTERVALS as readonly string[]).includes(value);
}

/**
 * The stored subscription mirror, or null when there is none or it is unusable (no id or an unknown
 * status). Missing optional fields get neutral values rather than breaking the page.
 */
export function parseSubscription(raw: unknown): SubscriptionView | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Record<string, unknown>;
  if (typeof s.id !== 'string' || !s.id) return null;
  if (typeof s.status !== 'string' || !STATUSES.includes(s.status as SubscriptionStatus)) return null;
  return {
    id: s.id,
    status: s.status as SubscriptionStatus,
    tier: typeof s.tier === 'string' && s.tier ? s.tier : null,
    interval: isBillingInterval(s.interval) ? s.interval : null,
    priceId: typeof s.priceId === 'string' ? s.priceId : '',
    amount: typeof s.amount === 'number' && Number.isFinite(s.amount) ? s.amount : 0,
    currency: typeof s.currency === 'string' && s.currency ? s.currency : 'eur',
    currentPeriodStart: toDate(s.currentPeriodStart),
    currentPeriodEnd: toDate(s.currentPeriodEnd),
    cancelAtPeriodEnd: s.cancelAtPeriodEnd === true,
    trialEnd: toDate(s.trialEnd),
    graceUntil: toDate(s.graceUntil),
    syncedAt: toDate(s.syncedAt),
  };
}

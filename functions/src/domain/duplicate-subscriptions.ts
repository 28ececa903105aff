import type { SubscriptionState } from './billing-state';

/**
 * Two subscriptions for one member (two Checkout tabs paid, a race): the one `currentSubscription`
 * chose decides the plan and every other live one is a duplicate, cancelled at once with the unused
 * part of what was paid for its current period refunded. Pure; the sync does the Stripe calls.
 */

/** Statuses in which a subscription can still charge or grant; the rest are history. */
const LIVE = new Set<SubscriptionState['status']>(['active', 'trialing', 'past_due', 'unpaid', 'paused']);

/** The customer's live subscriptions other than the deciding one. */
export function duplicateSubscriptions(subs: SubscriptionState[], chosen: SubscriptionState | null): SubscriptionState[] {
  if (!chosen) return [];
  return subs.filter((s) => s.id !== chosen.id && LIVE.has(s.status));
}

export interface PaidPeriod {
  /** Amount paid for the current period (smallest currency unit): the period's paid invoice. */
  paid: number;
  periodStart: Date | null;
  periodEnd: Date | null;
}

/**
 * The refund for a duplicate cancelled at `at`: what was paid, times the share of the period not yet
 * used, rounded down (never more than was paid, never negative). A trial or an unpaid period refunds 0.
 */
export function unusedRefund(p: PaidPeriod, at: Date): number {
  if (p.paid <= 0 || !p.periodStart || !p.periodEnd) return 0;
  const total = p.periodEnd.getTime() - p.periodStart.getTime();
  if (total <= 0) return 0;
  const left = Math.min(total, Math.max(0, p.periodEnd.getTime() - at.getTime()));
  return Math.floor((p.paid * left) / total);
}

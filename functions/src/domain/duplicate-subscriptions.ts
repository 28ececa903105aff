import type { SubscriptionState } from './billing-state';

/**
 * Two subscriptions for one member (two Checkout tabs paid, a race): the one `currentSubscription`
 * chose decides the plan and every other live one is a duplicate, cancelled at once with the unused
 * part of what was paid for its current period refunded. Pure; the sync does the Stripe calls.
 */

/** Statuses of a running subscription (paid up, in trial, or being retried); the rest are ended or stopped. */
const LIVE = new Set<SubscriptionState['status']>(['active', 'trialing', 'past_due']);

/**
 * The customer's running subscriptions other than the deciding one. Only when the deciding one runs
 * too: when none grants anything, `currentSubscription` falls back to the newest (maybe an ended one),
 * and an older running subscription is then the member's real one, not a duplicate.
 */
export function duplicateSubscriptions(
  subs: SubscriptionState[],
  chosen: SubscriptionState | null,
): SubscriptionState[] {
  if (!chosen || !LIVE.has(chosen.status)) return [];
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

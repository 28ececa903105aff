import type Stripe from 'stripe';
import type { SubscriptionState } from '../domain/billing-state';
import type { BillingInterval, SubscriptionStatus } from '../shared/billing';

const date = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);
const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === 'string' ? ref : (ref?.id ?? null));

const INTERVALS: Record<string, BillingInterval> = { month: 'monthly', year: 'yearly' };

/** The SDK's subscription as our pure state. Since API 2025-03-31 the period lives on the item. */
export function subscriptionState(sub: Stripe.Subscription): SubscriptionState {
  const item = sub.items.data[0];
  return {
    id: sub.id,
    status: sub.status as SubscriptionStatus,
    priceId: item?.price.id ?? '',
    priceTier: item?.price.metadata?.tier ?? null,
    interval: INTERVALS[item?.price.recurring?.interval ?? ''] ?? null,
    amount: (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1),
    currency: item?.price.currency ?? sub.currency,
    created: new Date(sub.created * 1000),
    currentPeriodStart: date(item?.current_period_start),
    currentPeriodEnd: date(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    trialEnd: date(sub.trial_end),
  };
}

/**
 * The Stripe customer an event concerns. Every billing event we handle leads to one customer; we then
 * re-read that customer's subscriptions instead of trusting the (possibly stale) payload.
 */
export function customerOfEvent(event: Stripe.Event): string | null {
  const object = event.data.object as { object?: string; customer?: string | { id: string } | null };
  return idOf(object.customer);
}

/** Events that can change a member's plan or owe them a mail. Others are acknowledged and ignored. */
export const BILLING_EVENTS = new Set<string>([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_action_required',
  // Reminders, refunds and disputes: see billing-events.ts.
  'invoice.upcoming',
  'charge.refunded',
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
]);

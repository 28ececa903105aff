/**
 * Billing contract shared by functions and the web app. Stripe is the source of truth; `members/{uid}`
 * mirrors what the member and admins need to see. Only functions write these fields.
 */

/** The price intervals a tier can be sold at; keys of `TierDefinition.prices`. */
export const BILLING_INTERVALS = ['monthly', 'yearly'] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

/** Stripe subscription statuses (https://docs.stripe.com/api/subscriptions/object#subscription_object-status). */
export type SubscriptionStatus =
  'active' | 'trialing' | 'past_due' | 'unpaid' | 'canceled' | 'incomplete' | 'incomplete_expired' | 'paused';

/** `members/{uid}.subscription`: the member's current Stripe subscription as last read from Stripe. */
export interface SubscriptionMirror<Time = unknown> {
  id: string;
  status: SubscriptionStatus;
  /** The tier its price belongs to (config/tiers), or null when the price is unknown to us. */
  tier: string | null;
  interval: BillingInterval | null;
  priceId: string;
  /** Amount charged per interval, smallest currency unit. */
  amount: number;
  currency: string;
  currentPeriodStart: Time | null;
  currentPeriodEnd: Time | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Time | null;
  /** For `past_due`: the tier is kept until then while Stripe retries the payment. */
  graceUntil: Time | null;
  /** When we read this state from Stripe; an older read never overwrites a newer one. */
  syncedAt: Time;
}

/** Billing fields on `members/{uid}` (besides tier/rank, which entitlement sets). */
export interface MemberBillingFields<Time = unknown> {
  stripeCustomerId?: string;
  subscription?: SubscriptionMirror<Time> | null;
  /** Monthly recurring revenue from this member in the smallest currency unit (0 when not paying), for admin sums. */
  mrr?: number;
  /** The member's latest card dispute (chargeback), as last read from Stripe; the admin sees it on the members page. */
  dispute?: DisputeRecord<Time> | null;
}

/** Stripe's dispute statuses that are final; any other status is a dispute still open. */
export const CLOSED_DISPUTE_STATUSES = ['won', 'lost', 'warning_closed', 'prevented'] as const;

/** `members/{uid}.dispute`: a chargeback on one of the member's payments (https://docs.stripe.com/api/disputes/object). */
export interface DisputeRecord<Time = unknown> {
  id: string;
  /** Stripe's status: `needs_response`, `under_review`, `won`, `lost`, … */
  status: string;
  /** Disputed amount, smallest currency unit. */
  amount: number;
  currency: string;
  /** Stripe's reason: `fraudulent`, `product_not_received`, … */
  reason: string;
  openedAt: Time;
}

/** Whether a dispute still waits for a decision (the admin's members page flags it). */
export function isDisputeOpen(dispute: Pick<DisputeRecord, 'status'> | null | undefined): boolean {
  return !!dispute && !(CLOSED_DISPUTE_STATUSES as readonly string[]).includes(dispute.status);
}

/** Payload of the `createCheckoutSession` callable (schema: billing-schema.ts). */
export interface CheckoutRequest {
  tier: string;
  interval: BillingInterval;
  /** A safe in-app path (`shared/return-path.ts`) to return to once the plan is active: the item that led here. */
  returnTo?: string;
}
/** `checkout`: a Stripe Checkout page; `portal`: the member already pays, so plan changes go through the portal. */
export interface BillingRedirect {
  url: string;
  kind: 'checkout' | 'portal';
}

/** Callable names, so web and functions cannot drift. */
export const BILLING_CALLABLES = {
  checkout: 'createCheckoutSession',
  portal: 'createPortalSession',
} as const;

/** Outbox `mail/{id}` templates billing queues for the email issue to deliver. */
export type BillingMailTemplate =
  'welcome' | 'plan-changed' | 'payment-failed' | 'cancellation-scheduled' | 'payment-recovered' | 'access-ended';

/** Monthly value of a price: yearly amounts are spread over 12 months (rounded to the cent). */
export function monthlyAmount(amount: number, interval: BillingInterval | null): number {
  return interval === 'yearly' ? Math.round(amount / 12) : amount;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * End of the grace period of a `past_due` subscription: the failed renewal happened when the current
 * period started, and the member keeps the tier for `graceDays` after that. Stored with the mirror, so
 * every later entitlement check (grant expiry, reconciliation, the web app) sees the same deadline.
 */
export function graceUntil(
  status: SubscriptionStatus,
  currentPeriodStart: Date | null,
  graceDays: number,
): Date | null {
  if (status !== 'past_due' || !currentPeriodStart) return null;
  return new Date(currentPeriodStart.getTime() + graceDays * DAY_MS);
}

/**
 * Whether a subscription in this state still grants its tier. Stripe keeps `active`/`trialing` paid up;
 * `past_due` is a failed renewal Stripe is still retrying, honoured until the grace period ends;
 * every other status (canceled, unpaid, incomplete, incomplete_expired, paused) grants nothing.
 * Functions (entitlement) and the web app (pricing buttons) share this one rule.
 */
export function subscriptionGrantsTier(
  sub: { status: SubscriptionStatus; graceUntil: Date | null },
  now: Date,
): boolean {
  if (sub.status === 'active' || sub.status === 'trialing') return true;
  return sub.status === 'past_due' && sub.graceUntil !== null && now.getTime() < sub.graceUntil.getTime();
}

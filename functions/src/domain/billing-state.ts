import {
  graceUntil,
  subscriptionGrantsTier,
  type BillingInterval,
  type BillingMailTemplate,
  type SubscriptionStatus,
} from '../shared/billing';
import type { TiersConfig } from '../shared/tiers';

/**
 * A Stripe subscription reduced to what billing decisions need, with plain Dates. The adapter maps the
 * SDK object into this; everything below is pure and covered by unit tests.
 */
export interface SubscriptionState {
  id: string;
  status: SubscriptionStatus;
  priceId: string;
  /** The price's own `tier` metadata and interval: the fallback for prices config no longer lists. */
  priceTier: string | null;
  interval: BillingInterval | null;
  amount: number;
  currency: string;
  created: Date;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
}

/** The tier and interval a Stripe price id is sold as, according to config/tiers. */
export function planForPrice(tiers: TiersConfig, priceId: string): { tier: string; interval: BillingInterval } | null {
  for (const [tier, def] of Object.entries(tiers.tiers)) {
    if (def.prices?.monthly?.priceId === priceId) return { tier, interval: 'monthly' };
    if (def.prices?.yearly?.priceId === priceId) return { tier, interval: 'yearly' };
  }
  return null;
}

/** The plan a subscription is on: by config's price ids, else by the price's own tier metadata. */
export function planOf(tiers: TiersConfig, state: Pick<SubscriptionState, 'priceId' | 'priceTier' | 'interval'>) {
  const configured = planForPrice(tiers, state.priceId);
  if (configured) return configured;
  return state.priceTier && tiers.tiers[state.priceTier] && state.interval
    ? { tier: state.priceTier, interval: state.interval }
    : null;
}

/**
 * Of all a customer's subscriptions (a member may have bought twice, or hold an old canceled one), the
 * one that decides their plan: the highest-ranked one that still grants a tier, else the newest.
 */
export function currentSubscription(
  subs: SubscriptionState[],
  tiers: TiersConfig,
  now: Date,
  graceDays: number,
): SubscriptionState | null {
  const rank = (s: SubscriptionState) => {
    const tier = planOf(tiers, s)?.tier;
    const grace = graceUntil(s.status, s.currentPeriodStart, graceDays);
    const granting = subscriptionGrantsTier({ status: s.status, graceUntil: grace }, now);
    return granting && tier ? (tiers.tiers[tier]?.rank ?? 0) : -1;
  };
  let best: SubscriptionState | null = null;
  for (const s of subs) {
    if (!best) best = s;
    else {
      const [rs, rb] = [rank(s), rank(best)];
      if (rs > rb || (rs === rb && s.created.getTime() > best.created.getTime())) best = s;
    }
  }
  return best;
}

/** What the member saw before and sees after a sync, for deciding which emails to queue. */
export interface PlanView {
  tier: string | null;
  status: SubscriptionStatus | null;
  cancelAtPeriodEnd: boolean;
  /** Whether this state grants the paid tier (active, trialing, past_due in grace). */
  paying: boolean;
}

/**
 * Emails a change of billing state deserves. Derived from the state change (not from event types), so
 * replayed or reordered webhooks that end in the same state queue nothing new.
 */
export function billingNotices(before: PlanView, after: PlanView): BillingMailTemplate[] {
  const notices: BillingMailTemplate[] = [];
  if (after.paying && !before.paying && after.status !== 'past_due') notices.push('welcome');
  else if (after.paying && before.paying && after.tier !== before.tier) notices.push('plan-changed');
  if (after.status === 'past_due' && before.status !== 'past_due') notices.push('payment-failed');
  if (after.paying && after.cancelAtPeriodEnd && !before.cancelAtPeriodEnd) notices.push('cancellation-scheduled');
  return notices;
}

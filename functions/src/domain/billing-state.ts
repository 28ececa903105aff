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
  /** The subscription and the start of its current period: what an occurrence mail's key names. */
  subscriptionId?: string | null;
  periodStart?: Date | null;
}

/**
 * Emails a change of billing state deserves. Derived from the state change (not from event types), so
 * replayed or reordered webhooks that end in the same state queue nothing new. A past-due or unpaid
 * subscription paid again is a recovery, not a welcome; losing the paid tier (ended, unpaid, grace over)
 * is `access-ended`.
 */
export function billingNotices(before: PlanView, after: PlanView): BillingMailTemplate[] {
  const notices: BillingMailTemplate[] = [];
  const recovered =
    after.paying &&
    after.status === 'active' &&
    (before.status === 'past_due' || before.status === 'unpaid') &&
    before.subscriptionId === after.subscriptionId;
  if (recovered) notices.push('payment-recovered');
  else if (after.paying && !before.paying && after.status !== 'past_due') notices.push('welcome');
  else if (after.paying && before.paying && after.tier !== before.tier) notices.push('plan-changed');
  if (after.status === 'past_due' && before.status !== 'past_due') notices.push('payment-failed');
  if (after.paying && after.cancelAtPeriodEnd && !before.cancelAtPeriodEnd) notices.push('cancellation-scheduled');
  if (before.paying && !after.paying) notices.push('access-ended');
  return notices;
}

const occurrenceOf = (view: PlanView) =>
  view.subscriptionId && view.periodStart ? `${view.subscriptionId}_${view.periodStart.getTime()}` : null;

/**
 * The outbox key of a billing notice. `access-ended` names the subscription period that granted the tier
 * and `payment-recovered` the period that was paid late, so the webhook and the grace job, in any order
 * and any number of times, queue one mail per occurrence. The others name the read that saw the change.
 */
export function noticeKey(
  uid: string,
  template: BillingMailTemplate,
  before: PlanView,
  after: PlanView,
  readAt: Date,
): string {
  const occurrence =
    template === 'access-ended' ? occurrenceOf(before) : template === 'payment-recovered' ? occurrenceOf(after) : null;
  return `${uid}_${template}_${occurrence ?? readAt.getTime()}`;
}

/**
 * The grace check of the scheduled job: a `past_due` subscription whose grace is over, while the member
 * still holds a higher rank than entitlement now gives (a grant may keep them where they are).
 */
export function graceLapsed(
  sub: { status: SubscriptionStatus; graceUntil: Date | null },
  heldRank: number,
  entitledRank: number,
  now: Date,
): boolean {
  return (
    sub.status === 'past_due' &&
    sub.graceUntil !== null &&
    sub.graceUntil.getTime() <= now.getTime() &&
    heldRank > entitledRank
  );
}

/** How long before a trial ends, and before a yearly plan renews, the member is told. */
export const TRIAL_NOTICE_DAYS = 3;
export const RENEWAL_NOTICE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a reminder reads of a subscription mirror. */
export interface ReminderView {
  id: string;
  status: SubscriptionStatus;
  interval: BillingInterval | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
}

export interface BillingReminder {
  template: 'trial-ending' | 'renewal-upcoming';
  /** The trial end or the renewal date: with the subscription id, the occurrence the mail's key names. */
  at: Date;
  occurrence: string;
}

/**
 * Reminders due now: a trial that ends within TRIAL_NOTICE_DAYS (the card is charged then), a yearly plan
 * that renews within RENEWAL_NOTICE_DAYS. Nothing for a subscription that is cancelling (it will not
 * charge) or past the date. `slackMs` widens the windows for Stripe's own notices
 * (`customer.subscription.trial_will_end`, `invoice.upcoming`), which may arrive a little early.
 */
export function billingReminders(sub: ReminderView, now: Date, slackMs = 0): BillingReminder[] {
  if (sub.cancelAtPeriodEnd) return [];
  const within = (at: Date | null, days: number): at is Date =>
    at !== null && at.getTime() > now.getTime() && at.getTime() <= now.getTime() + days * DAY_MS + slackMs;
  const reminder = (template: BillingReminder['template'], at: Date): BillingReminder => ({
    template,
    at,
    occurrence: `${sub.id}_${Math.floor(at.getTime() / 1000)}`,
  });
  const due: BillingReminder[] = [];
  if (sub.status === 'trialing' && within(sub.trialEnd, TRIAL_NOTICE_DAYS))
    due.push(reminder('trial-ending', sub.trialEnd));
  if (sub.status === 'active' && sub.interval === 'yearly' && within(sub.currentPeriodEnd, RENEWAL_NOTICE_DAYS)) {
    due.push(reminder('renewal-upcoming', sub.currentPeriodEnd));
  }
  return due;
}

/**
 * Whether a reversed payment ends the paid tier: a full refund (the whole charge returned) or a dispute
 * the member won against us (`lost`). A partial refund is a goodwill gesture and keeps the plan.
 */
export function paymentReversed(charge: { amount: number; amountRefunded: number; disputeStatus?: string | null }) {
  const fullRefund = charge.amount > 0 && charge.amountRefunded >= charge.amount;
  return fullRefund || charge.disputeStatus === 'lost';
}

// Billing as the app shows it: the subscription mirror of `members/{uid}` read defensively, what a
// pricing card offers, the account page's status line. Pure (no Firebase), unit-tested in billing.test.ts.
import { subscriptionGrantsTier, type BillingInterval, type SubscriptionStatus } from '@shared/billing';
import { grantCover, type GrantCover, type GrantLike } from '@shared/grant-cover';
import { isSafeReturnPath } from '@shared/return-path';
import { tierById, type Tier, type TierPrice, type TiersConfig } from '@shared/tiers';
import { formatDate, formatPrice } from './format';
import { isBillingInterval, type SubscriptionView } from './subscription';

export { isBillingInterval, parseSubscription, toDate, type SubscriptionView } from './subscription';

/**
 * Whether the subscription still grants its tier (active, trialing, or past_due within its grace period):
 * the functions' own rule, so the buttons match what createCheckoutSession does (portal for payers).
 */
export function isPaying(sub: SubscriptionView | null | undefined, now = new Date()): sub is SubscriptionView {
  return !!sub && subscriptionGrantsTier(sub, now);
}

/** Whether the account page has anything to say about this subscription (an ended one is history). */
export function isCurrentSubscription(sub: SubscriptionView | null | undefined): sub is SubscriptionView {
  return !!sub && sub.status !== 'canceled' && sub.status !== 'incomplete_expired';
}

const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Past due',
  unpaid: 'Unpaid',
  canceled: 'Canceled',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired',
  paused: 'Paused',
};

/** A status in a word or two, for the admin list. */
export const statusLabel = (status: SubscriptionStatus) => STATUS_LABELS[status];

/** The account page's line about the subscription; null when there is nothing to say. */
export function subscriptionStatusLine(sub: SubscriptionView | null | undefined): string | null {
  if (!isCurrentSubscription(sub)) return null;
  const on = (date: Date | null) => (date ? ` on ${formatDate(date)}` : '');
  switch (sub.status) {
    case 'past_due':
      return sub.graceUntil
        ? `Payment failed — update your card by ${formatDate(sub.graceUntil)} to keep access`
        : 'Payment failed — update your card to keep access';
    case 'unpaid':
      return 'Payment failed — update your card to restore access';
    case 'incomplete':
      return 'Waiting for the first payment';
    case 'paused':
      return 'Paused';
    default:
      break;
  }
  if (sub.cancelAtPeriodEnd) {
    return sub.currentPeriodEnd
      ? `Cancels on ${formatDate(sub.currentPeriodEnd)} — you keep access until then`
      : 'Cancels at the end of the billing period — you keep access until then';
  }
  if (sub.status === 'trialing') {
    const end = sub.trialEnd ?? sub.currentPeriodEnd;
    return end ? `Free trial until ${formatDate(end)}` : 'Free trial';
  }
  return `Renews${on(sub.currentPeriodEnd)}`;
}

export const intervalUnit = (interval: BillingInterval) => (interval === 'yearly' ? 'year' : 'month');

/** "€19 / month". */
export function priceLabel(price: TierPrice, interval: BillingInterval): string {
  return `${formatPrice(price)} / ${intervalUnit(interval)}`;
}

/** What paying yearly saves over twelve monthly payments, when it saves anything. */
export function yearlySaving(prices: Tier['prices']): { amount: number; currency: string; percent: number } | null {
  const monthly = prices?.monthly;
  const yearly = prices?.yearly;
  if (!monthly || !yearly || monthly.currency.toLowerCase() !== yearly.currency.toLowerCase()) return null;
  const full = monthly.amount * 12;
  const amount = full - yearly.amount;
  if (full <= 0 || amount <= 0) return null;
  return { amount, currency: yearly.currency, percent: Math.round((amount / full) * 100) };
}

/** The interval a tier is sold at when `wanted` is chosen: the other one when it is not sold at `wanted`. */
export function intervalFor(tier: Pick<Tier, 'prices'>, wanted: BillingInterval): BillingInterval | null {
  if (tier.prices?.[wanted]) return wanted;
  const other: BillingInterval = wanted === 'monthly' ? 'yearly' : 'monthly';
  return tier.prices?.[other] ? other : null;
}

/**
 * Where a visitor goes to buy: sign up (which names the plan; members sign in from there), then back to
 * /pricing, which starts the checkout at once, and after paying on to `returnTo`, the item that led here.
 */
export function signUpToBuyHref(tier: string, interval: BillingInterval, returnTo?: string): string {
  const after = isSafeReturnPath(returnTo) ? `&returnTo=${encodeURIComponent(returnTo)}` : '';
  const back = `/pricing?plan=${encodeURIComponent(tier)}&interval=${interval}&checkout=start${after}`;
  return `/sign-up?plan=${encodeURIComponent(tier)}&redirect=${encodeURIComponent(back)}`;
}

/** `?plan=main&interval=monthly&checkout=start[&returnTo=/materials/x]`: the plan a visitor chose before signing in. */
export function checkoutIntent(
  query: Record<string, unknown>,
): { tier: string; interval: BillingInterval; returnTo?: string } | null {
  if (query.checkout !== 'start' || typeof query.plan !== 'string' || !query.plan) return null;
  const interval = isBillingInterval(query.interval) ? query.interval : 'monthly';
  return isSafeReturnPath(query.returnTo)
    ? { tier: query.plan, interval, returnTo: query.returnTo }
    : { tier: query.plan, interval };
}

export type PlanAction =
  | { kind: 'none' }
  /** A visitor on the free plan: create an account. */
  | { kind: 'sign-up'; label: string }
  /** A visitor on a paid plan: sign up (or in) first; `href` comes back and starts the checkout. */
  | { kind: 'sign-in'; label: string; href: string }
  /** Who reads is not known yet, or their session ended: nothing to buy, only signing in (`href`). */
  | { kind: 'unknown'; label: string; href: string }
  /** A member who does not pay: Stripe Checkout. */
  | { kind: 'checkout'; label: string; interval: BillingInterval }
  /** A paying member: plan changes go through the Customer Portal. */
  | { kind: 'portal'; label: string };

export interface PlanViewer {
  signedIn: boolean;
  /** The tier the member holds now (claims), '' for a visitor. */
  currentTier: string;
  /** The member's subscription mirror, if any (a past one means no trial). */
  subscription: SubscriptionView | null;
  /** The member's complimentary grant and the tiers config, to tell what the grant already covers. */
  grant?: GrantLike | null;
  tiers?: TiersConfig;
  now?: Date;
  /** False while the session loads or after it ended (`usePlanKnown`): then no card offers to buy. */
  known?: boolean;
  /** The in-app path that led to pricing, to return to after checkout (`returnTo`). */
  returnTo?: string;
}

/** What the viewer's grant means for buying `tier` (the functions refuse exactly the `covered` ones). */
export function viewerCover(tier: Pick<Tier, 'id'>, viewer: PlanViewer): GrantCover {
  if (!viewer.signedIn || !viewer.tiers) return { kind: 'none' };
  return grantCover(viewer.tiers, viewer.grant, tier.id, viewer.now ?? new Date());
}

/**
 * The card's line about the viewer's grant: why a covered plan has no button, or when a dated grant
 * ends and the paid plan takes over. Null when the grant does not concern this plan.
 */
export function grantNote(tier: Pick<Tier, 'id' | 'name' | 'prices'>, viewer: PlanViewer): string | null {
  const cover = viewerCover(tier, viewer);
  if (cover.kind === 'none' || !intervalFor(tier, 'monthly')) return null; // a plan not sold needs no word
  const grantName = (viewer.tiers && tierById(viewer.tiers, cover.grantTier)?.name) ?? cover.grantTier;
  if (cover.kind === 'covered') return `Included in your complimentary ${grantName}, which has no end date.`;
  const then = cover.billingStartsAt
    ? `then ${tier.name} starts and is first charged that day`
    : `then ${tier.name} continues`;
  return `Your complimentary ${grantName} ends on ${formatDate(cover.endsAt)}, ${then}.`;
}

/** Whether buying `tier` would start with a free trial (the functions offer it on a first subscription only). */
export function trialOffered(tier: Pick<Tier, 'trialDays'>, viewer: Pick<PlanViewer, 'subscription'>): boolean {
  return !!tier.trialDays && tier.trialDays > 0 && !viewer.subscription;
}

/** The button a pricing card shows to this viewer. */
export function planAction(tier: Tier, wanted: BillingInterval, viewer: PlanViewer): PlanAction {
  const interval = intervalFor(tier, wanted);
  if (viewer.known === false) {
    const back = `/pricing${isSafeReturnPath(viewer.returnTo) ? `?returnTo=${encodeURIComponent(viewer.returnTo)}` : ''}`;
    return {
      kind: 'unknown',
      label: 'Sign in to see your plan',
      href: `/sign-in?redirect=${encodeURIComponent(back)}`,
    };
  }
  if (!viewer.signedIn) {
    if (!interval) return { kind: 'sign-up', label: 'Create a free account' };
    return { kind: 'sign-in', label: `Join ${tier.name}`, href: signUpToBuyHref(tier.id, interval, viewer.returnTo) };
  }
  if (isPaying(viewer.subscription, viewer.now)) {
    if (tier.id === viewer.subscription.tier) return { kind: 'portal', label: 'Manage billing' };
    return interval ? { kind: 'portal', label: `Switch to ${tier.name}` } : { kind: 'none' };
  }
  const cover = viewerCover(tier, viewer);
  // Never paying for nothing: an open-ended grant covers it; a dated one may be followed by the plan.
  if (!interval || cover.kind === 'covered') return { kind: 'none' };
  if (tier.id === viewer.currentTier && cover.kind !== 'until') return { kind: 'none' };
  return {
    kind: 'checkout',
    label: trialOffered(tier, viewer) ? 'Start free trial' : `Join ${tier.name}`,
    interval,
  };
}

/** A readable message for a failed billing call (FirebaseError from a callable, or anything else). */
export function billingErrorMessage(err: unknown): string {
  const e = (err && typeof err === 'object' ? err : {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code.replace(/^functions\//, '') : '';
  const message = typeof e.message === 'string' ? e.message.replace(/^Firebase: /, '').trim() : '';
  switch (code) {
    case 'unauthenticated':
      return 'Your session has expired. Sign in again, then retry.';
    case 'internal':
    case 'unavailable':
    case 'deadline-exceeded':
    case 'unknown':
      return 'Billing is unavailable right now. Nothing was charged; please try again in a moment.';
    default:
      break;
  }
  if (message && message !== code && message.toLowerCase() !== code.replace(/-/g, ' ')) return message;
  return 'Something went wrong. Nothing was charged; please try again.';
}

/** Only a web page may be where a billing call sends the browser. */
export function billingUrl(url: unknown): string {
  if (typeof url === 'string') {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href;
    } catch {
      // fall through
    }
  }
  throw new Error('The billing service returned no page to go to. Please try again.');
}

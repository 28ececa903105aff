import {
  monthlyAmount,
  subscriptionGrantsTier,
  type BillingInterval,
  type SubscriptionStatus,
} from '../shared/billing';
import type { OverviewMemberState, RevenueState } from '../shared/overview';
import { tierById, type TiersConfig } from '../shared/tiers';
import { isGrantActive } from './entitlement';

// The overview's pure decisions: what a member is to revenue, what they add to MRR, and whether today
// saw them convert or churn. The snapshot (overview/overview-snapshot.ts) applies them member by member.

/** The mirror's fields the overview reads (`members/{uid}.subscription`, times as Dates). */
export interface RevenueSubscription {
  status: SubscriptionStatus;
  tier: string | null;
  interval: BillingInterval | null;
  amount: number;
  currency: string;
  graceUntil: Date | null;
}

export interface RevenueFacts {
  subscription: RevenueSubscription | null;
  grant: { endsAt: Date | null } | null;
}

/**
 * Paid: a subscription that grants its tier and is not a trial (active, or past due within grace). A
 * trial is `trial` even when the member also holds a grant; a grant without a paid plan is `complimentary`.
 */
export function revenueStateOf(facts: RevenueFacts, now: Date): RevenueState {
  const sub = facts.subscription;
  if (sub?.status === 'trialing') return 'trial';
  if (sub && subscriptionGrantsTier(sub, now)) return 'paid';
  if (facts.grant && isGrantActive({ tier: '', endsAt: facts.grant.endsAt }, now)) return 'complimentary';
  return 'free';
}

/**
 * What a member adds to MRR, or null: only a paid subscription counts (trials and grants bring nothing).
 * The amount is what Stripe charges (the mirror's, so an older price keeps its value); when the mirror has
 * none, the tier's configured price for the interval. Yearly amounts count a twelfth (rounded to the cent).
 */
export function monthlyRevenue(
  facts: RevenueFacts,
  tiers: TiersConfig,
  now: Date,
): { currency: string; amount: number } | null {
  const sub = facts.subscription;
  if (!sub || revenueStateOf(facts, now) !== 'paid') return null;
  const configured = sub.tier && sub.interval ? tierById(tiers, sub.tier)?.prices?.[sub.interval] : undefined;
  const amount = sub.amount > 0 ? sub.amount : (configured?.amount ?? 0);
  const currency = (sub.currency || configured?.currency || '').toLowerCase();
  if (amount <= 0 || !currency) return null;
  return { currency, amount: monthlyAmount(amount, sub.interval) };
}

/**
 * A member's overview state after today's look (`day`), and whether it must be written. `prev` is the
 * state before `day`: a second look the same day keeps it, so re-running the snapshot counts the same.
 * A member first seen today counts as coming from free when they signed up today; otherwise `prev` is
 * null and nothing is counted (the first snapshot records a baseline).
 */
export function nextMemberState(
  stored: OverviewMemberState | null | undefined,
  current: RevenueState,
  day: string,
  signedUpToday: boolean,
): { value: OverviewMemberState; write: boolean } {
  if (!stored) return { value: { state: current, since: day, prev: signedUpToday ? 'free' : null }, write: true };
  if (stored.state === current) return { value: stored, write: false };
  const prev = stored.since === day ? stored.prev : stored.state;
  return { value: { state: current, since: day, prev }, write: true };
}

/** Whether the member converted (started paying) or churned (stopped paying) on `day`. */
export function changeOn(state: OverviewMemberState, day: string): 'conversion' | 'churn' | null {
  if (state.since !== day || state.prev === null) return null;
  if (state.state === 'paid' && state.prev !== 'paid') return 'conversion';
  if (state.prev === 'paid' && state.state !== 'paid') return 'churn';
  return null;
}

/** The `limit` largest counts, largest first, ties by id. */
export function topCounts(counts: Map<string, number>, limit: number): { id: string; count: number }[] {
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

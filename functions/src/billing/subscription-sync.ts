import type Stripe from 'stripe';
import { logger } from 'firebase-functions';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import {
  billingNotices,
  currentSubscription,
  planOf,
  type PlanView,
  type SubscriptionState,
} from '../domain/billing-state';
import { readTiers } from '../app/tiers-config';
import { refreshEntitlement, type MemberDeps } from '../members/member-store';
import {
  graceUntil,
  monthlyAmount,
  subscriptionGrantsTier,
  type BillingMailTemplate,
  type SubscriptionMirror,
} from '../shared/billing';
import { MEMBERS } from '../shared/members';
import type { TiersConfig } from '../shared/tiers';
import { subscriptionState } from './stripe-mapping';
import type { Settings } from '../app/settings';
import { queueMail } from '../mail/queue-mail';
import { endDuplicates, readDuplicateWrites, writeDuplicates, type EndedDuplicate } from './duplicate-subscriptions';

/** Allowed app origins (the first is the default), the grace period and Checkout's tax options. */
export type BillingSettings = Pick<Settings, 'appUrls' | 'graceDays' | 'automaticTax' | 'taxIdCollection'> &
  Partial<Pick<Settings, 'adminEmails'>>;

export interface BillingDeps extends MemberDeps {
  stripe: Stripe;
  settings: BillingSettings;
}

export interface SyncResult {
  uid: string | null;
  customerId: string;
  /** The member's tier before and after; equal when nothing changed. */
  from: string | null;
  to: string | null;
  /** False when a newer read of Stripe had already been stored (this one was stale). */
  applied: boolean;
  notices: BillingMailTemplate[];
  /** Duplicate subscriptions this sync cancelled and refunded (or found so after a crash). */
  duplicates: EndedDuplicate[];
}

const ts = (d: Date | null) => (d ? Timestamp.fromDate(d) : null);

/** The mirror stored on `members/{uid}.subscription` for the chosen subscription. */
export function subscriptionMirror(
  state: SubscriptionState,
  tiers: TiersConfig,
  graceDays: number,
  syncedAt: Date,
): SubscriptionMirror<Timestamp> {
  const plan = planOf(tiers, state);
  return {
    id: state.id,
    status: state.status,
    tier: plan?.tier ?? null,
    interval: plan?.interval ?? null,
    priceId: state.priceId,
    amount: state.amount,
    currency: state.currency,
    currentPeriodStart: ts(state.currentPeriodStart),
    currentPeriodEnd: ts(state.currentPeriodEnd),
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    trialEnd: ts(state.trialEnd),
    graceUntil: ts(graceUntil(state.status, state.currentPeriodStart, graceDays)),
    syncedAt: Timestamp.fromDate(syncedAt),
  };
}

function planView(sub: SubscriptionMirror<Timestamp> | null | undefined, now: Date): PlanView {
  if (!sub) return { tier: null, status: null, cancelAtPeriodEnd: false, paying: false };
  const graceEnd = sub.graceUntil ? sub.graceUntil.toDate() : null;
  return {
    tier: sub.tier,
    status: sub.status,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    paying: subscriptionGrantsTier({ status: sub.status, graceUntil: graceEnd }, now),
  };
}

/** Which member a Stripe customer belongs to: the uid we put in its metadata, else our stored link. */
async function memberOfCustomer(
  db: Firestore,
  customer: Stripe.Customer | Stripe.DeletedCustomer,
): Promise<string | null> {
  const fromMetadata = 'metadata' in customer ? customer.metadata.firebaseUID : undefined;
  if (fromMetadata) return fromMetadata;
  const linked = await db.collection(MEMBERS).where('stripeCustomerId', '==', customer.id).limit(1).get();
  return linked.docs[0]?.id ?? null;
}

/**
 * Make a member's plan equal Stripe's current state for one customer. Never uses a webhook payload:
 * it re-reads the customer's subscriptions, so events in any order, duplicated or stale, converge.
 * Concurrent syncs are ordered by the time each started reading Stripe: an older read never overwrites
 * a newer one. Emails are queued in the same transaction as the state they announce, so a retry after
 * a crash neither loses nor repeats them.
 */
export async function syncCustomer(deps: BillingDeps, customerId: string): Promise<SyncResult> {
  const readAt = deps.now();
  const [customer, subs, tiers] = await Promise.all([
    deps.stripe.customers.retrieve(customerId),
    deps.stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100 }),
    readTiers(deps.db),
  ]);
  const uid = await memberOfCustomer(deps.db, customer);
  const result: SyncResult = { uid, customerId, from: null, to: null, applied: false, notices: [], duplicates: [] };
  if (!uid) {
    logger.warn(`Stripe customer ${customerId} belongs to no member; nothing to sync`);
    return result;
  }

  const states = subs.data.map(subscriptionState);
  const chosen = currentSubscription(states, tiers, readAt, deps.settings.graceDays);
  const mirror = chosen ? subscriptionMirror(chosen, tiers, deps.settings.graceDays, readAt) : null;
  const after = planView(mirror, readAt);
  // MRR is the deciding subscription's alone: a duplicate is refunded and cancelled just below.
  const mrr = after.paying && chosen ? monthlyAmount(chosen.amount, mirror?.interval ?? null) : 0;
  result.duplicates = await endDuplicates(deps, subs.data, chosen, tiers);

  const ref = deps.db.collection(MEMBERS).doc(uid);
  await deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw new Error(`members/${uid} does not exist (Stripe customer ${customerId})`);
    // Duplicates are recorded and mailed whatever the staleness of this read, each write once.
    const dupWrites = await readDuplicateWrites(deps.db, tx, result.duplicates, deps.settings.adminEmails ?? '');
    const member = { uid, email: snap.get('email') as string, customerId };
    writeDuplicates(deps.db, tx, dupWrites, member, tiers, readAt);
    const stored = snap.get('subscription') as SubscriptionMirror<Timestamp> | null | undefined;
    result.from = (snap.get('tier') as string | undefined) ?? null;
    if (stored && stored.syncedAt.toMillis() > readAt.getTime()) return; // a newer read already landed
    result.applied = true;
    result.notices = billingNotices(planView(stored, readAt), after);
    tx.set(ref, { stripeCustomerId: customerId, subscription: mirror, mrr }, { merge: true });
    const to = snap.get('email') as string;
    const data = {
      tier: mirror?.tier ?? null,
      tierName: mirror?.tier ? (tiers.tiers[mirror.tier]?.name ?? mirror.tier) : null,
    };
    for (const template of result.notices) {
      queueMail(deps.db, tx, { key: `${uid}_${template}_${readAt.getTime()}`, to, uid, template, data }, readAt);
    }
  });
  // Claims follow the stored facts (subscription and grant); idempotent, so safe after a stale read too.
  result.to = (await refreshEntitlement(deps, uid)).tier;
  return result;
}

import type Stripe from 'stripe';
import { logger } from 'firebase-functions';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import {
  billingNotices,
  currentSubscription,
  noticeKey,
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
import { MAIL } from '../shared/mail';
import { MEMBERS } from '../shared/members';
import { ACCOUNT_DELETIONS } from '../shared/account-deletion';
import type { TiersConfig } from '../shared/tiers';
import { subscriptionState } from './stripe-mapping';
import type { Settings } from '../app/settings';
import { queueMail } from '../mail/queue-mail';
import { billingNewsAlongside } from '../notifications/notification-store';
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

/** The plan a mirror shows at `now`; the stored mirror is seen as it was read (its `syncedAt`). */
export function planView(sub: SubscriptionMirror<Timestamp> | null | undefined, now: Date): PlanView {
  if (!sub) return { tier: null, status: null, cancelAtPeriodEnd: false, paying: false };
  const graceEnd = sub.graceUntil ? sub.graceUntil.toDate() : null;
  return {
    tier: sub.tier,
    status: sub.status,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    paying: subscriptionGrantsTier({ status: sub.status, graceUntil: graceEnd }, now),
    subscriptionId: sub.id,
    periodStart: sub.currentPeriodStart ? sub.currentPeriodStart.toDate() : null,
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

/** A customer whose member deleted their account: logged and done, so webhooks and reconcile never retry it. */
function memberGone(result: SyncResult): SyncResult {
  logger.info(`Stripe customer ${result.customerId}: member ${result.uid} was deleted; nothing to sync`);
  // uid null: the webhook ledger and the reconcile report keep no link to the deleted account.
  return { ...result, uid: null, applied: false, notices: [] };
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
  let gone = false;
  await deps.db.runTransaction(async (tx) => {
    const [snap, deletion] = await tx.getAll(ref, deps.db.collection(ACCOUNT_DELETIONS).doc(uid));
    // A deleted account, or one being deleted (the Stripe customer is kept for accounting): nothing to
    // store and no mail to queue, and no retry would change that.
    if (!snap?.exists || deletion?.exists) {
      gone = true;
      return;
    }
    // Duplicates are recorded and mailed whatever the staleness of this read, each write once.
    const dupWrites = await readDuplicateWrites(deps.db, tx, result.duplicates, deps.settings.adminEmails ?? '');
    const member = { uid, email: snap.get('email') as string, customerId };
    const stored = snap.get('subscription') as SubscriptionMirror<Timestamp> | null | undefined;
    result.from = (snap.get('tier') as string | undefined) ?? null;
    if (stored && stored.syncedAt.toMillis() > readAt.getTime()) {
      writeDuplicates(deps.db, tx, dupWrites, member, tiers, readAt);
      return; // a newer read already landed
    }
    result.applied = true;
    // Before = what the last read showed, so a grace that ran out since still counts as the tier ending.
    const before = planView(stored, stored ? stored.syncedAt.toDate() : readAt);
    const notices = billingNotices(before, after).map((template) => ({
      template,
      key: noticeKey(uid, template, before, after, readAt),
    }));
    // An occurrence mail (access ended, payment recovered) may be queued already, by the grace job or an earlier read.
    const queued = notices.length ? await tx.getAll(...notices.map((n) => deps.db.collection(MAIL).doc(n.key))) : [];
    result.notices = notices.filter((_n, i) => !queued[i]?.exists).map((n) => n.template);
    const data = {
      tier: mirror?.tier ?? null,
      tierName: mirror?.tier ? (tiers.tiers[mirror.tier]?.name ?? mirror.tier) : null,
    };
    // Each mail is also the member's in-app news (notifications), written with it, once.
    const news: (() => void)[] = [];
    for (const [i, { template, key }] of notices.entries()) {
      if (!queued[i]?.exists) news.push(await billingNewsAlongside(deps.db, { key, uid, template, data })(tx));
    }
    // Every read is done: a transaction writes only after its reads.
    writeDuplicates(deps.db, tx, dupWrites, member, tiers, readAt);
    tx.set(ref, { stripeCustomerId: customerId, subscription: mirror, mrr }, { merge: true });
    const to = snap.get('email') as string;
    for (const [i, { template, key }] of notices.entries()) {
      if (!queued[i]?.exists) queueMail(deps.db, tx, { key, to, uid, template, data }, readAt);
    }
    for (const write of news) write();
  });
  if (gone) return memberGone(result);
  // Claims follow the stored facts (subscription and grant); idempotent, so safe after a stale read too.
  const entitlement = await refreshEntitlement(deps, uid).catch((err: { code?: string }) => {
    if (err.code === 'auth/user-not-found') return null; // deleted while we synced
    throw err;
  });
  if (!entitlement) return memberGone(result);
  result.to = entitlement.tier;
  return result;
}

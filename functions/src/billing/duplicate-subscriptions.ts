import type Stripe from 'stripe';
import { logger } from 'firebase-functions';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { planOf, type SubscriptionState } from '../domain/billing-state';
import { duplicateSubscriptions, unusedRefund } from '../domain/duplicate-subscriptions';
import { queueMail } from '../mail/queue-mail';
import { MAIL } from '../shared/mail';
import type { TiersConfig } from '../shared/tiers';
import { subscriptionState } from './stripe-mapping';

/**
 * Ending duplicate subscriptions (docs/architecture.md, Billing): the Stripe side effects run outside
 * any transaction, each idempotent and each found again by a retry, so a crash between two steps and
 * the retried webhook (or the daily reconciliation) end in the same place:
 * 1. refund the unused part (the refund carries `commons_duplicate` metadata and an idempotency key
 *    from the subscription id; a retry finds it on the payment and does not refund twice);
 * 2. cancel at once, without Stripe's own proration credit (the refund is the credit), marked with
 *    `cancellation_details.comment`, so a retry still recognises it as our duplicate once canceled;
 * 3. in the sync's transaction: `billingDuplicates/{subId}` and the mails (member, each admin), each
 *    written only if absent; the record then spares later syncs the Stripe reads of step 1.
 */

export const BILLING_DUPLICATES = 'billingDuplicates';
/** Stripe's `cancellation_details.comment` on a subscription we cancelled as a duplicate. */
export const DUPLICATE_MARK = 'commons:duplicate-subscription';

export interface EndedDuplicate {
  subscriptionId: string;
  keptSubscriptionId: string;
  tier: string | null;
  keptTier: string | null;
  currency: string;
  refund: { id: string; amount: number; currency: string } | null;
}

interface DuplicateDeps {
  db: Firestore;
  stripe: Stripe;
}

/** The payment (PaymentIntent or Charge) of a paid invoice, for the refund. */
async function paymentOf(
  stripe: Stripe,
  invoiceId: string,
): Promise<{ payment_intent?: string; charge?: string } | null> {
  const payments = await stripe.invoicePayments.list({ invoice: invoiceId, status: 'paid', limit: 10 });
  const p = payments.data[0]?.payment;
  const id = (ref: string | { id: string } | undefined) => (typeof ref === 'string' ? ref : ref?.id);
  if (p?.payment_intent) return { payment_intent: id(p.payment_intent) };
  if (p?.charge) return { charge: id(p.charge) };
  return null;
}

async function refundUnused(
  stripe: Stripe,
  dup: SubscriptionState,
  overlapFrom: Date,
): Promise<EndedDuplicate['refund']> {
  // The newest payment made for the current period (Stripe creates the period's invoice at its start).
  // None for a trial or a renewal still unpaid: nothing to give back. Also found after the cancel, so a
  // retry reports the refund it made before.
  const periodStart = (dup.currentPeriodStart?.getTime() ?? 0) / 1000 - 3600;
  const invoices = await stripe.invoices.list({ subscription: dup.id, status: 'paid', limit: 10 });
  const invoice = invoices.data.find((i) => i.amount_paid > 0 && i.created >= periodStart);
  if (!invoice) return null;
  const payment = await paymentOf(stripe, invoice.id);
  if (!payment) {
    logger.warn(`Duplicate subscription ${dup.id}: invoice ${invoice.id} is paid but names no payment to refund`);
    return null;
  }
  const existing = (await stripe.refunds.list({ ...payment, limit: 100 })).data.find(
    (r) => r.metadata?.commons_duplicate === dup.id,
  );
  if (existing) return { id: existing.id, amount: existing.amount, currency: existing.currency };
  const amount = unusedRefund(
    { paid: invoice.amount_paid, periodStart: dup.currentPeriodStart, periodEnd: dup.currentPeriodEnd },
    overlapFrom,
  );
  if (amount <= 0) return null;
  const refund = await stripe.refunds.create(
    { ...payment, amount, reason: 'duplicate', metadata: { commons_duplicate: dup.id } },
    { idempotencyKey: `commons-duplicate-refund-${dup.id}` },
  );
  return { id: refund.id, amount: refund.amount, currency: refund.currency };
}

/**
 * Refund and cancel every subscription of this customer but the deciding one. `overlapFrom` is when
 * the second subscription started (the later `created`): the member paid twice from then on, and a
 * fixed instant keeps the refund amount the same on every retry.
 */
export async function endDuplicates(
  deps: DuplicateDeps,
  subs: Stripe.Subscription[],
  chosen: SubscriptionState | null,
  tiers: TiersConfig,
): Promise<EndedDuplicate[]> {
  if (!chosen) return [];
  const states = subs.map(subscriptionState);
  const ours = subs
    .filter((s) => s.status === 'canceled' && s.cancellation_details?.comment === DUPLICATE_MARK)
    .map(subscriptionState);
  const candidates = [...duplicateSubscriptions(states, chosen), ...ours];
  const ended: EndedDuplicate[] = [];
  for (const dup of candidates) {
    if ((await deps.db.collection(BILLING_DUPLICATES).doc(dup.id).get()).exists) continue; // fully handled
    const overlapFrom = new Date(Math.max(dup.created.getTime(), chosen.created.getTime()));
    const refund = await refundUnused(deps.stripe, dup, overlapFrom);
    if (dup.status !== 'canceled') {
      await deps.stripe.subscriptions.cancel(
        dup.id,
        // prorate false: no credit balance on top of the refund above.
        { prorate: false, invoice_now: false, cancellation_details: { comment: DUPLICATE_MARK } },
        { idempotencyKey: `commons-duplicate-cancel-${dup.id}` },
      );
    }
    logger.warn(`Duplicate subscription ${dup.id} cancelled (kept ${chosen.id}), refunded ${refund?.amount ?? 0}`);
    ended.push({
      subscriptionId: dup.id,
      keptSubscriptionId: chosen.id,
      tier: planOf(tiers, dup)?.tier ?? null,
      keptTier: planOf(tiers, chosen)?.tier ?? null,
      currency: dup.currency,
      refund,
    });
  }
  return ended;
}

/** The outbox keys of a duplicate's mails: one for the member, one per admin address. */
const mailKeys = (subscriptionId: string, admins: string[]) => ({
  member: `duplicate_${subscriptionId}_member`,
  admins: admins.map((to, i) => ({ to, key: `duplicate_${subscriptionId}_admin${i}` })),
});

const adminList = (adminEmails: string) =>
  [...new Set(adminEmails.split(',').map((e) => e.trim().toLowerCase()))].filter(Boolean);

/** What a transaction must still write for these duplicates: read first (reads precede writes). */
export interface DuplicateWrites {
  ended: EndedDuplicate[];
  recorded: Set<string>;
  mailed: Set<string>;
  admins: string[];
}

/** Transaction reads: which records and mails already exist (a retry after a crash writes only the rest). */
export async function readDuplicateWrites(
  db: Firestore,
  tx: Transaction,
  ended: EndedDuplicate[],
  adminEmails: string,
): Promise<DuplicateWrites> {
  const admins = adminList(adminEmails);
  const records = ended.map((e) => db.collection(BILLING_DUPLICATES).doc(e.subscriptionId));
  const mails = ended.flatMap((e) => {
    const k = mailKeys(e.subscriptionId, admins);
    return [k.member, ...k.admins.map((a) => a.key)].map((key) => db.collection(MAIL).doc(key));
  });
  const snaps = ended.length ? await tx.getAll(...records, ...mails) : [];
  const exists = new Set(snaps.filter((x) => x.exists).map((x) => x.ref.path));
  return {
    ended,
    recorded: new Set(records.filter((r) => exists.has(r.path)).map((r) => r.id)),
    mailed: new Set(mails.filter((r) => exists.has(r.path)).map((r) => r.id)),
    admins,
  };
}

/** Transaction writes: the record, the member's mail and each admin's, keyed by the cancelled subscription. */
export function writeDuplicates(
  db: Firestore,
  tx: Transaction,
  w: DuplicateWrites,
  member: { uid: string; email: string; customerId: string },
  tiers: TiersConfig,
  at: Date,
): void {
  const name = (tier: string | null) => (tier ? (tiers.tiers[tier]?.name ?? tier) : 'your plan');
  for (const e of w.ended) {
    const data = {
      subscriptionId: e.subscriptionId,
      cancelledTierName: name(e.tier),
      keptTierName: name(e.keptTier),
      refundAmount: e.refund?.amount ?? 0,
      currency: e.refund?.currency ?? e.currency,
    };
    if (!w.recorded.has(e.subscriptionId)) {
      tx.set(db.collection(BILLING_DUPLICATES).doc(e.subscriptionId), {
        ...e,
        uid: member.uid,
        customerId: member.customerId,
        at,
      });
    }
    const keys = mailKeys(e.subscriptionId, w.admins);
    if (!w.mailed.has(keys.member)) {
      const mail = { key: keys.member, to: member.email, uid: member.uid, data };
      queueMail(db, tx, { ...mail, template: 'duplicate-subscription-cancelled' }, at);
    }
    for (const { to, key } of keys.admins) {
      if (w.mailed.has(key)) continue;
      const adminData = { ...data, memberEmail: member.email, memberUid: member.uid };
      queueMail(db, tx, { key, to, uid: null, template: 'duplicate-subscription-admin', data: adminData }, at);
    }
  }
}

import type Stripe from 'stripe';
import { logger } from 'firebase-functions';
import { Timestamp } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import { paymentReversed } from '../domain/billing-state';
import { queueMailOnce } from '../mail/queue-mail';
import { billingNewsAlongside } from '../notifications/notification-store';
import type { DisputeRecord } from '../shared/billing';
import { MEMBERS } from '../shared/members';
import { queueRemindersOf } from './billing-deadlines';
import { customerOfEvent } from './stripe-mapping';
import { syncCustomer, type BillingDeps, type SyncResult } from './subscription-sync';

/**
 * What a billing event does beyond the sync. Still a doorbell: from the payload we take only the id of
 * the object it names, re-read that object from Stripe, act on what Stripe says now, then sync the
 * customer. Every action is idempotent (a canceled subscription is not canceled again, mails are keyed by
 * their occurrence), so replays and retries after a failure converge.
 */

const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === 'string' ? ref : (ref?.id ?? null));
const objectId = (event: Stripe.Event) => (event.data.object as { id?: string }).id ?? '';

/** Stripe sends its own notices three days (trials) or as configured (renewals) ahead; a day of slack for clocks. */
const NOTICE_SLACK_MS = 24 * 60 * 60 * 1000;

export interface EventOutcome {
  customerId: string | null;
  result: SyncResult | null;
}

/** The subscription a charge paid for: charge → payment intent → invoice payment → invoice → its subscription. */
async function subscriptionOfCharge(stripe: Stripe, charge: Stripe.Charge): Promise<string | null> {
  const paymentIntent = idOf(charge.payment_intent);
  if (!paymentIntent) return null;
  const payments = await stripe.invoicePayments.list({
    payment: { type: 'payment_intent', payment_intent: paymentIntent },
    limit: 10,
  });
  for (const payment of payments.data) {
    const invoiceId = idOf(payment.invoice as string | { id: string });
    if (!invoiceId) continue;
    const invoice = await stripe.invoices.retrieve(invoiceId);
    const sub = idOf(invoice.parent?.subscription_details?.subscription);
    if (sub) return sub;
  }
  return null;
}

/**
 * A payment taken back (full refund, lost dispute) ends the plan it paid for at once: cancel that
 * subscription in Stripe, without proration or a final invoice. Idempotent: an ended one is left alone,
 * and a concurrent cancel that got there first counts as done.
 */
async function endPaidPlan(stripe: Stripe, charge: Stripe.Charge, why: string): Promise<void> {
  const subId = await subscriptionOfCharge(stripe, charge);
  if (!subId) {
    logger.warn(`charge ${charge.id} (${why}) paid for no subscription; nothing to end`);
    return;
  }
  const ended = (s: Stripe.Subscription) => s.status === 'canceled' || s.status === 'incomplete_expired';
  if (ended(await stripe.subscriptions.retrieve(subId))) return;
  try {
    await stripe.subscriptions.cancel(subId, { prorate: false, invoice_now: false });
    logger.info(`subscription ${subId} canceled: ${why} on charge ${charge.id}`);
  } catch (err) {
    if (!ended(await stripe.subscriptions.retrieve(subId))) throw err;
  }
}

/** `members/{uid}.dispute`: the dispute as Stripe states it now (a replay writes the same). */
async function recordDispute(deps: BillingDeps, uid: string, dispute: Stripe.Dispute): Promise<void> {
  const record: DisputeRecord<Timestamp> = {
    id: dispute.id,
    status: dispute.status,
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    openedAt: Timestamp.fromMillis(dispute.created * 1000),
  };
  await deps.db.collection(MEMBERS).doc(uid).set({ dispute: record }, { merge: true });
}

/** 3-D Secure: mail the invoice's hosted page, once per invoice, while Stripe still says it waits for the member. */
async function mailPaymentAction(deps: BillingDeps, invoice: Stripe.Invoice, uid: string): Promise<void> {
  if (invoice.status !== 'open' || !invoice.hosted_invoice_url) {
    logger.info(`invoice ${invoice.id} is ${invoice.status} by now; no payment-action mail`);
    return;
  }
  const member = (await deps.db.collection(MEMBERS).doc(uid).get()).data();
  if (!member) return;
  const tier = (member.subscription as { tier?: string | null } | null)?.tier ?? null;
  const tiers = await readTiers(deps.db);
  const data = {
    tier,
    tierName: tier ? (tiers.tiers[tier]?.name ?? tier) : null,
    amount: invoice.amount_due,
    currency: invoice.currency,
    hostedInvoiceUrl: invoice.hosted_invoice_url,
  };
  const key = `${uid}_payment-action-required_${invoice.id}`;
  const to = member.email as string;
  const mail = { key, to, uid, template: 'payment-action-required' as const, data };
  await queueMailOnce(deps.db, mail, deps.now(), billingNewsAlongside(deps.db, mail));
}

async function sync(deps: BillingDeps, customerId: string | null, event: Stripe.Event): Promise<EventOutcome> {
  if (!customerId) {
    logger.warn(`Stripe event ${event.id} (${event.type}) names no customer; nothing to sync`);
    return { customerId, result: null };
  }
  return { customerId, result: await syncCustomer(deps, customerId) };
}

/** Route one verified billing event (its type in BILLING_EVENTS): act on the re-read object, then sync. */
export async function processBillingEvent(deps: BillingDeps, event: Stripe.Event): Promise<EventOutcome> {
  if (event.type === 'charge.refunded') {
    const charge = await deps.stripe.charges.retrieve(objectId(event));
    if (paymentReversed({ amount: charge.amount, amountRefunded: charge.amount_refunded })) {
      await endPaidPlan(deps.stripe, charge, 'full refund');
    }
    return sync(deps, idOf(charge.customer), event);
  }
  if (event.type.startsWith('charge.dispute.')) {
    const dispute = await deps.stripe.disputes.retrieve(objectId(event));
    const charge = await deps.stripe.charges.retrieve(idOf(dispute.charge) ?? '');
    if (paymentReversed({ amount: charge.amount, amountRefunded: 0, disputeStatus: dispute.status })) {
      await endPaidPlan(deps.stripe, charge, 'dispute lost');
    }
    const outcome = await sync(deps, idOf(charge.customer), event);
    if (outcome.result?.uid) await recordDispute(deps, outcome.result.uid, dispute);
    return outcome;
  }
  if (event.type === 'invoice.payment_action_required') {
    const invoice = await deps.stripe.invoices.retrieve(objectId(event));
    const outcome = await sync(deps, idOf(invoice.customer), event);
    if (outcome.result?.uid) await mailPaymentAction(deps, invoice, outcome.result.uid);
    return outcome;
  }
  const outcome = await sync(deps, customerOfEvent(event), event);
  if (
    outcome.result?.uid &&
    (event.type === 'customer.subscription.trial_will_end' || event.type === 'invoice.upcoming')
  ) {
    await queueRemindersOf(deps, outcome.result.uid, await readTiers(deps.db), NOTICE_SLACK_MS);
  }
  return outcome;
}

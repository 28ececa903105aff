import Stripe from 'stripe';
import { getAuth } from 'firebase-admin/auth';
import { FieldValue } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBillingDeadlines } from '../../functions/src/billing/billing-deadlines';
import { handleStripeWebhook } from '../../functions/src/billing/stripe-webhook';
import { adminSdk, clearEmulators, eventually, readMember as member, type SignedIn } from '../support/emulators';
import { createMember } from '../support/factories';
import {
  billingTestDeps,
  buyPlan as buy,
  postWebhook,
  resetTwinWithPrices,
  stripe,
  twinAction,
  twinPayment,
  WEBHOOK_SECRET,
} from '../support/stripe';

// Deliverable 4 of issue 12: the mails a paying member expects, each queued once per occurrence however
// often Stripe (re)delivers and the hourly job re-runs; refunds and disputes; grace ending without a webhook.
const { db } = adminSdk();
const DAY = 86_400_000;

const mailsOf = async (uid: string, template: string) =>
  (await db.collection('mail').where('uid', '==', uid).where('template', '==', template).get()).docs;
const count = async (uid: string, template: string) => (await mailsOf(uid, template)).length;
const countSoon = (uid: string, template: string, n = 1) =>
  eventually(
    () => count(uid, template),
    (c) => c >= n,
  );

/** The newest twin event of a type about an object (a subscription, invoice, charge or dispute id). */
async function eventAbout(type: string, objectId: string): Promise<Stripe.Event> {
  const { data } = await stripe.events.list({ type, limit: 100 });
  const found = data.find((e) => {
    const o = e.data.object as { id?: string; parent?: { subscription_details?: { subscription?: string } } };
    return o.id === objectId || o.parent?.subscription_details?.subscription === objectId;
  });
  if (!found) throw new Error(`no ${type} event about ${objectId}`);
  return found;
}

/** Stripe delivering an event again (ledger entry gone, as after a crash) and a second event for the same thing. */
async function redeliver(event: Stripe.Event): Promise<void> {
  await db.doc(`webhookEvents/stripe_${event.id}`).delete();
  for (const e of [event, { ...event, id: `${event.id}_again` }]) {
    const res = await postWebhook(JSON.stringify(e));
    expect(res.status, res.text).toBe(200);
  }
}

/** A webhook delivered in-process with a chosen clock (the emulated functions run on the real one). */
function deliverAt(event: Stripe.Event, now: Date) {
  const rawBody = JSON.stringify({ ...event, id: `${event.id}_at_${now.getTime()}` });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: rawBody, secret: WEBHOOK_SECRET });
  return handleStripeWebhook(billingTestDeps({ now: () => now }), WEBHOOK_SECRET, { rawBody, signature });
}

const runJobAt = (now: Date) => checkBillingDeadlines(billingTestDeps({ now: () => now }));

async function chargeOf(uid: string): Promise<Stripe.Charge> {
  const customer = (await member(uid)).stripeCustomerId!;
  const charge = (await stripe.charges.list({ customer, limit: 1 })).data[0];
  if (!charge) throw new Error(`no charge for ${uid}`);
  return charge;
}

const subscriptionStatus = async (uid: string) =>
  (await stripe.subscriptions.retrieve((await member(uid)).subscription!.id)).status;

beforeAll(async () => {
  await clearEmulators();
  await resetTwinWithPrices();
});

describe('payment needs authentication (3-D Secure), then payment recovered', () => {
  let ivy: SignedIn;
  let subId: string;
  beforeAll(async () => {
    ivy = await createMember('ivy@example.com');
    subId = (await buy(ivy, 'basic')).subscription!.id;
    await twinAction(subId, 'require-action');
  });

  it('mails the hosted invoice page read from Stripe, once however often the event comes', async () => {
    expect(await countSoon(ivy.uid, 'payment-action-required')).toBe(1);
    const invoice = await stripe.invoices.retrieve(
      (await stripe.subscriptions.retrieve(subId)).latest_invoice as string,
    );
    expect(invoice.status).toBe('open');
    const [mail] = await mailsOf(ivy.uid, 'payment-action-required');
    expect(mail!.id).toBe(`${ivy.uid}_payment-action-required_${invoice.id}`);
    expect(mail!.get('data')).toMatchObject({
      hostedInvoiceUrl: invoice.hosted_invoice_url,
      amount: invoice.amount_due,
      tierName: 'Basic',
    });
    expect(mail!.get('to')).toBe('ivy@example.com');
    await redeliver(await eventAbout('invoice.payment_action_required', invoice.id));
    expect(await count(ivy.uid, 'payment-action-required')).toBe(1);
  });

  it('paying the open invoice queues payment-recovered once, not a welcome', async () => {
    await twinAction(subId, 'pay');
    expect(await countSoon(ivy.uid, 'payment-recovered')).toBe(1);
    const m = await member(ivy.uid);
    expect(m.tier).toBe('basic');
    expect(m.subscription?.status).toBe('active');
    await redeliver(await eventAbout('customer.subscription.updated', subId));
    await redeliver(await eventAbout('invoice.payment_action_required', subId)); // paid by now: no new mail
    expect(await count(ivy.uid, 'payment-recovered')).toBe(1);
    expect(await count(ivy.uid, 'payment-action-required')).toBe(1);
    expect(await count(ivy.uid, 'welcome')).toBe(1);
  });
});

describe('trial ending in 3 days', () => {
  beforeAll(async () => {
    // The 3-D Secure renewal above moved the twin's clock a month on; Stripe's notice is judged on ours.
    await resetTwinWithPrices();
    await db.doc('config/tiers').update({ 'tiers.basic.trialDays': 3 });
  });
  afterAll(async () => {
    await db.doc('config/tiers').update({ 'tiers.basic.trialDays': FieldValue.delete() });
  });

  it("Stripe's trial_will_end and the hourly check together queue one mail", async () => {
    const tia = await createMember('tia@example.com');
    const m = await buy(tia, 'basic');
    expect(m.subscription?.status).toBe('trialing');
    const trialEnd = m.subscription!.trialEnd!.toMillis();
    await twinAction(m.subscription!.id, 'trial-will-end');
    expect(await countSoon(tia.uid, 'trial-ending')).toBe(1);
    const [mail] = await mailsOf(tia.uid, 'trial-ending');
    expect(mail!.get('data')).toMatchObject({ at: trialEnd, tierName: 'Basic', amount: 900 });
    await redeliver(await eventAbout('customer.subscription.trial_will_end', m.subscription!.id));
    await runJobAt(new Date(trialEnd - DAY));
    await runJobAt(new Date(trialEnd - 2 * DAY));
    expect(await count(tia.uid, 'trial-ending')).toBe(1);
  });

  it('without the webhook, the hourly check mails once inside the window and never outside it', async () => {
    const tom = await createMember('tom@example.com');
    const m = await buy(tom, 'basic');
    const trialEnd = m.subscription!.trialEnd!.toMillis();
    await runJobAt(new Date(trialEnd - 4 * DAY));
    expect(await count(tom.uid, 'trial-ending')).toBe(0);
    await runJobAt(new Date(trialEnd - 2 * DAY));
    await runJobAt(new Date(trialEnd - 2 * DAY + 3_600_000));
    expect(await count(tom.uid, 'trial-ending')).toBe(1);
  });
});

describe('yearly renewal coming in 7 days', () => {
  it('the hourly check and invoice.upcoming queue one mail; a monthly plan gets none', async () => {
    const yul = await createMember('yul@example.com');
    const y = await buy(yul, 'main', 'yearly');
    expect(y.subscription?.interval).toBe('yearly');
    const periodEnd = y.subscription!.currentPeriodEnd!.toMillis();
    await runJobAt(new Date(periodEnd - 8 * DAY));
    expect(await count(yul.uid, 'renewal-upcoming')).toBe(0);
    await runJobAt(new Date(periodEnd - 6 * DAY));
    await runJobAt(new Date(periodEnd - 5 * DAY));
    await twinAction(y.subscription!.id, 'upcoming');
    const upcoming = await eventAbout('invoice.upcoming', y.subscription!.id);
    expect((await deliverAt(upcoming, new Date(periodEnd - 6 * DAY))).status).toBe(200);
    const mails = await mailsOf(yul.uid, 'renewal-upcoming');
    expect(mails.map((d) => d.id)).toEqual([
      `${yul.uid}_renewal-upcoming_${y.subscription!.id}_${Math.floor(periodEnd / 1000)}`,
    ]);
    expect(mails[0]!.get('data')).toMatchObject({ at: periodEnd, tierName: 'Main', amount: 19000 });

    const mo = await createMember('mo@example.com');
    const monthly = await buy(mo, 'main');
    await runJobAt(new Date(monthly.subscription!.currentPeriodEnd!.toMillis() - 5 * DAY));
    expect(await count(mo.uid, 'renewal-upcoming')).toBe(0);
  });
});

describe('refunds', () => {
  it('a partial refund keeps the plan', async () => {
    const pat = await createMember('pat@example.com');
    await buy(pat, 'basic');
    const charge = await chargeOf(pat.uid);
    const { events } = await twinPayment(`charges/${charge.id}/refund`, { amount: '300' });
    expect(events.map((e) => e.type)).toEqual(['charge.refunded', 'refund.created']);
    expect(await subscriptionStatus(pat.uid)).toBe('active');
    const m = await member(pat.uid);
    expect(m.tier).toBe('basic');
    expect(await count(pat.uid, 'access-ended')).toBe(0);
  });

  it('a full refund cancels the subscription at once and ends the tier, mailing once', async () => {
    const rex = await createMember('rex@example.com');
    await buy(rex, 'main');
    const charge = await chargeOf(rex.uid);
    await twinPayment(`charges/${charge.id}/refund`);
    const ended = await eventually(
      () => member(rex.uid),
      (m) => m.tier === 'free',
    );
    expect(ended.subscription?.status).toBe('canceled');
    expect(await subscriptionStatus(rex.uid)).toBe('canceled');
    expect((await getAuth().getUser(rex.uid)).customClaims?.tier).toBe('free');
    expect(await countSoon(rex.uid, 'access-ended')).toBe(1);
    await redeliver(await eventAbout('charge.refunded', charge.id));
    await redeliver(await eventAbout('customer.subscription.deleted', ended.subscription!.id));
    expect(await count(rex.uid, 'access-ended')).toBe(1);
  });
});

describe('disputes', () => {
  it('an opened dispute shows on the member; a lost one ends the tier, mailing once', async () => {
    const dan = await createMember('dan@example.com');
    await buy(dan, 'premium');
    const charge = await chargeOf(dan.uid);
    const opened = await twinPayment(`charges/${charge.id}/dispute`, { reason: 'fraudulent' });
    const disputeId = opened.events[0]!.object.id!;
    const open = await eventually(
      () => member(dan.uid),
      (m) => m.dispute?.id === disputeId,
    );
    expect(open.dispute).toMatchObject({
      status: 'needs_response',
      amount: charge.amount,
      currency: charge.currency,
      reason: 'fraudulent',
    });
    expect(open.tier).toBe('premium');

    await twinPayment(`disputes/${disputeId}/close`, { status: 'lost' });
    const lost = await eventually(
      () => member(dan.uid),
      (m) => m.tier === 'free' && m.dispute?.status === 'lost',
    );
    expect(lost.subscription?.status).toBe('canceled');
    expect(await subscriptionStatus(dan.uid)).toBe('canceled');
    expect(await countSoon(dan.uid, 'access-ended')).toBe(1);
    await redeliver(await eventAbout('charge.dispute.closed', disputeId));
    await redeliver(await eventAbout('charge.dispute.created', disputeId)); // stale payload: Stripe says lost
    expect((await member(dan.uid)).dispute?.status).toBe('lost');
    expect(await count(dan.uid, 'access-ended')).toBe(1);
  });

  it('a won dispute keeps the plan', async () => {
    const wes = await createMember('wes@example.com');
    await buy(wes, 'basic');
    const charge = await chargeOf(wes.uid);
    const opened = await twinPayment(`charges/${charge.id}/dispute`);
    await twinPayment(`disputes/${opened.events[0]!.object.id!}/close`, { status: 'won' });
    const m = await eventually(
      () => member(wes.uid),
      (x) => x.dispute?.status === 'won',
    );
    expect(m.tier).toBe('basic');
    expect(await subscriptionStatus(wes.uid)).toBe('active');
    expect(await count(wes.uid, 'access-ended')).toBe(0);
  });
});

describe('grace ends on time', () => {
  it('the hourly job takes the tier when grace is over, without any webhook, and mails once', async () => {
    const gia = await createMember('gia@example.com');
    const subId = (await buy(gia, 'main')).subscription!.id;
    await twinAction(subId, 'fail-renewal');
    const pastDue = await eventually(
      () => member(gia.uid),
      (m) => m.subscription?.status === 'past_due',
    );
    const graceUntil = pastDue.subscription!.graceUntil!.toMillis();
    expect(pastDue.tier).toBe('main');

    expect((await runJobAt(new Date(graceUntil - 60_000))).graceEnded).toEqual([]);
    expect((await member(gia.uid)).tier).toBe('main');

    const after = new Date(graceUntil + 60_000);
    expect((await runJobAt(after)).graceEnded).toEqual([gia.uid]);
    expect((await runJobAt(after)).graceEnded).toEqual([]); // already fallen back: nothing to do
    const m = await member(gia.uid);
    expect(m).toMatchObject({ tier: 'free', rank: 10 });
    expect((await getAuth().getUser(gia.uid)).customClaims?.tier).toBe('free');
    expect(await count(gia.uid, 'access-ended')).toBe(1);

    // Stripe gives up later (unpaid): the webhook's sync finds the same occurrence already mailed.
    await twinAction(subId, 'advance');
    await eventually(
      () => member(gia.uid),
      (x) => x.subscription?.status === 'unpaid',
    );
    expect(await count(gia.uid, 'access-ended')).toBe(1);
  });
});

import { FieldValue } from 'firebase-admin/firestore';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refreshEntitlement } from '../../functions/src/members/member-store';
import { reconcileSubscriptions } from '../../functions/src/billing/reconcile';
import {
  adminSdk,
  callFunction,
  clearEmulators,
  eventually,
  readMember as member,
  signIn,
  tokenClaims,
  type SignedIn,
} from '../support/emulators';
import { createMember } from '../support/factories';
import {
  billingTestDeps,
  buyPlan as buy,
  checkout,
  postWebhook,
  resetTwinWithPrices,
  stripe,
  twinAction,
} from '../support/stripe';

const { db } = adminSdk();
const mails = async (uid: string) =>
  (await db.collection('mail').where('uid', '==', uid).get()).docs.map((d) => d.get('template') as string);
const ledger = async () => (await db.collection('webhookEvents').get()).size;
const portal = (user: SignedIn) => callFunction('createPortalSession', {}, user.idToken);

beforeAll(async () => {
  await clearEmulators();
  await resetTwinWithPrices();
});

describe('createCheckoutSession / createPortalSession', () => {
  let ann: SignedIn;
  beforeAll(async () => {
    ann = await createMember('ann@example.com');
  });

  it('refuses visitors', async () => {
    const res = await callFunction('createCheckoutSession', { tier: 'main', interval: 'monthly' });
    expect(res.error?.status).toBe('UNAUTHENTICATED');
    expect((await callFunction('createPortalSession', {})).error?.status).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['no interval', { tier: 'main' }, 'interval'],
    ['unknown interval', { tier: 'main', interval: 'weekly' }, 'interval must be monthly or yearly'],
    ['someone else’s uid', { tier: 'main', interval: 'monthly', uid: 'someone-else' }, 'uid'],
    ['not an object', 'main', 'expected object'],
    ['unknown plan', { tier: 'gold', interval: 'monthly' }, 'Unknown plan "gold"'],
    ['a plan without prices', { tier: 'free', interval: 'monthly' }, 'Free cannot be bought monthly'],
  ])('answers invalid-argument with a message for %s', async (_label, data, message) => {
    const res = await checkout(ann, data);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toContain(message);
    expect((await member(ann.uid)).stripeCustomerId).toBeUndefined(); // nothing half-done
  });

  it('refuses a portal before there is a customer, and a portal payload naming anyone', async () => {
    expect((await portal(ann)).error?.status).toBe('FAILED_PRECONDITION');
    const other = await callFunction('createPortalSession', { customer: 'cus_other' }, ann.idToken);
    expect(other.error?.status).toBe('INVALID_ARGUMENT');
  });

  it('creates one Stripe customer even under concurrent clicks', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => checkout(ann, { tier: 'main', interval: 'monthly' })),
    );
    expect(results.map((r) => r.result?.kind)).toEqual(Array(5).fill('checkout'));
    const stored = (await member(ann.uid)).stripeCustomerId;
    expect(stored).toMatch(/^cus_/);
    const customers = await stripe.customers.list({ email: 'ann@example.com', limit: 100 });
    expect(customers.data.map((c) => c.id)).toEqual([stored]);
    expect(customers.data[0]?.metadata.firebaseUID).toBe(ann.uid);
  });

  it('opens checkout and portal for the caller’s own customer only', async () => {
    const bob = await createMember('bob@example.com');
    const res = await checkout(bob, { tier: 'basic', interval: 'yearly' });
    const id = /\/checkout\/([^/?]+)/.exec(res.result!.url)?.[1] ?? '';
    const session = await stripe.checkout.sessions.retrieve(id);
    const bobCustomer = (await member(bob.uid)).stripeCustomerId;
    expect(session.customer).toBe(bobCustomer);
    expect(session.client_reference_id).toBe(bob.uid);
    expect(bobCustomer).not.toBe((await member(ann.uid)).stripeCustomerId);
    const page = await (await fetch((await portal(bob)).result!.url)).text();
    expect(page).toContain('bob@example.com');
    expect(page).not.toContain('ann@example.com');
  });
});

describe('subscription lifecycle through the twin and the real webhook', () => {
  let cy: SignedIn;
  beforeAll(async () => {
    cy = await createMember('cy@example.com');
  });

  it('a purchase grants the tier, mirrors the subscription, refreshes claims and queues a welcome', async () => {
    const m = await buy(cy, 'main');
    expect(m).toMatchObject({ tier: 'main', rank: 30, mrr: 1900 });
    expect(m.subscription).toMatchObject({
      status: 'active',
      tier: 'main',
      interval: 'monthly',
      cancelAtPeriodEnd: false,
    });
    expect(m.subscription?.currentPeriodEnd?.toMillis()).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    expect(tokenClaims((await signIn('cy@example.com')).idToken)).toMatchObject({ tier: 'main', rank: 30 });
    // Main includes the community: its trigger adds the invite shortly after the plan changes.
    expect(
      await eventually(
        () => mails(cy.uid),
        (m) => m.length >= 2,
      ),
    ).toEqual(['community-invite', 'welcome']);
  });

  it('a plan change in the portal moves the tier and queues plan-changed', async () => {
    const sub = await stripe.subscriptions.retrieve((await member(cy.uid)).subscription!.id);
    const premiumPrice = (await db.doc('config/tiers').get()).get('tiers.premium.prices.monthly.priceId') as string;
    await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: premiumPrice }] });
    const upgraded = await eventually(
      () => member(cy.uid),
      (m) => m.tier === 'premium',
    );
    expect(upgraded).toMatchObject({ rank: 40, mrr: 3900 });
    expect(
      await eventually(
        () => mails(cy.uid),
        (m) => m.length >= 3,
      ),
    ).toEqual(['community-invite', 'plan-changed', 'welcome']);
  });

  it('buying again while paying leads to the portal, not a second subscription', async () => {
    const res = await checkout(cy, { tier: 'premium', interval: 'monthly' });
    expect(res.result?.kind).toBe('portal');
  });

  it('cancel at period end keeps the tier until the period ends, then falls to free', async () => {
    const subId = (await member(cy.uid)).subscription!.id;
    await stripe.subscriptions.update(subId, { cancel_at_period_end: true });
    const cancelling = await eventually(
      () => member(cy.uid),
      (m) => m.subscription?.cancelAtPeriodEnd === true,
    );
    expect(await mails(cy.uid)).toContain('cancellation-scheduled');
    await twinAction(subId, 'advance');
    expect(cancelling.tier).toBe('premium');
    const ended = await eventually(
      () => member(cy.uid),
      (m) => m.tier === 'free',
    );
    expect(ended).toMatchObject({ tier: 'free', rank: 10, mrr: 0 });
    expect(ended.subscription?.status).toBe('canceled');
  });

  it('a tier with trialDays starts a trial on the first subscription only', async () => {
    await db.doc('config/tiers').update({ 'tiers.basic.trialDays': 14 });
    try {
      const gus = await createMember('gus@example.com');
      const m = await buy(gus, 'basic');
      expect(m.subscription?.status).toBe('trialing');
      expect(m.subscription?.trialEnd?.toMillis()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
      expect(m.tier).toBe('basic');
      // A member who has had a subscription gets no second trial.
      await stripe.subscriptions.cancel(m.subscription!.id);
      await eventually(
        () => member(gus.uid),
        (x) => x.tier === 'free',
      );
      const again = await checkout(gus, { tier: 'basic', interval: 'monthly' });
      expect(again.result?.kind).toBe('checkout');
      expect(await (await fetch(again.result!.url)).text()).not.toMatch(/free trial/i);
    } finally {
      await db.doc('config/tiers').update({ 'tiers.basic.trialDays': FieldValue.delete() });
    }
  });

  it('a failed renewal keeps the tier through the grace period and queues a payment-failed mail', async () => {
    const dee = await createMember('dee@example.com');
    await buy(dee, 'basic');
    const subId = (await member(dee.uid)).subscription!.id;
    await twinAction(subId, 'fail-renewal');
    const pastDue = await eventually(
      () => member(dee.uid),
      (m) => m.subscription?.status === 'past_due',
    );
    expect(pastDue.tier).toBe('basic');
    expect(pastDue.subscription?.graceUntil?.toMillis()).toBeGreaterThan(Date.now());
    expect(await mails(dee.uid)).toEqual(expect.arrayContaining(['welcome', 'payment-failed']));
  });
});

describe('stripeWebhook rejects what it cannot trust and changes nothing', () => {
  let eve: SignedIn;
  let event: string;
  beforeAll(async () => {
    eve = await createMember('eve@example.com');
    await buy(eve, 'premium');
    // Drift: Stripe says premium, our copy says nothing. Any accepted billing event would heal it.
    await db.doc(`members/${eve.uid}`).update({ subscription: null, mrr: 0 });
    await refreshEntitlement(billingTestDeps(), eve.uid);
    const customer = (await member(eve.uid)).stripeCustomerId!;
    const sub = (await stripe.subscriptions.list({ customer })).data[0]!;
    event = JSON.stringify({
      id: 'evt_webhook_test_1',
      object: 'event',
      type: 'customer.subscription.updated',
      data: { object: sub },
      created: 1,
    });
  });
  beforeEach(async () => {
    await Promise.all((await db.collection('webhookEvents').get()).docs.map((d) => d.ref.delete()));
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['no signature header', () => postWebhook(event, { signature: null })],
    ['a signature made with another secret', () => postWebhook(event, { secret: 'whsec_attacker' })],
    ['a garbled signature header', () => postWebhook(event, { signature: 't=abc,v1=00' })],
    [
      'a body changed after signing',
      async () => {
        const { generateTestHeaderString } = (await import('stripe')).default.webhooks;
        const signature = generateTestHeaderString({ payload: event, secret: 'whsec_commons_twin' });
        return postWebhook(event.replace('evt_webhook_test_1', 'evt_forged'), { signature });
      },
    ],
    ['a timestamp outside the tolerance', () => postWebhook(event, { timestamp: now() - 600 })],
    ['a signed body that is not JSON', () => postWebhook('not json at all', { contentType: 'text/plain' })],
    // Declared as JSON, the framework's body parser refuses it (400) before our code runs.
    ['a signed body declared JSON that is not', () => postWebhook('{"id": "evt_1", oops')],
  ])('rejects %s with 400', async (label, send) => {
    const res = await send();
    expect(res.status).toBe(400);
    if (!label.includes('declared JSON')) expect(res.text).toMatch(/Webhook rejected: .+/);
    expect((await member(eve.uid)).tier).toBe('free');
    expect(await ledger()).toBe(0);
  });

  it('acknowledges an unknown event type and does nothing', async () => {
    const res = await postWebhook(
      JSON.stringify({ id: 'evt_other', object: 'event', type: 'payout.paid', data: { object: {} } }),
    );
    expect(res).toEqual({ status: 200, text: 'ignored' });
    expect((await member(eve.uid)).tier).toBe('free');
    expect(await ledger()).toBe(0);
  });

  it('accepts the same event correctly signed (the control case), and a duplicate does nothing', async () => {
    expect(await postWebhook(event)).toEqual({ status: 200, text: 'ok' });
    expect((await member(eve.uid)).tier).toBe('premium');
    expect(await ledger()).toBe(1);
    expect(await postWebhook(event)).toEqual({ status: 200, text: 'duplicate' });
  });
});

describe('daily reconciliation', () => {
  it('heals drift from a lost webhook and reports what it changed', async () => {
    const fay = await createMember('fay@example.com');
    await buy(fay, 'main');
    await db.doc(`members/${fay.uid}`).update({ subscription: null, mrr: 0 });
    await refreshEntitlement(billingTestDeps(), fay.uid);
    expect((await member(fay.uid)).tier).toBe('free');

    const report = await reconcileSubscriptions(billingTestDeps());
    expect(report.changed).toContainEqual({
      uid: fay.uid,
      customerId: (await member(fay.uid)).stripeCustomerId,
      from: 'free',
      to: 'main',
    });
    expect(report.failed).toEqual([]);
    expect((await member(fay.uid)).tier).toBe('main');
    const stored = await db.collection('billingReconciliations').orderBy('ranAt', 'desc').limit(1).get();
    expect(stored.docs[0]?.get('changed')).toContainEqual(expect.objectContaining({ uid: fay.uid, to: 'main' }));
    const again = await reconcileSubscriptions(billingTestDeps());
    expect(again.changed.find((c) => c.uid === fay.uid)).toBeUndefined();
  });
});

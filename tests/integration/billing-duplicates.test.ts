import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCheckout } from '../../functions/src/billing/checkout';
import { BILLING_DUPLICATES, DUPLICATE_MARK } from '../../functions/src/billing/duplicate-subscriptions';
import { setupStripePrices } from '../../functions/src/billing/stripe-prices';
import { setGrant } from '../../functions/src/members/member-store';
import { PRORATION_BEHAVIOR } from '../../functions/src/shared/proration';
import { adminSdk, clearEmulators, eventually, readMember as member, type SignedIn } from '../support/emulators';
import { createMember } from '../support/factories';
import {
  billingTestDeps,
  checkout,
  payCheckoutPage,
  postWebhook,
  resetTwinWithPrices,
  sessionIdOf,
  stripe,
  TWIN_URL,
} from '../support/stripe';

// Issue 12, "never two subscriptions" and "never paying for nothing", through the twin and the real
// webhook (signed Stripe's way), plus the Stripe settings a real account needs.
const { db } = adminSdk();
const deps = billingTestDeps();
const DAY = 86_400_000;

const mailDoc = (key: string) => db.doc(`mail/${key}`).get();
const mailsOf = async (uid: string) =>
  (await db.collection('mail').where('uid', '==', uid).get()).docs.map((d) => d.get('template') as string);
const priceOf = async (tier: string) =>
  (await db.doc('config/tiers').get()).get(`tiers.${tier}.prices.monthly.priceId`) as string;

/** The refunds of the first payment of a subscription's paid invoice. */
async function refundsOf(subscriptionId: string): Promise<Stripe.Refund[]> {
  const invoices = await stripe.invoices.list({ subscription: subscriptionId, status: 'paid' });
  const paid = invoices.data.find((i) => i.amount_paid > 0);
  if (!paid) return [];
  const payment = (await stripe.invoicePayments.list({ invoice: paid.id })).data[0]?.payment;
  const pi = payment?.payment_intent;
  if (!pi) return [];
  return (await stripe.refunds.list({ payment_intent: typeof pi === 'string' ? pi : pi.id })).data;
}

/** Replays every event of a customer through the real webhook, the ledger cleared first, as Stripe's retries would. */
async function replayAll(customerId: string): Promise<number[]> {
  const events = (await stripe.events.list({ limit: 100 })).data.filter(
    (e) => (e.data.object as { customer?: string }).customer === customerId,
  );
  const batch = db.batch();
  for (const e of events) batch.delete(db.doc(`webhookEvents/stripe_${e.id}`));
  await batch.commit();
  const statuses: number[] = [];
  for (const e of events.reverse()) statuses.push((await postWebhook(JSON.stringify(e))).status);
  return statuses;
}

beforeAll(async () => {
  await clearEmulators();
  await resetTwinWithPrices();
});

describe('never two subscriptions', () => {
  it('opening a second checkout expires the first, whose page can then no longer be paid', async () => {
    const ann = await createMember('dup-ann@example.com');
    const first = await checkout(ann, { tier: 'main', interval: 'monthly' });
    const second = await checkout(ann, { tier: 'basic', interval: 'monthly' });
    expect([first.result?.kind, second.result?.kind]).toEqual(['checkout', 'checkout']);
    const [a, b] = [sessionIdOf(first.result!.url), sessionIdOf(second.result!.url)];
    expect((await stripe.checkout.sessions.retrieve(a)).status).toBe('expired');
    const open = await stripe.checkout.sessions.list({
      customer: (await member(ann.uid)).stripeCustomerId!,
      status: 'open',
    });
    expect(open.data.map((s) => s.id)).toEqual([b]);
    const paid = await payCheckoutPage(first.result!.url);
    expect(paid.status).toBe(400);
    expect(await paid.text()).toContain('expired');
    expect((await member(ann.uid)).subscription ?? null).toBeNull();
  });

  describe('two tabs paid (the race the expiry cannot close) end with one subscription and a refund', () => {
    let bea: SignedIn;
    let keptId: string;
    let dupId: string;
    let customerId: string;

    beforeAll(async () => {
      bea = await createMember('dup-bea@example.com');
      // Tab 1 through the callable; tab 2 is the concurrent call that listed no open session yet.
      const tab1 = await checkout(bea, { tier: 'main', interval: 'monthly' });
      customerId = (await member(bea.uid)).stripeCustomerId!;
      const tab2 = await stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customerId,
        client_reference_id: bea.uid,
        line_items: [{ price: await priceOf('main'), quantity: 1 }],
        subscription_data: { metadata: { firebaseUID: bea.uid, tier: 'main' } },
        success_url: 'http://127.0.0.1:4173/account?checkout=success',
        metadata: { firebaseUID: bea.uid },
      });
      expect((await payCheckoutPage(tab1.result!.url)).status).toBe(303);
      expect((await payCheckoutPage(tab2.url!)).status).toBe(303);
      const subs = await eventually(
        () => stripe.subscriptions.list({ customer: customerId, status: 'all' }),
        (l) => l.data.length === 2 && l.data.filter((s) => s.status === 'canceled').length === 1,
      );
      keptId = subs.data.find((s) => s.status === 'active')!.id;
      dupId = subs.data.find((s) => s.status === 'canceled')!.id;
      await eventually(
        () => db.doc(`${BILLING_DUPLICATES}/${dupId}`).get(),
        (d) => d.exists,
      );
    }, 60_000);

    it('keeps the deciding (newest) subscription and cancels the other at once, marked as ours', async () => {
      const dup = await stripe.subscriptions.retrieve(dupId);
      const kept = await stripe.subscriptions.retrieve(keptId);
      expect(kept.created).toBeGreaterThanOrEqual(dup.created);
      expect(dup.cancellation_details?.comment).toBe(DUPLICATE_MARK);
      // No proration credit on top of the refund.
      expect(((await stripe.customers.retrieve(customerId)) as Stripe.Customer).balance ?? 0).toBe(0);
      const m = await eventually(
        () => member(bea.uid),
        (x) => x.subscription?.id === keptId,
      );
      expect(m).toMatchObject({ tier: 'main', mrr: 1900 });
    });

    it('refunds the unused part of the duplicate once: nearly all of it, paid seconds before', async () => {
      const refunds = await refundsOf(dupId);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]!.metadata?.commons_duplicate).toBe(dupId);
      expect(refunds[0]!.amount).toBeGreaterThan(1850);
      expect(refunds[0]!.amount).toBeLessThanOrEqual(1900);
      expect(await refundsOf(keptId)).toHaveLength(0);
    });

    it('tells the member and the admin once each, and a replay of every webhook changes nothing', async () => {
      const before = await refundsOf(dupId);
      const memberMail = await mailDoc(`duplicate_${dupId}_member`);
      const adminMail = await mailDoc(`duplicate_${dupId}_admin0`);
      expect(memberMail.data()).toMatchObject({
        template: 'duplicate-subscription-cancelled',
        to: 'dup-bea@example.com',
      });
      expect(memberMail.get('data.refundAmount')).toBe(before[0]!.amount);
      expect(adminMail.data()).toMatchObject({
        template: 'duplicate-subscription-admin',
        to: 'admin@demo.test',
        uid: null,
      });

      expect(new Set(await replayAll(customerId))).toEqual(new Set([200]));
      expect((await refundsOf(dupId)).map((r) => r.id)).toEqual(before.map((r) => r.id));
      expect((await mailsOf(bea.uid)).filter((t) => t.startsWith('duplicate'))).toEqual([
        'duplicate-subscription-cancelled',
      ]);
      const admin = await db.collection('mail').where('template', '==', 'duplicate-subscription-admin').get();
      expect(admin.docs.map((d) => d.id)).toEqual([`duplicate_${dupId}_admin0`]);
    });

    it('a crash after the Stripe steps, before the record and mails, is healed by the retry (no second refund)', async () => {
      const before = await refundsOf(dupId);
      await db.doc(`${BILLING_DUPLICATES}/${dupId}`).delete();
      await db.doc(`mail/duplicate_${dupId}_member`).delete();
      expect(new Set(await replayAll(customerId))).toEqual(new Set([200]));
      expect((await db.doc(`${BILLING_DUPLICATES}/${dupId}`).get()).exists).toBe(true);
      expect((await mailDoc(`duplicate_${dupId}_member`)).exists).toBe(true);
      expect((await refundsOf(dupId)).map((r) => r.id)).toEqual(before.map((r) => r.id));
      expect((await stripe.subscriptions.retrieve(keptId)).status).toBe('active');
    });
  });
});

describe('never paying for nothing: a complimentary grant', () => {
  it('an open-ended Premium cannot buy Basic nor Premium; nothing is created in Stripe', async () => {
    const cal = await createMember('grant-cal@example.com');
    await setGrant(deps, cal.uid, { tier: 'premium', endsAt: null, grantedBy: 'admin@demo.test', note: '' });
    for (const tier of ['basic', 'premium']) {
      const res = await checkout(cal, { tier, interval: 'monthly' });
      expect(res.error?.status).toBe('FAILED_PRECONDITION');
      expect(res.error?.message).toMatch(/complimentary Premium.*no end date|already have Premium/);
    }
    expect((await member(cal.uid)).stripeCustomerId).toBeUndefined();
  });

  it('a Premium that ends in 30 days: Basic can be bought, and its first payment waits for the end', async () => {
    const dot = await createMember('grant-dot@example.com');
    const endsAt = new Date(Date.now() + 30 * DAY);
    await setGrant(deps, dot.uid, { tier: 'premium', endsAt, grantedBy: 'admin@demo.test', note: '' });
    const res = await checkout(dot, { tier: 'basic', interval: 'monthly' });
    expect(res.result?.kind).toBe('checkout');
    expect(await (await fetch(res.result!.url)).text()).toMatch(/Nothing is charged today/);
    expect((await payCheckoutPage(res.result!.url)).status).toBe(303);
    const m = await eventually(
      () => member(dot.uid),
      (x) => x.subscription?.status === 'trialing',
    );
    expect(Math.abs(m.subscription!.trialEnd!.toMillis() - endsAt.getTime())).toBeLessThan(1000);
    expect(m.tier).toBe('premium'); // the grant still outranks Basic
    const invoices = await stripe.invoices.list({ customer: m.stripeCustomerId! });
    expect(invoices.data.reduce((sum, i) => sum + i.amount_paid, 0)).toBe(0);
  });
});

describe('Stripe settings a real account needs', () => {
  it('stripe-setup taxes prices and products, and configures the portal with explicit proration', async () => {
    const price = await stripe.prices.retrieve(await priceOf('main'), { expand: ['product'] });
    expect(price.tax_behavior).toBe('exclusive');
    expect((price.product as Stripe.Product).tax_code).toBe('txcd_10000000');
    const configs = await stripe.billingPortal.configurations.list({ is_default: true });
    expect(configs.data).toHaveLength(1);
    expect(configs.data[0]!.features.subscription_update.proration_behavior).toBe(PRORATION_BEHAVIOR);
    // Twice changes nothing: same prices, the same configuration updated.
    const again = await setupStripePrices(stripe, db);
    expect(again.created).toEqual([]);
    expect(again.portalConfiguration).toBe(configs.data[0]!.id);
  });

  it('tax-id collection goes with customer_update for an existing customer (Stripe refuses it without)', async () => {
    const eve = await createMember('tax-eve@example.com');
    const withTaxIds = billingTestDeps({ settings: { ...deps.settings, taxIdCollection: true } });
    const redirect = await createCheckout(withTaxIds, eve.uid, { tier: 'main', interval: 'monthly' });
    const session = await stripe.checkout.sessions.retrieve(sessionIdOf(redirect.url));
    // The twin, like Stripe, refuses this for an existing customer unless customer_update[name] is auto.
    expect(session.tax_id_collection?.enabled).toBe(true);
    await expect(
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: session.customer as string,
        line_items: [{ price: await priceOf('main'), quantity: 1 }],
        success_url: 'http://127.0.0.1:4173/account',
        tax_id_collection: { enabled: true },
      }),
    ).rejects.toThrow(/customer_update/);
  });

  it('an upgrade in the portal is invoiced at once for the prorated difference', async () => {
    const fay = await createMember('prorate-fay@example.com');
    const res = await checkout(fay, { tier: 'main', interval: 'monthly' });
    await payCheckoutPage(res.result!.url);
    const m = await eventually(
      () => member(fay.uid),
      (x) => x.tier === 'main',
    );
    const portal = await stripe.billingPortal.sessions.create({ customer: m.stripeCustomerId! });
    const changed = await fetch(`${TWIN_URL}/portal/${portal.id}/change-plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subscription: m.subscription!.id, price: await priceOf('premium') }),
      redirect: 'manual',
    });
    expect(changed.status).toBe(303);
    const update = (await stripe.invoices.list({ subscription: m.subscription!.id })).data.find(
      (i) => i.billing_reason === 'subscription_update',
    );
    // Premium 3900 - Main 1900, nearly the whole period left.
    expect(update?.amount_paid).toBeGreaterThan(1990);
    expect(update?.amount_paid).toBeLessThanOrEqual(2000);
    await eventually(
      () => member(fay.uid),
      (x) => x.tier === 'premium',
    );
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStripeTwin, type StripeTwin } from './stripe-twin';

// Drives the twin only the way our code and a browser do: the official SDK, plain HTTP, and a webhook
// receiver that verifies every delivery with stripe.webhooks.constructEvent.

const SECRET = 'whsec_twin_test';
const T0 = Date.UTC(2026, 0, 31, 12, 0, 0) / 1000; // Jan 31: a monthly period must end Feb 28
const FEB_28 = Date.UTC(2026, 1, 28, 12, 0, 0) / 1000;
const MAR_28 = Date.UTC(2026, 2, 28, 12, 0, 0) / 1000;

let twin: StripeTwin;
let stripe: Stripe;
let receiver: Server;
let received: Stripe.Event[] = [];
let rejected: string[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        return void res.writeHead(500).end();
      }
      try {
        const header = String(req.headers['stripe-signature']);
        received.push(stripe.webhooks.constructEvent(Buffer.concat(chunks), header, SECRET));
        res.writeHead(200).end('{}');
      } catch (err) {
        rejected.push(String(err));
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookPort = (receiver.address() as AddressInfo).port;
  twin = await createStripeTwin({
    port: 0,
    webhookUrl: `http://127.0.0.1:${hookPort}/hook`,
    webhookSecret: SECRET,
    now: () => T0,
    retryDelaysMs: [10, 20],
  });
  stripe = new Stripe('sk_test_twin', { host: '127.0.0.1', port: twin.port, protocol: 'http' });
});

afterAll(async () => {
  await twin.close();
  await new Promise((r) => receiver.close(r));
});

beforeEach(async () => {
  await fetch(`${twin.url}/_twin/reset`, { method: 'POST' });
  received = [];
  rejected = [];
  failNext = 0;
});

async function catalog() {
  const main = await stripe.products.create({ name: 'Main' });
  const premium = await stripe.products.create({ name: 'Premium' });
  const monthly = await stripe.prices.create({
    product: main.id,
    unit_amount: 2000,
    currency: 'usd',
    recurring: { interval: 'month' },
    lookup_key: 'main_monthly',
  });
  const yearly = await stripe.prices.create({
    product: main.id,
    unit_amount: 20000,
    currency: 'usd',
    recurring: { interval: 'year' },
    lookup_key: 'main_yearly',
  });
  const premiumMonthly = await stripe.prices.create({
    product: premium.id,
    unit_amount: 4000,
    currency: 'usd',
    recurring: { interval: 'month' },
    lookup_key: 'premium_monthly',
  });
  return { main, monthly, yearly, premiumMonthly };
}

async function openCheckout(price: string, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  const customer = await stripe.customers.create({ email: 'ada@example.test', metadata: { uid: 'u1' } });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price, quantity: 1 }],
    success_url: 'http://app.test/account?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://app.test/pricing',
    client_reference_id: 'u1',
    metadata: { uid: 'u1' },
    subscription_data: { metadata: { uid: 'u1', tier: 'main' } },
    ...extra,
  });
  return { customer, session };
}

function postForm(url: string, fields: Record<string, string>) {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

/** Pays a checkout session through its page, like a browser; returns the subscription it created. */
async function subscribe(price: string, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  const { customer, session } = await openCheckout(price, extra);
  const res = await postForm(`${session.url}/pay`, { card: '4242424242424242' });
  expect(res.status).toBe(303);
  const paid = await stripe.checkout.sessions.retrieve(session.id);
  return { customer, session: paid, sub: await stripe.subscriptions.retrieve(String(paid.subscription)) };
}

const types = () => received.map((e) => e.type);

describe('Stripe twin API', () => {
  it('requires a test secret key as Bearer token', async () => {
    const res = await fetch(`${twin.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    const live = new Stripe('sk_live_nope', { host: '127.0.0.1', port: twin.port, protocol: 'http' });
    await expect(live.customers.list()).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
  });

  it('answers unknown ids and routes with the Stripe error shape', async () => {
    await expect(stripe.customers.retrieve('cus_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
      message: "No such customer: 'cus_missing'",
    });
    const res = await fetch(`${twin.url}/v1/nothing`, { headers: { authorization: 'Bearer sk_test_x' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    await expect(
      stripe.checkout.sessions.create({ success_url: 'http://x' } as Stripe.Checkout.SessionCreateParams),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_missing',
      param: 'mode',
    });
  });

  it('replays the stored response for a repeated Idempotency-Key', async () => {
    const a = await stripe.customers.create({ email: 'same@example.test' }, { idempotencyKey: 'signup-u1' });
    await stripe.customers.update(a.id, { name: 'Changed' });
    const b = await stripe.customers.create({ email: 'same@example.test' }, { idempotencyKey: 'signup-u1' });
    expect(b.id).toBe(a.id);
    expect(b.name).toBeNull();
    const found = await stripe.customers.list({ email: 'same@example.test' });
    expect(found.data.map((c) => c.id)).toEqual([a.id]);
  });

  it('updates customers, merging metadata', async () => {
    const c = await stripe.customers.create({ email: 'm@example.test', metadata: { uid: 'u1', keep: 'yes' } });
    const updated = await stripe.customers.update(c.id, { metadata: { uid: 'u2', keep: '' }, name: 'Ada' });
    expect(updated).toMatchObject({ object: 'customer', livemode: false, name: 'Ada', metadata: { uid: 'u2' } });
    expect((await stripe.customers.retrieve(c.id)).id).toBe(c.id);
  });

  it('creates products and prices and lists prices by lookup key', async () => {
    const { main, monthly, premiumMonthly } = await catalog();
    expect(monthly).toMatchObject({
      object: 'price',
      product: main.id,
      unit_amount: 2000,
      currency: 'usd',
      recurring: { interval: 'month' },
      lookup_key: 'main_monthly',
    });
    const byKey = await stripe.prices.list({
      lookup_keys: ['main_monthly', 'premium_monthly'],
      expand: ['data.product'],
    });
    expect(byKey.object).toBe('list');
    expect(byKey.data.map((p) => p.id)).toEqual([premiumMonthly.id, monthly.id]);
    expect((byKey.data[1]?.product as Stripe.Product).name).toBe('Main');
    expect((await stripe.prices.retrieve(monthly.id)).lookup_key).toBe('main_monthly');
    expect((await stripe.products.retrieve(main.id)).name).toBe('Main');
  });
});

describe('Checkout', () => {
  it('pays on the page, redirects to success_url and delivers signed events in order', async () => {
    const { monthly } = await catalog();
    const { customer, session } = await openCheckout(monthly.id);
    expect(session).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      subscription: null,
    });
    expect(session.url).toBe(`${twin.url}/checkout/${session.id}`);

    const html = await (await fetch(String(session.url))).text();
    for (const text of [
      'Main',
      '$20.00 / month',
      'ada@example.test',
      'Subscribe',
      'Stripe test twin — no real payment',
      '4242 4242 4242 4242 — succeeds',
    ]) {
      expect(html).toContain(text);
    }

    const res = await postForm(`${session.url}/pay`, { card: '4242424242424242' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://app.test/account?session=${session.id}`);
    // The page waited for delivery: the events are already in.
    expect(rejected).toEqual([]);
    expect(types()).toEqual(['customer.subscription.created', 'invoice.paid', 'checkout.session.completed']);

    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid', customer: customer.id });
    const sub = await stripe.subscriptions.retrieve(String(paid.subscription));
    expect(sub).toMatchObject({
      status: 'active',
      customer: customer.id,
      metadata: { uid: 'u1', tier: 'main' },
      cancel_at_period_end: false,
    });
    expect(sub.items.data[0]).toMatchObject({
      price: { id: monthly.id },
      current_period_start: T0,
      current_period_end: FEB_28,
    });

    const [created, invoicePaid, completed] = received;
    expect((created?.data.object as Stripe.Subscription).id).toBe(sub.id);
    const invoice = invoicePaid?.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 2000, billing_reason: 'subscription_create' });
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    expect((completed?.data.object as Stripe.Checkout.Session).subscription).toBe(sub.id);
    expect(completed).toMatchObject({ api_version: '2026-10-28.endive', livemode: false, object: 'event' });
    expect(twin.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);

    const again = await postForm(`${session.url}/pay`, { card: '4242424242424242' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already been paid');
    expect(received).toHaveLength(3);
  });

  it('shows a declined card and changes nothing', async () => {
    const { monthly } = await catalog();
    const { customer, session } = await openCheckout(monthly.id);
    const res = await postForm(`${session.url}/pay`, { card: '4000000000000002' });
    expect(res.status).toBe(402);
    expect(await res.text()).toContain('Your card was declined.');
    await twin.idle();
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toEqual([]);
    expect((await stripe.events.list()).data).toEqual([]);
    expect(received).toEqual([]);
  });

  it('starts a trial and checks promotion codes', async () => {
    const { monthly } = await catalog();
    const { session } = await openCheckout(monthly.id, {
      allow_promotion_codes: true,
      subscription_data: { trial_period_days: 14, metadata: { uid: 'u1' } },
    });
    const html = await (await fetch(String(session.url))).text();
    expect(html).toContain('14-day free trial');
    expect(html).toContain('Promotion code');
    const bad = await postForm(`${session.url}/pay`, { card: '4242424242424242', promotion_code: 'NOPE' });
    expect(await bad.text()).toContain('This code is invalid');
    expect(received).toEqual([]);
    const ok = await postForm(`${session.url}/pay`, { card: '4242424242424242', promotion_code: 'WELCOME' });
    expect(ok.status).toBe(303);
    const sub = received[0]?.data.object as Stripe.Subscription;
    expect(sub).toMatchObject({ status: 'trialing', trial_start: T0, trial_end: T0 + 14 * 86_400 });
    expect((received[1]?.data.object as Stripe.Invoice).amount_paid).toBe(0);
  });

  it('escapes every interpolated value on the page', async () => {
    const product = await stripe.products.create({ name: '<script>alert(1)</script>' });
    const price = await stripe.prices.create({
      product: product.id,
      unit_amount: 500,
      currency: 'eur',
      recurring: { interval: 'year' },
    });
    const { session } = await openCheckout(price.id, { cancel_url: 'http://app.test/"><b>x' });
    const html = await (await fetch(String(session.url))).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('href="http://app.test/&#34;&#62;&#60;b&#62;x"');
    expect(html).toContain('€5.00 / year');
  });

  it('retries a webhook that failed and records the attempts', async () => {
    const { monthly } = await catalog();
    failNext = 1;
    await subscribe(monthly.id);
    expect(types()).toEqual(['customer.subscription.created', 'invoice.paid', 'checkout.session.completed']);
    expect(twin.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    const log = (await (await fetch(`${twin.url}/_twin/deliveries`)).json()) as {
      deliveries: Array<{ attempts: number }>;
    };
    expect(log.deliveries.map((d) => d.attempts)).toEqual([2, 1, 1]);
  });
});

describe('Customer Portal and test clock', () => {
  async function portalFor(customer: string) {
    const portal = await stripe.billingPortal.sessions.create({ customer, return_url: 'http://app.test/account' });
    expect(portal.url).toBe(`${twin.url}/portal/${portal.id}`);
    return portal;
  }

  it('changes plan, cancels at period end, and ends the subscription at period end', async () => {
    const { monthly, premiumMonthly } = await catalog();
    const { customer, sub } = await subscribe(monthly.id);
    const portal = await portalFor(customer.id);
    const page = await (await fetch(portal.url)).text();
    for (const text of [
      'ada@example.test',
      'Renews on February 28, 2026',
      'Cancel plan',
      'Update plan',
      'Advance to period end',
      'Return to Commons',
    ]) {
      expect(page).toContain(text);
    }
    received = [];

    const change = await postForm(`${portal.url}/change-plan`, { subscription: sub.id, price: premiumMonthly.id });
    expect(change.status).toBe(303);
    expect(change.headers.get('location')).toBe(`/portal/${portal.id}?notice=change-plan`);
    expect(types()).toEqual(['customer.subscription.updated', 'invoice.paid']);
    const prev = received[0]?.data.previous_attributes as Partial<Stripe.Subscription>;
    expect(prev.items?.data[0]?.price.id).toBe(monthly.id);
    expect((received[0]?.data.object as Stripe.Subscription).items.data[0]?.price.id).toBe(premiumMonthly.id);
    expect((received[1]?.data.object as Stripe.Invoice).billing_reason).toBe('subscription_update');

    received = [];
    await postForm(`${portal.url}/cancel`, { subscription: sub.id });
    expect(types()).toEqual(['customer.subscription.updated']);
    expect(received[0]?.data.object).toMatchObject({ cancel_at_period_end: true, cancel_at: FEB_28 });
    expect(received[0]?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });
    expect(await (await fetch(portal.url)).text()).toContain('Cancels on February 28, 2026');

    received = [];
    await postForm(`${portal.url}/advance`, { subscription: sub.id });
    expect(types()).toEqual(['customer.subscription.deleted']);
    const ended = await stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: FEB_28 });
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('resumes a cancellation and updates the card without events', async () => {
    const { monthly } = await catalog();
    const { customer, sub } = await subscribe(monthly.id);
    const portal = await portalFor(customer.id);
    await postForm(`${portal.url}/cancel`, { subscription: sub.id });
    await postForm(`${portal.url}/renew`, { subscription: sub.id });
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);
    received = [];
    const card = await postForm(`${portal.url}/update-card`, { subscription: sub.id });
    expect(await (await fetch(`${twin.url}${card.headers.get('location')}`)).text()).toContain('Card updated');
    expect(received).toEqual([]);
  });

  it('fails a renewal (past_due), pays it, then renews normally', async () => {
    const { monthly } = await catalog();
    const { sub } = await subscribe(monthly.id);
    received = [];
    const failed = await fetch(`${twin.url}/_twin/subscriptions/${sub.id}/fail-renewal`, { method: 'POST' });
    expect(failed.status).toBe(200);
    expect(types()).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);
    const pastDue = await stripe.subscriptions.retrieve(sub.id);
    expect(pastDue.status).toBe('past_due');
    expect(pastDue.items.data[0]).toMatchObject({ current_period_start: FEB_28, current_period_end: MAR_28 });
    const open = await stripe.invoices.retrieve(String(pastDue.latest_invoice));
    expect(open).toMatchObject({ status: 'open', amount_due: 2000, billing_reason: 'subscription_cycle' });

    received = [];
    await fetch(`${twin.url}/_twin/subscriptions/${sub.id}/pay`, { method: 'POST' });
    expect(types()).toEqual(['invoice.paid', 'customer.subscription.updated']);
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active');

    received = [];
    await fetch(`${twin.url}/_twin/subscriptions/${sub.id}/advance`, { method: 'POST' });
    expect(types()).toEqual(['invoice.paid', 'customer.subscription.updated']);
    const invoices = await stripe.invoices.list({ subscription: sub.id });
    expect(invoices.data.map((i) => i.billing_reason)).toEqual([
      'subscription_cycle',
      'subscription_cycle',
      'subscription_create',
    ]);
    expect((await stripe.events.list({ type: 'invoice.payment_failed' })).data).toHaveLength(1);
  });

  it('stops retrying after a second failed renewal (unpaid)', async () => {
    const { monthly } = await catalog();
    const { sub } = await subscribe(monthly.id);
    await fetch(`${twin.url}/_twin/subscriptions/${sub.id}/fail-renewal`, { method: 'POST' });
    received = [];
    const res = await fetch(`${twin.url}/_twin/subscriptions/${sub.id}/advance`, { method: 'POST' });
    const body = (await res.json()) as { subscription: Stripe.Subscription };
    expect(body.subscription.status).toBe('unpaid');
    expect(types()).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);
    expect(received[1]?.data.previous_attributes).toMatchObject({ status: 'past_due' });
  });

  it('expands ids and filters events by wildcard', async () => {
    const { monthly } = await catalog();
    const { sub } = await subscribe(monthly.id);
    const expanded = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice', 'customer'] });
    expect((expanded.latest_invoice as Stripe.Invoice).object).toBe('invoice');
    expect((expanded.customer as Stripe.Customer).email).toBe('ada@example.test');
    const subEvents = await stripe.events.list({ type: 'customer.subscription.*' });
    expect(subEvents.data.map((e) => e.type)).toEqual(['customer.subscription.created']);
  });

  it('updates and cancels through the API like Stripe', async () => {
    const { monthly, yearly } = await catalog();
    const { sub } = await subscribe(monthly.id);
    received = [];
    const item = sub.items.data[0];
    const switched = await stripe.subscriptions.update(sub.id, {
      items: [{ id: item?.id, price: yearly.id }],
      metadata: { note: 'x' },
    });
    expect(switched.items.data[0]?.price.id).toBe(yearly.id);
    expect(switched.metadata).toEqual({ uid: 'u1', tier: 'main', note: 'x' });
    const canceled = await stripe.subscriptions.cancel(sub.id);
    expect(canceled.status).toBe('canceled');
    await twin.idle();
    expect(types()).toEqual([
      'customer.subscription.updated',
      'invoice.paid',
      'customer.subscription.updated',
      'customer.subscription.deleted',
    ]);
    const evt = await stripe.events.retrieve(String(received[3]?.id));
    expect(evt.type).toBe('customer.subscription.deleted');
  });

  it('pages subscriptions with starting_after and filters canceled by default', async () => {
    const { monthly } = await catalog();
    const subs = [];
    for (let i = 0; i < 4; i++) subs.push((await subscribe(monthly.id)).sub);
    await stripe.subscriptions.cancel(String(subs[0]?.id));
    const newest = subs.map((s) => s.id).reverse();

    const first = await stripe.subscriptions.list({ limit: 2 });
    expect(first).toMatchObject({ object: 'list', has_more: true });
    expect(first.data.map((s) => s.id)).toEqual(newest.slice(0, 2));
    const second = await stripe.subscriptions.list({ limit: 2, starting_after: first.data[1]?.id });
    expect(second.has_more).toBe(false);
    expect(second.data.map((s) => s.id)).toEqual(newest.slice(2, 3));

    const all = await stripe.subscriptions.list({ status: 'all', limit: 100 });
    expect(all.data.map((s) => s.id)).toEqual(newest);
    expect((await stripe.subscriptions.list({ status: 'canceled' })).data.map((s) => s.id)).toEqual([subs[0]?.id]);
    expect(
      (await stripe.subscriptions.list({ price: monthly.id, status: 'all' }).autoPagingToArray({ limit: 10 })).length,
    ).toBe(4);
  });
});

describe('payments: charges, refunds, disputes, 3-D Secure, advance notices', () => {
  const post = (path: string, fields: Record<string, string> = {}) => postForm(`${twin.url}/_twin/${path}`, fields);

  it('charges every paid invoice, found again from the charge through its invoice payment', async () => {
    const { monthly } = await catalog();
    const { customer, sub } = await subscribe(monthly.id);
    const [charge] = (await stripe.charges.list({ customer: customer.id })).data;
    expect(charge).toMatchObject({ object: 'charge', amount: 2000, amount_refunded: 0, refunded: false });
    const payments = await stripe.invoicePayments.list({
      payment: { type: 'payment_intent', payment_intent: String(charge!.payment_intent) },
    });
    expect(payments.data).toHaveLength(1);
    const invoice = await stripe.invoices.retrieve(String(payments.data[0]!.invoice));
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
  });

  it('refunds part of a charge, then the rest, and refuses more', async () => {
    const { monthly } = await catalog();
    const { customer } = await subscribe(monthly.id);
    const [charge] = (await stripe.charges.list({ customer: customer.id })).data;
    received = [];
    expect((await post(`charges/${charge!.id}/refund`, { amount: '500' })).status).toBe(200);
    expect(types()).toEqual(['charge.refunded', 'refund.created']); // both, as Stripe sends them
    expect(received[0]?.data.object).toMatchObject({ amount_refunded: 500, refunded: false });
    await post(`charges/${charge!.id}/refund`);
    expect(await stripe.charges.retrieve(charge!.id)).toMatchObject({ amount_refunded: 2000, refunded: true });
    expect((await post(`charges/${charge!.id}/refund`)).status).toBe(400);
  });

  it('opens a dispute and closes it lost, with Stripe’s events', async () => {
    const { monthly } = await catalog();
    const { customer } = await subscribe(monthly.id);
    const [charge] = (await stripe.charges.list({ customer: customer.id })).data;
    received = [];
    await post(`charges/${charge!.id}/dispute`, { reason: 'product_not_received' });
    const dispute = received[0]?.data.object as Stripe.Dispute;
    expect(types()).toEqual(['charge.dispute.created']);
    expect(dispute).toMatchObject({ charge: charge!.id, amount: 2000, status: 'needs_response' });
    await post(`disputes/${dispute.id}/close`, { status: 'lost' });
    expect(types()).toEqual(['charge.dispute.created', 'charge.dispute.closed']);
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('lost');
    expect((await post(`disputes/${dispute.id}/close`, { status: 'won' })).status).toBe(400);
  });

  it('asks for 3-D Secure on a renewal (open invoice with its hosted page), and sends the advance notices', async () => {
    const { monthly, yearly } = await catalog();
    const { sub } = await subscribe(monthly.id);
    received = [];
    await post(`subscriptions/${sub.id}/require-action`);
    expect(types()).toEqual(['invoice.payment_action_required', 'customer.subscription.updated']);
    const invoice = received[0]?.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: 'open', hosted_invoice_url: `${twin.url}/invoice/${invoice.id}` });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due');

    const trial = await subscribe(yearly.id, { subscription_data: { trial_period_days: 14 } });
    received = [];
    await post(`subscriptions/${trial.sub.id}/trial-will-end`);
    await post(`subscriptions/${trial.sub.id}/upcoming`);
    expect(types()).toEqual(['customer.subscription.trial_will_end', 'invoice.upcoming']);
    expect(received[1]?.data.object).toMatchObject({ customer: trial.customer.id, amount_due: 20000 });
    expect((await post(`subscriptions/${sub.id}/trial-will-end`)).status).toBe(400);
  });
});

describe('Events API', () => {
  it('records a subscription made without Checkout, and lists events by types[] and created, newest first', async () => {
    const { monthly } = await catalog();
    const customer = await stripe.customers.create({ email: 'bo@example.test' });
    const made = await postForm(`${twin.url}/_twin/subscriptions`, {
      customer: customer.id,
      price: monthly.id,
      webhooks: 'lost',
    });
    const { subscription } = (await made.json()) as { subscription: Stripe.Subscription };
    expect(subscription).toMatchObject({ status: 'active', customer: customer.id });
    await twin.idle();
    expect(received).toEqual([]); // lost: recorded, never delivered
    await fetch(`${twin.url}/_twin/subscriptions/${subscription.id}/advance`, { method: 'POST' }); // at FEB_28 + 1

    const kinds = ['customer.subscription.created', 'customer.subscription.updated', 'invoice.paid'];
    const listed = async (params: Stripe.EventListParams) =>
      (await stripe.events.list({ types: kinds, limit: 100, ...params })).data.map((e) => [e.type, e.created]);
    expect(await listed({})).toEqual([
      ['customer.subscription.updated', FEB_28 + 1],
      ['invoice.paid', FEB_28 + 1],
      ['invoice.paid', T0],
      ['customer.subscription.created', T0],
    ]);
    expect(await listed({ created: { gt: T0 } })).toHaveLength(2);
    expect(await listed({ created: { gte: T0, lte: T0 } })).toEqual([
      ['invoice.paid', T0],
      ['customer.subscription.created', T0],
    ]);
    expect(await listed({ created: FEB_28 + 1 })).toHaveLength(2);
    expect(await listed({ types: ['invoice.paid'], created: { lt: FEB_28 } })).toEqual([['invoice.paid', T0]]);

    // Pages of one, by starting_after, in the same order.
    const paged = await stripe.events
      .list({ types: kinds, created: { gte: T0 }, limit: 1 })
      .autoPagingToArray({ limit: 10 });
    expect(paged.map((e) => e.type)).toEqual((await listed({})).map(([type]) => type));
  });
});

describe('persistence', () => {
  it('keeps state in dataFile across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-twin-'));
    try {
      const opts = { webhookUrl: 'http://127.0.0.1:9/none', webhookSecret: SECRET, dataFile: join(dir, 'twin.json') };
      const first = await createStripeTwin(opts);
      const client = (port: number) => new Stripe('sk_test_twin', { host: '127.0.0.1', port, protocol: 'http' });
      const created = await client(first.port).customers.create({ email: 'kept@example.test' });
      await first.close();
      const second = await createStripeTwin(opts);
      expect((await client(second.port).customers.retrieve(created.id)).id).toBe(created.id);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sessions expiry, refunds, cancel options, proration and tax settings', () => {
  it('lists open sessions by customer, expires one, and its page can no longer be paid', async () => {
    const { monthly } = await catalog();
    const { customer, session: first } = await openCheckout(monthly.id);
    const second = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: monthly.id, quantity: 1 }],
      success_url: 'http://app.test/account',
    });
    const open = await stripe.checkout.sessions.list({ customer: customer.id, status: 'open' });
    expect(open.data.map((s) => s.id)).toEqual([second.id, first.id]);
    received = [];
    const expired = await stripe.checkout.sessions.expire(first.id);
    expect(expired).toMatchObject({ status: 'expired', url: null });
    await twin.idle();
    expect(types()).toEqual(['checkout.session.expired']);
    await expect(stripe.checkout.sessions.expire(first.id)).rejects.toThrow(/status of "expired"/);
    const pay = await postForm(`${first.url}/pay`, { card: '4242424242424242' });
    expect(pay.status).toBe(400);
    expect(await pay.text()).toContain('expired');
    expect((await stripe.checkout.sessions.list({ customer: customer.id, status: 'open' })).data).toHaveLength(1);
  });

  it('refunds part of a payment, then the rest by charge, and refuses more than is left', async () => {
    const { monthly } = await catalog();
    const { sub } = await subscribe(monthly.id);
    const invoice = (await stripe.invoices.list({ subscription: sub.id, status: 'paid' })).data[0]!;
    const payment = (await stripe.invoicePayments.list({ invoice: invoice.id, status: 'paid' })).data[0]!;
    expect(payment.amount_paid).toBe(2000);
    const pi = String(payment.payment.payment_intent);
    received = [];
    const part = await stripe.refunds.create({ payment_intent: pi, amount: 500, metadata: { why: 'x' } });
    expect(part).toMatchObject({ amount: 500, payment_intent: pi, status: 'succeeded', metadata: { why: 'x' } });
    await twin.idle();
    expect(types()).toEqual(['charge.refunded', 'refund.created']);
    expect(received[0]?.data.object).toMatchObject({ amount_refunded: 500, refunded: false });
    await expect(stripe.refunds.create({ payment_intent: pi, amount: 1600 })).rejects.toThrow(
      /greater than unrefunded/,
    );
    const rest = await stripe.refunds.create({ charge: String(part.charge) });
    expect(rest.amount).toBe(1500);
    expect((await stripe.charges.retrieve(String(part.charge))).refunded).toBe(true);
    expect((await stripe.refunds.list({ payment_intent: pi })).data.map((r) => r.amount)).toEqual([1500, 500]);
  });

  it('cancels with or without a prorated credit, keeping cancellation_details', async () => {
    const { monthly } = await catalog();
    const a = await subscribe(monthly.id);
    const plain = await stripe.subscriptions.cancel(a.sub.id, {
      prorate: false,
      cancellation_details: { comment: 'duplicate' },
    });
    expect(plain.cancellation_details?.comment).toBe('duplicate');
    expect(((await stripe.customers.retrieve(a.customer.id)) as Stripe.Customer).balance).toBe(0);
    const b = await subscribe(monthly.id);
    await stripe.subscriptions.cancel(b.sub.id, { prorate: true, invoice_now: true });
    // Cancelled at the very start of the period: the whole 2000 becomes credit.
    expect(((await stripe.customers.retrieve(b.customer.id)) as Stripe.Customer).balance).toBe(-2000);
  });

  it('prorates a plan change as the portal configuration says, and none charges nothing', async () => {
    const { monthly, premiumMonthly } = await catalog();
    const config = await stripe.billingPortal.configurations.create({
      features: { subscription_update: { enabled: true, proration_behavior: 'always_invoice' } },
    });
    expect(config).toMatchObject({
      is_default: true,
      features: { subscription_update: { proration_behavior: 'always_invoice' } },
    });
    const listed = await stripe.billingPortal.configurations.list({ is_default: true });
    expect(listed.data.map((c) => c.id)).toEqual([config.id]);
    const { customer, sub } = await subscribe(monthly.id);
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id });
    await postForm(`${portal.url}/change-plan`, { subscription: sub.id, price: premiumMonthly.id });
    const update = (await stripe.invoices.list({ subscription: sub.id })).data[0]!;
    expect(update).toMatchObject({ billing_reason: 'subscription_update', amount_paid: 2000 }); // 4000 - 2000, whole period left
    await stripe.subscriptions.update(sub.id, { items: [{ price: monthly.id }], proration_behavior: 'none' });
    await expect(
      stripe.subscriptions.update(sub.id, {
        items: [{ price: premiumMonthly.id }],
        proration_behavior: 'sometimes' as 'none',
      }),
    ).rejects.toThrow(/proration_behavior/);
    await stripe.subscriptions.update(sub.id, { items: [{ price: premiumMonthly.id }], proration_behavior: 'none' });
    expect((await stripe.invoices.list({ subscription: sub.id })).data[0]).toMatchObject({ amount_paid: 0 });
  });

  it('stores tax code and tax behavior, requires customer_update with tax ids, and defers a first payment', async () => {
    const product = await stripe.products.create({ name: 'Main', tax_code: 'txcd_10000000' });
    const price = await stripe.prices.create({
      product: product.id,
      unit_amount: 2000,
      currency: 'usd',
      recurring: { interval: 'month' },
      tax_behavior: 'exclusive',
    });
    expect(price.tax_behavior).toBe('exclusive');
    expect((await stripe.products.update(product.id, { tax_code: 'txcd_10103001' })).tax_code).toBe('txcd_10103001');
    await expect(openCheckout(price.id, { tax_id_collection: { enabled: true } })).rejects.toThrow(/customer_update/);
    await openCheckout(price.id, {
      tax_id_collection: { enabled: true },
      customer_update: { name: 'auto', address: 'auto' },
    });
    await expect(openCheckout(price.id, { subscription_data: { trial_end: T0 + 3600 } })).rejects.toThrow(/2 days/);
    const { sub } = await subscribe(price.id, { subscription_data: { trial_end: MAR_28 } });
    expect(sub).toMatchObject({ status: 'trialing', trial_end: MAR_28 });
    expect(sub.items.data[0]?.current_period_end).toBe(MAR_28);
  });
});

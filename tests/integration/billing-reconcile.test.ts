import { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '../../functions/src/adapters/stripe/stripe-client';
import {
  reconcileSubscriptions,
  RECONCILE_STATE,
  RECONCILE_STATE_DOC,
  type ReconcileOptions,
  type ReconcileReport,
} from '../../functions/src/billing/reconcile';
import { parseState, SWEEP_EVERY_MS, type ReconcileState } from '../../functions/src/domain/reconcile-plan';
import { refreshEntitlement } from '../../functions/src/members/member-store';
import type { TiersConfig } from '../../functions/src/shared/tiers';
import { adminSdk, clearEmulators, readMember as member, type SignedIn } from '../support/emulators';
import { createMember } from '../support/factories';
import { billingTestDeps, resetTwinWithPrices, TWIN_URL } from '../support/stripe';

// The reconciliation as the scheduled job runs it, against the Stripe twin: events since the last run,
// a full pass when there is no cursor, the sweep of members believed paying, and runs cut short by
// their time budget that the next run resumes.

const { db } = adminSdk();
const stateRef = db.collection(RECONCILE_STATE).doc(RECONCILE_STATE_DOC);
const storedState = async () => parseState((await stateRef.get()).data());

/** A Stripe client that counts `GET /v1/customers/{id}`: syncCustomer reads the customer once per sync. */
function countingStripe() {
  const stripe = stripeClient('sk_test_commons_twin', TWIN_URL);
  const syncs = new Map<string, number>();
  stripe.on('request', (e: { method: string; path: string }) => {
    const id = e.method === 'GET' ? /^\/v1\/customers\/(cus_[^/?]+)/.exec(e.path)?.[1] : undefined;
    if (id) syncs.set(id, (syncs.get(id) ?? 0) + 1);
  });
  return { stripe, syncs };
}

/** A Stripe client on which reading one customer fails, as in an outage of that call; counts the tries. */
function failingFor(customerId: string) {
  const stripe = stripeClient('sk_test_commons_twin', TWIN_URL);
  const down = { stripe, tries: 0 };
  const retrieve = stripe.customers.retrieve.bind(stripe.customers);
  stripe.customers.retrieve = ((id: string, ...rest: never[]) => {
    if (id !== customerId) return retrieve(id, ...rest);
    down.tries++;
    return Promise.reject(new Error(`Stripe is down for ${id}`));
  }) as typeof stripe.customers.retrieve;
  return down;
}

/** Events are read the moment they exist (the scheduled job waits a minute for them). */
const reconcile = (opts: ReconcileOptions = {}, stripe = countingStripe().stripe) =>
  reconcileSubscriptions(billingTestDeps({ stripe }), { eventLagSeconds: 0, ...opts });

let mainMonthly = '';
let gusCustomer = '';

/** A member with a Stripe customer (linked both ways) and, unless told otherwise, no subscription yet. */
async function customerOf(email: string): Promise<SignedIn & { customerId: string }> {
  const user = await createMember(email);
  const customer = await billingTestDeps().stripe.customers.create({ email, metadata: { firebaseUID: user.uid } });
  await db.doc(`members/${user.uid}`).set({ stripeCustomerId: customer.id }, { merge: true });
  return { ...user, customerId: customer.id };
}

/** A subscription made in Stripe whose webhooks never arrive (recorded as events all the same). */
async function subscribeLosingWebhooks(customerId: string): Promise<void> {
  const res = await fetch(`${TWIN_URL}/_twin/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ customer: customerId, price: mainMonthly, webhooks: 'lost' }),
  });
  if (!res.ok) throw new Error(`twin subscribe: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  await clearEmulators();
  await resetTwinWithPrices();
  const tiers = (await db.doc('config/tiers').get()).data() as TiersConfig;
  mainMonthly = tiers.tiers.main?.prices?.monthly?.priceId ?? '';
  expect(mainMonthly).toMatch(/^price_/);
});

describe('reconcileSubscriptions', () => {
  it('reads every subscription on its first run, then only the events since: a lost webhook is healed', async () => {
    const first = await reconcile();
    expect(first).toMatchObject({ stripeScan: 'full', stoppedBy: 'done', failed: [] });
    const cursor = (await storedState()).eventsThrough;
    expect(cursor).toBeGreaterThan(Date.now() / 1000 - 60);

    const gus = await customerOf('gus@example.com');
    gusCustomer = gus.customerId;
    await subscribeLosingWebhooks(gus.customerId);
    expect((await member(gus.uid)).tier).toBe('free'); // the webhook was lost

    const { stripe, syncs } = countingStripe();
    const next = await reconcile({}, stripe);
    expect(next.stripeScan).toBe('events');
    expect(next.changed).toContainEqual({ uid: gus.uid, customerId: gus.customerId, from: 'free', to: 'main' });
    expect(syncs.get(gus.customerId)).toBe(1);
    expect((await member(gus.uid)).tier).toBe('main');
    expect((await member(gus.uid)).mrr).toBeGreaterThan(0);
    // The events cursor moved to this run's window end.
    expect((await storedState()).eventsThrough).toBeGreaterThan(cursor!);
    const reports = await db.collection('billingReconciliations').orderBy('ranAt', 'desc').limit(1).get();
    expect(reports.docs[0]?.get('changed')).toContainEqual(expect.objectContaining({ uid: gus.uid, to: 'main' }));
  });

  it('resumes a run stopped by its budget, syncing every customer exactly once across the runs', async () => {
    const members = [];
    for (const name of ['ida', 'jon', 'kim', 'lea', 'max']) {
      const m = await customerOf(`${name}@example.com`);
      await subscribeLosingWebhooks(m.customerId);
      members.push(m);
    }
    await stateRef.delete(); // no cursor: a full pass, and a sweep beginning with it
    // Events of the second a full pass begins are read again after it: let that second hold none of these.
    await new Promise((r) => setTimeout(r, 1100));

    const { stripe, syncs } = countingStripe();
    const reports: ReconcileReport[] = [];
    // A budget of 0 ms: each run takes its one step (pages of 2) and stops.
    while (reports.length < 30 && reports.at(-1)?.stoppedBy !== 'done')
      reports.push(await reconcile({ budgetMs: 0, pageSize: 2 }, stripe));

    expect(reports.at(-1)?.stoppedBy).toBe('done');
    expect(reports.length).toBeGreaterThan(3);
    expect(reports.slice(0, -1).every((r) => r.stoppedBy === 'budget' && r.steps === 1)).toBe(true);
    // gus (the first test) and the five: each read once, all runs together.
    const customers = [...members.map((m) => m.customerId), gusCustomer];
    expect(Object.fromEntries(syncs)).toEqual(Object.fromEntries(customers.map((c) => [c, 1])));
    for (const m of members) expect((await member(m.uid)).tier).toBe('main');
    const state = await storedState();
    expect(state).toMatchObject({ scan: null, retry: [] });
    expect(state.sweep?.done).toBe(true);
    expect(reports.reduce((n, r) => n + r.changed.length, 0)).toBe(members.length);
  });

  it('downgrades a member believed paying whose subscription Stripe no longer lists, on the weekly sweep', async () => {
    const nia = await customerOf('nia@example.com');
    const day = 86_400_000;
    const at = (ms: number) => Timestamp.fromMillis(Date.now() + ms);
    await db.doc(`members/${nia.uid}`).update({
      mrr: 2000,
      subscription: {
        id: 'sub_gone',
        status: 'active',
        tier: 'main',
        interval: 'monthly',
        priceId: mainMonthly,
        amount: 2000,
        currency: 'usd',
        currentPeriodStart: at(-10 * day),
        currentPeriodEnd: at(20 * day),
        cancelAtPeriodEnd: false,
        trialEnd: null,
        graceUntil: null,
        syncedAt: at(-10 * day),
      },
    });
    await refreshEntitlement(billingTestDeps(), nia.uid);
    expect((await member(nia.uid)).tier).toBe('main');

    // The last sweep ended more than a week ago; the events cursor is recent.
    const state: ReconcileState = {
      eventsThrough: Math.floor(Date.now() / 1000) - 60,
      scan: null,
      sweep: { startedAt: Date.now() - SWEEP_EVERY_MS - day, after: null, done: true },
      retry: [],
    };
    await stateRef.set(state);

    const report = await reconcile({ pageSize: 2 });
    expect(report.stripeScan).toBe('events');
    expect(report.changed).toContainEqual({ uid: nia.uid, customerId: nia.customerId, from: 'main', to: 'free' });
    expect(report.swept).toBeGreaterThanOrEqual(1);
    const after = await member(nia.uid);
    expect(after).toMatchObject({ tier: 'free', mrr: 0, subscription: null });
    expect((await storedState()).sweep?.done).toBe(true);
  });

  it('keeps a customer whose sync failed and tries it first on the next run', async () => {
    // A deleted member's customer is no failure (acknowledged): a Stripe call that fails is.
    const { customerId } = await customerOf('outage@example.com');
    await subscribeLosingWebhooks(customerId);
    const down = failingFor(customerId);
    // The last test's run read events through this very second (no lag in tests): start the window a minute
    // back, so the new subscription's events are in it however fast this test follows.
    await stateRef.update({ eventsThrough: Math.floor(Date.now() / 1000) - 60 });

    const failing = await reconcile({}, down.stripe);
    expect(failing.failed.map((f) => f.customerId)).toContain(customerId);
    expect((await storedState()).retry).toEqual([customerId]);

    down.tries = 0;
    const again = await reconcile({}, down.stripe);
    expect(down.tries).toBe(1); // tried once more (and failing still, kept)
    expect(again.failed.map((f) => f.customerId)).toEqual([customerId]);
    expect((await storedState()).retry).toEqual([customerId]);
  });
});

import Stripe from 'stripe';
import { getAuth } from 'firebase-admin/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleStripeWebhook } from '../../functions/src/billing/stripe-webhook';
import { refreshEntitlement } from '../../functions/src/members/member-store';
import { planOf } from '../../functions/src/domain/billing-state';
import { subscriptionState } from '../../functions/src/billing/stripe-mapping';
import { readTiers } from '../../functions/src/app/tiers-config';
import { adminSdk, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { createMember } from '../support/factories';
import { billingTestDeps, buyPlan, resetTwinWithPrices, stripe, twinAction, WEBHOOK_SECRET } from '../support/stripe';

// The Stripe extension's worst bugs (issues #119, #177): a stale `customer.subscription.updated` arriving
// after a newer state overwrote it. Here realistic event sequences are replayed shuffled, duplicated,
// partly concurrent and with a stale update last, 100 times; the member must end on Stripe's state.
const { db } = adminSdk();
const deps = billingTestDeps();
const ITERATIONS = Number(process.env.REPLAY_ITERATIONS ?? 100);

/** Deterministic shuffle, so a failing order can be replayed from the seed in the message. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Scenario {
  name: string;
  user: SignedIn;
  customerId: string;
  subscriptionId: string;
  events: Stripe.Event[];
  stale: Stripe.Event;
}

async function eventsOf(customerId: string): Promise<Stripe.Event[]> {
  const all = await stripe.events.list({ limit: 100 });
  return all.data.filter((e) => (e.data.object as { customer?: string }).customer === customerId).reverse();
}

async function buy(user: SignedIn, tier: string) {
  const m = await buyPlan(user, tier);
  return { customerId: m.stripeCustomerId!, subscriptionId: m.subscription!.id };
}

/** What Stripe says right now, mapped to a tier independently of the sync code's choices. */
async function stripeTier(subscriptionId: string): Promise<{ tier: string; status: string }> {
  const sub = await stripe.subscriptions.retrieve(subscriptionId);
  const paying = sub.status === 'active' || sub.status === 'trialing';
  return {
    tier: paying ? (planOf(await readTiers(db), subscriptionState(sub))?.tier ?? 'free') : 'free',
    status: sub.status,
  };
}

async function resetMember(s: Scenario) {
  await db.doc(`members/${s.user.uid}`).update({ subscription: null, mrr: 0 });
  await refreshEntitlement(deps, s.user.uid);
  const batch = db.batch();
  for (const e of s.events) batch.delete(db.doc(`webhookEvents/stripe_${e.id}`));
  for (const m of (await db.collection('mail').where('uid', '==', s.user.uid).get()).docs) batch.delete(m.ref);
  await batch.commit();
}

function deliver(event: Stripe.Event, through = deps) {
  const rawBody = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: rawBody, secret: WEBHOOK_SECRET });
  return handleStripeWebhook(through, WEBHOOK_SECRET, { rawBody, signature });
}

const stateKey = (sub: Stripe.Subscription) =>
  `${sub.status}/${sub.items.data[0]?.price.id}/${sub.cancel_at_period_end}`;

let scenarios: Scenario[];
beforeAll(async () => {
  await clearEmulators();
  await resetTwinWithPrices();
  const tiers = await readTiers(db);

  // A: buys main, upgrades to premium, a renewal fails, then is paid. Stripe ends at premium, active.
  const ann = await createMember('replay-a@example.com');
  const a = await buy(ann, 'main');
  const sub = await stripe.subscriptions.retrieve(a.subscriptionId);
  await stripe.subscriptions.update(a.subscriptionId, {
    items: [{ id: sub.items.data[0]!.id, price: tiers.tiers.premium!.prices!.monthly!.priceId! }],
  });
  await twinAction(a.subscriptionId, 'fail-renewal');
  await twinAction(a.subscriptionId, 'pay');
  const aEvents = await eventsOf(a.customerId);

  // B (extension #119): buys basic, cancels at period end, the period ends. Stripe ends canceled.
  const bob = await createMember('replay-b@example.com');
  const b = await buy(bob, 'basic');
  await stripe.subscriptions.update(b.subscriptionId, { cancel_at_period_end: true });
  await twinAction(b.subscriptionId, 'advance');
  const bEvents = await eventsOf(b.customerId);

  await eventually(
    async () => (await stripe.subscriptions.retrieve(b.subscriptionId)).status,
    (s) => s === 'canceled',
  );
  /** The latest `customer.subscription.updated` whose snapshot disagrees with Stripe's final state. */
  const staleUpdate = async (events: Stripe.Event[], subscriptionId: string) => {
    const final = stateKey(await stripe.subscriptions.retrieve(subscriptionId));
    const found = events
      .filter(
        (e) => e.type === 'customer.subscription.updated' && stateKey(e.data.object as Stripe.Subscription) !== final,
      )
      .pop();
    if (!found) throw new Error('scenario produced no stale customer.subscription.updated');
    return found;
  };
  scenarios = [
    {
      name: 'upgrade and recovered renewal',
      user: ann,
      ...a,
      events: aEvents,
      stale: await staleUpdate(aEvents, a.subscriptionId),
    },
    {
      name: 'cancel at period end, then ended',
      user: bob,
      ...b,
      events: bEvents,
      stale: await staleUpdate(bEvents, b.subscriptionId),
    },
  ];
}, 60_000);

describe('webhook replay: shuffled, duplicated, stale update last', () => {
  it('scenarios are realistic: several event types, and the stale update contradicts the final state', async () => {
    for (const s of scenarios) {
      expect(new Set(s.events.map((e) => e.type)).size).toBeGreaterThanOrEqual(4);
      const now = await stripe.subscriptions.retrieve(s.subscriptionId);
      expect(stateKey(s.stale.data.object as Stripe.Subscription)).not.toBe(stateKey(now));
      expect(s.events).toContain(s.stale);
    }
  });

  /** Replays one shuffled, duplicated order (in `parallel`-sized groups), then the stale update; checks the result. */
  async function replay(i: number, parallel: number) {
    const s = scenarios[i % scenarios.length]!;
    const seed = 1000 + i;
    const random = rng(seed);
    await resetMember(s);
    const duplicates = shuffled(s.events, random).slice(0, 3);
    const order = shuffled([...s.events, ...duplicates], random);
    for (let k = 0; k < order.length; k += parallel) {
      const results = await Promise.all(order.slice(k, k + parallel).map((e) => deliver(e)));
      for (const r of results) expect(r.status, `seed ${seed}`).toBe(200);
    }
    expect((await deliver(s.stale)).body).toBe('duplicate');

    const expected = await stripeTier(s.subscriptionId);
    const m = (await db.doc(`members/${s.user.uid}`).get()).data()!;
    const context = `${s.name}, seed ${seed}, order ${order.map((e) => e.type).join(' > ')}`;
    expect(m.tier, context).toBe(expected.tier);
    expect(m.subscription?.status, context).toBe(expected.status);
    expect((await getAuth().getUser(s.user.uid)).customClaims?.tier, context).toBe(expected.tier);
    const templates = (await db.collection('mail').where('uid', '==', s.user.uid).get()).docs.map((d) =>
      d.get('template'),
    );
    expect(templates.filter((t) => t === 'welcome').length, context).toBe(expected.tier === 'free' ? 0 : 1);
  }

  it(`${ITERATIONS} orders converge on Stripe's current state, with each email queued once`, async () => {
    for (let i = 0; i < ITERATIONS; i++) await replay(i, 1);
  }, 300_000);

  // Stripe also delivers in parallel. Concurrent transactions on one member document contend (the
  // emulator makes the losers back off for seconds), so fewer orders here, all events at once.
  it('orders delivered all at once converge too', async () => {
    for (let i = 0; i < 4; i++) await replay(ITERATIONS + i, 16);
  }, 240_000);

  it('a stale update alone, after the final state is stored, changes nothing', async () => {
    for (const s of scenarios) {
      const before = (await db.doc(`members/${s.user.uid}`).get()).data();
      await db.doc(`webhookEvents/stripe_${s.stale.id}`).delete();
      expect((await deliver(s.stale)).status).toBe(200);
      const after = (await db.doc(`members/${s.user.uid}`).get()).data();
      expect(after?.tier).toBe(before?.tier);
      expect(after?.subscription?.status).toBe(before?.subscription?.status);
    }
  });

  it('a crash mid-processing (state stored, claims not yet set) is retried by Stripe and converges, mailing once', async () => {
    const s = scenarios[0]!;
    await resetMember(s);
    const event = s.events.find((e) => e.type === 'invoice.paid')!;
    const crashing = {
      ...deps,
      auth: new Proxy(deps.auth, {
        get(target, prop) {
          if (prop === 'setCustomUserClaims') return () => Promise.reject(new Error('injected crash'));
          const value = Reflect.get(target, prop) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    };
    await expect(deliver(event, crashing)).rejects.toThrow('injected crash'); // the glue answers 500
    expect((await db.doc(`webhookEvents/stripe_${event.id}`).get()).exists).toBe(false);
    expect((await getAuth().getUser(s.user.uid)).customClaims?.tier).toBe('free');

    expect((await deliver(event)).body).toBe('ok'); // Stripe's retry
    const expected = await stripeTier(s.subscriptionId);
    expect((await getAuth().getUser(s.user.uid)).customClaims?.tier).toBe(expected.tier);
    expect((await db.doc(`members/${s.user.uid}`).get()).get('tier')).toBe(expected.tier);
    const welcomes = (
      await db.collection('mail').where('uid', '==', s.user.uid).where('template', '==', 'welcome').get()
    ).size;
    expect(welcomes).toBe(1);
  });
});

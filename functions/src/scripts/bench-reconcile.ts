// Billing reconciliation bench (`npm run bench`, or alone: `npm run bench -- reconcile`; inside the
// emulators, Firestore and Auth): 10,000 members, each a Stripe customer with a monthly subscription in
// a Stripe twin started in this process (seeded through its state, as if every webhook had been lost),
// reconciled by the real reconcileSubscriptions through the official Stripe SDK. Three moments:
//  - the first run: no events cursor, so a full pass over every subscription (and all 10,000 members healed);
//  - the next day: 100 subscriptions changed since, found through the Events API;
//  - a week later: the sweep of the 10,000 members believed paying.
// For each: wall time, scheduled runs needed within the 420 s budget, Firestore reads (documents the Admin SDK
// returned, counted as billed), Stripe API requests, customers synced.
import { initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { Firestore, getFirestore, Query, QuerySnapshot, Transaction } from 'firebase-admin/firestore';
import { stripeClient } from '../adapters/stripe/stripe-client';
import { createStripeTwin } from '../adapters/stripe/twin/stripe-twin';
import { reconcileSubscriptions, type ReconcileReport } from '../billing/reconcile';
import { setupStripePrices } from '../billing/stripe-prices';
import type { BillingDeps } from '../billing/subscription-sync';
import { MEMBERS } from '../shared/members';
import type { TiersConfig } from '../shared/tiers';
import { makeMemberDoc } from '../testing/factories';

const PROJECT = 'demo-reconcile-bench';
const COUNT = Number(process.env.BENCH_RECONCILE_COUNT ?? 10_000);
const CHANGED = Math.max(1, Math.round(COUNT / 100));
const BUDGET_S = 420;
const DAY_MS = 86_400_000;

/**
 * Billed reads, counted where the Admin SDK returns documents: `Firestore.getAll` (which `DocumentReference.get`
 * calls), `Query.get`, and a transaction's `get`/`getAll`, one read per document and one for a query that matches
 * nothing (Firestore's billing). These four are every read path; none calls another, so nothing counts twice.
 */
function countReads(): { reads: number } {
  const counter = { reads: 0 };
  const docs = (answer: unknown) =>
    answer instanceof QuerySnapshot ? Math.max(1, answer.size) : Array.isArray(answer) ? answer.length : 1;
  const wrap = (proto: object, name: string) => {
    const target = proto as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = target[name]!;
    target[name] = async function (this: unknown, ...args: unknown[]) {
      const answer = await original.apply(this, args);
      counter.reads += docs(answer);
      return answer;
    };
  };
  wrap(Firestore.prototype, 'getAll');
  wrap(Query.prototype, 'get');
  wrap(Transaction.prototype, 'get');
  wrap(Transaction.prototype, 'getAll');
  return counter;
}

async function clearProject(firestoreHost: string, authHost: string) {
  await fetch(`http://${firestoreHost}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, {
    method: 'DELETE',
  });
  await fetch(`http://${authHost}/emulator/v1/projects/${PROJECT}/accounts`, { method: 'DELETE' });
}

interface Measured {
  label: string;
  runs: number;
  seconds: number;
  reads: number;
  stripe: number;
  customers: number;
  changed: number;
  failed: number;
  swept: number;
  scan: string;
}

async function main() {
  const firestoreHost = process.env.FIRESTORE_EMULATOR_HOST;
  const authHost = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  if (!firestoreHost || !authHost) throw new Error('Run inside the emulators (npm run bench -- reconcile)');
  await clearProject(firestoreHost, authHost);
  const app = initializeApp({ projectId: PROJECT }, 'bench-reconcile');
  const db = getFirestore(app);
  const counter = countReads();
  const auth = getAuth(app);

  const twin = await createStripeTwin({ port: 0, webhookUrl: 'http://127.0.0.1:9/unused', webhookSecret: 'whsec_b' });
  const stripe = stripeClient('sk_test_bench', twin.url);
  const calls = { stripe: 0 };
  stripe.on('request', () => calls.stripe++);

  // The catalog and config/tiers, then COUNT customers with a subscription each and their members.
  await setupStripePrices(stripe, db);
  const tiers = (await db.doc('config/tiers').get()).data() as TiersConfig;
  const price = tiers.tiers.main?.prices?.monthly?.priceId;
  if (!price) throw new Error('no main monthly price');
  const uid = (i: number) => `m${String(i).padStart(6, '0')}`;
  const subscriptions: string[] = [];
  const writer = db.bulkWriter();
  for (let i = 0; i < COUNT; i++) {
    const email = `${uid(i)}@bench.test`;
    const customer = twin.state.createCustomer({ email, metadata: { firebaseUID: uid(i) } });
    const [created] = twin.state.subscribe(customer.id, price);
    subscriptions.push((created?.data.object as { id: string }).id);
    void writer.set(db.collection(MEMBERS).doc(uid(i)), { ...makeMemberDoc({ email }), stripeCustomerId: customer.id });
  }
  await writer.close();
  for (let i = 0; i < COUNT; i += 1000) {
    const users = Array.from({ length: Math.min(1000, COUNT - i) }, (_, k) => ({
      uid: uid(i + k),
      email: `${uid(i + k)}@bench.test`,
    }));
    const imported = await auth.importUsers(users);
    if (imported.failureCount) throw new Error(`auth import: ${imported.errors[0]?.error.message}`);
  }

  /** Scheduled runs until the reconciliation is through, at `offsetMs` from now on the clock it sees. */
  async function measure(label: string, offsetMs: number): Promise<Measured> {
    const deps: BillingDeps = {
      db,
      auth,
      stripe,
      now: () => new Date(Date.now() + offsetMs),
      settings: { appUrls: ['http://app.test'], graceDays: 7, automaticTax: false, taxIdCollection: false },
    };
    counter.reads = 0;
    calls.stripe = 0;
    const reports: ReconcileReport[] = [];
    const started = performance.now();
    do reports.push(await reconcileSubscriptions(deps, { budgetMs: BUDGET_S * 1000, eventLagSeconds: 0 }));
    while (reports.at(-1)?.stoppedBy === 'budget' && reports.length < 50);
    const sum = (pick: (r: ReconcileReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
    return {
      label,
      runs: reports.length,
      seconds: (performance.now() - started) / 1000,
      reads: counter.reads,
      stripe: calls.stripe,
      customers: sum((r) => r.customers),
      changed: sum((r) => r.changed.length),
      failed: sum((r) => r.failed.length),
      swept: sum((r) => r.swept),
      scan: [...new Set(reports.map((r) => r.stripeScan ?? 'none'))].join('+'),
    };
  }

  const results: Measured[] = [];
  results.push(await measure(`first run (no cursor: every subscription; ${fmt(COUNT)} members healed)`, 0));
  // The next day: some members cancel at period end in the portal (webhooks lost again).
  for (const sub of subscriptions.slice(0, CHANGED)) twin.state.setCancelAtPeriodEnd(sub, true);
  results.push(await measure(`next day (${fmt(CHANGED)} subscriptions changed)`, 0));
  results.push(await measure(`a week later (the sweep of ${fmt(COUNT)} paying members)`, 8 * DAY_MS));

  const main = (await db.collection(MEMBERS).where('tier', '==', 'main').count().get()).data().count;
  console.log(
    `\nBilling reconciliation of ${fmt(COUNT)} twin subscriptions (8 syncs at a time, ${BUDGET_S} s budget per scheduled run):`,
  );
  for (const r of results) {
    const perSecond = r.customers / r.seconds;
    console.log(`  ${r.label}: Stripe read by ${r.scan}`);
    console.log(
      `    ${r.seconds.toFixed(1)} s in ${r.runs} run${r.runs > 1 ? 's' : ''}; ${fmt(r.customers)} customers synced ` +
        `(${perSecond.toFixed(0)}/s), ${fmt(r.changed)} changed, ${fmt(r.swept)} swept, ${r.failed} failed; ` +
        `${fmt(r.reads)} Firestore reads (${(r.reads / Math.max(1, r.customers)).toFixed(1)} per customer), ` +
        `${fmt(r.stripe)} Stripe requests`,
    );
  }
  const sweep = results[2]!;
  const perRun = Math.floor((sweep.customers / sweep.seconds) * BUDGET_S);
  console.log(
    `  members on main after: ${fmt(main)} of ${fmt(COUNT)}; at this rate one ${BUDGET_S} s run syncs ~${fmt(perRun)} customers, ` +
      `so a sweep of 100,000 takes ~${Math.ceil(100_000 / Math.max(1, perRun))} runs (resumed from the stored cursor)`,
  );
  await twin.close();
  const first = results[0]!;
  if (results.some((r) => r.failed) || first.changed !== COUNT || main !== COUNT) process.exitCode = 1;
}

const fmt = (n: number) => n.toLocaleString('en');

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

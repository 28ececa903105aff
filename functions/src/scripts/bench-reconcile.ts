// Billing reconciliation bench (`npm run bench`, or alone: `npm run bench -- reconcile`; inside the
// emulators, Firestore and Auth): 10,000 members, each a Stripe customer with a monthly subscription in
// a Stripe twin started in this process (seeded through its state, as if every webhook had been lost),
// reconciled by the real reconcileSubscriptions through the official Stripe SDK. Three moments:
//  - the first run: no events cursor, so a full pass over every subscription (and all 10,000 members healed);
//  - the next day: 100 subscriptions changed since, found through the Events API;
//  - a week later: the sweep of the 10,000 members believed paying.
// For each: wall time, scheduled runs needed within the 420 s budget, Firestore reads (counted as billed, by
// a proxy between the Admin SDK, in REST mode, and the emulator), Stripe API requests, customers synced.
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { initializeFirestore, type Firestore, type FirestoreSettings } from 'firebase-admin/firestore';
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
 * Billed reads in a Firestore REST answer: batchGet and runQuery stream one array entry per document
 * (found or missing); a query that matches nothing still costs one read. Writes cost no read.
 */
function readsIn(path: string, body: string): number {
  if (!/:(batchGet|runQuery)\b/.test(path)) return 0; // the only reads this code path makes
  try {
    const entries = JSON.parse(body) as Array<{ document?: unknown; found?: unknown; missing?: unknown }>;
    const docs = entries.filter((e) => e.document || e.found || e.missing).length;
    return path.includes(':batchGet') ? docs : Math.max(1, docs);
  } catch {
    return 0;
  }
}

function decoded(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  if (encoding === 'deflate') return inflateSync(body).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  return body.toString('utf8');
}

/** An HTTP proxy in front of the Firestore emulator that counts the reads of every answer. */
async function readCountingProxy(target: string) {
  const [host, port] = target.split(':');
  const counter = { reads: 0 };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = request(
        { host, port: Number(port), method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const all = Buffer.concat(body);
            counter.reads += readsIn(req.url ?? '', decoded(all, answer.headers['content-encoding']));
            const headers = { ...answer.headers, 'content-length': String(all.length) };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, headers).end(all);
          });
        },
      );
      upstream.on('error', (err) => res.writeHead(502).end(String(err)));
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { address, counter, close: () => new Promise((r) => server.close(r)) };
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
  const proxy = await readCountingProxy(firestoreHost);
  process.env.FIRESTORE_EMULATOR_HOST = proxy.address; // the Admin SDK below talks through the proxy
  const app = initializeApp({ projectId: PROJECT }, 'bench-reconcile');
  // REST (HTTP/1.1 JSON, so the proxy can read the answers); the emulator takes the owner token, and the REST
  // client asks its auth object for headers instead of looking for Google credentials.
  const ownerAuth = { getRequestHeaders: async () => ({ Authorization: 'Bearer owner' }) };
  let db: Firestore = initializeFirestore(app, { preferRest: true, auth: ownerAuth } as FirestoreSettings);
  let counted = true;
  try {
    await db.doc('config/probe').get();
  } catch (err) {
    console.warn(`Firestore REST through the proxy failed (${(err as Error).message}); reads are not counted`);
    process.env.FIRESTORE_EMULATOR_HOST = firestoreHost;
    db = initializeFirestore(initializeApp({ projectId: PROJECT }, 'bench-reconcile-grpc'));
    counted = false;
  }
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
    proxy.counter.reads = 0;
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
      reads: proxy.counter.reads,
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
        (counted
          ? `${fmt(r.reads)} Firestore reads (${(r.reads / Math.max(1, r.customers)).toFixed(1)} per customer), `
          : 'Firestore reads not counted, ') +
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
  await proxy.close();
  const first = results[0]!;
  if (results.some((r) => r.failed) || first.changed !== COUNT || main !== COUNT) process.exitCode = 1;
}

const fmt = (n: number) => n.toLocaleString('en');

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

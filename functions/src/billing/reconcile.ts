import { logger } from 'firebase-functions';
import { FieldPath, Timestamp, type DocumentSnapshot } from 'firebase-admin/firestore';
import {
  afterStep,
  beginRun,
  EVENT_LAG_SECONDS,
  nextStep,
  parseState,
  type ReconcileStep,
  type StepOutcome,
  type SweepPosition,
} from '../domain/reconcile-plan';
import { MEMBERS } from '../shared/members';
import { BILLING_EVENTS, customerOfEvent } from './stripe-mapping';
import { syncCustomer, type BillingDeps, type SyncResult } from './subscription-sync';

export const RECONCILIATIONS = 'billingReconciliations';
/** One document, `billingReconcileState/cursor`: the planner's `ReconcileState` between runs. */
export const RECONCILE_STATE = 'billingReconcileState';
export const RECONCILE_STATE_DOC = 'cursor';

/** The events that can change a plan; Stripe filters by at most 20 types, beyond that the page is filtered here. */
const EVENT_TYPES = [...BILLING_EVENTS];
const MAX_EVENT_TYPES = 20;

/** A stored report lists at most this many changed and failed customers (the counts are complete). */
const STORED_ENTRIES = 500;

export interface ReconcileReport {
  /** Customers synced by this run. */
  customers: number;
  changed: Array<Pick<SyncResult, 'uid' | 'customerId' | 'from' | 'to'>>;
  failed: Array<{ customerId: string; error: string }>;
  /** How this run read Stripe: through the events since the last run, every subscription, or not at all. */
  stripeScan: 'events' | 'full' | null;
  /** Members believed paying that this run checked (the others were synced since the sweep began). */
  swept: number;
  steps: number;
  /** `budget`: the run stopped to stay inside its time limit; the next run resumes from the stored cursors. */
  stoppedBy: 'done' | 'budget';
}

export interface ReconcileOptions {
  /** Time the run may use before it stops between two steps; the scheduled function has 540 s. */
  budgetMs?: number;
  /** Customers synced at once. */
  concurrency?: number;
  /** Subscriptions, events or members per step. */
  pageSize?: number;
  /** Events younger than this wait for the next run (tests set 0). */
  eventLagSeconds?: number;
}

const DEFAULTS: Required<ReconcileOptions> = {
  budgetMs: 420_000,
  concurrency: 8,
  pageSize: 100,
  eventLagSeconds: EVENT_LAG_SECONDS,
};

/**
 * Safety net for lost webhooks, dashboard edits and time running out on a grace period. Each run syncs,
 * page by page, the customers whose sync failed last time, the customers Stripe changed since the last run
 * (Events API; every subscription when there is no usable events cursor) and, on a weekly sweep, the
 * members believed paying. Which page comes next is decided by `domain/reconcile-plan.ts`; the state is
 * stored after every page, so a run that reaches its time budget stops there and the next one resumes.
 * One failing customer does not stop the run (it is tried again next run). Returns (and stores, for the
 * admin) what this run changed.
 */
export async function reconcileSubscriptions(
  deps: BillingDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const opts = { ...DEFAULTS, ...options };
  const stateRef = deps.db.collection(RECONCILE_STATE).doc(RECONCILE_STATE_DOC);
  let { state, run } = beginRun(parseState((await stateRef.get()).data()), deps.now().getTime());
  const report: ReconcileReport = {
    customers: 0,
    changed: [],
    failed: [],
    stripeScan: null,
    swept: 0,
    steps: 0,
    stoppedBy: 'done',
  };
  const synced = new Set<string>(); // a customer seen on several pages of one run is synced once

  async function sync(customers: string[]): Promise<string[]> {
    const fresh = [...new Set(customers)].filter((c) => !synced.has(c));
    fresh.forEach((c) => synced.add(c));
    const failed: string[] = [];
    await inParallel(fresh, opts.concurrency, async (customerId) => {
      try {
        const r = await syncCustomer(deps, customerId);
        report.customers++;
        if (r.from !== r.to) report.changed.push({ uid: r.uid, customerId, from: r.from, to: r.to });
      } catch (err) {
        failed.push(customerId);
        report.failed.push({ customerId, error: (err as Error).message });
      }
    });
    return failed;
  }

  async function execute(step: Exclude<ReconcileStep, { kind: 'stop' }>): Promise<Omit<StepOutcome, 'ms'>> {
    switch (step.kind) {
      case 'retry':
        return { failed: await sync(step.customers) };
      case 'full': {
        report.stripeScan = 'full';
        const page = await deps.stripe.subscriptions.list({
          status: 'all',
          limit: opts.pageSize,
          ...(step.startingAfter ? { starting_after: step.startingAfter } : {}),
        });
        const customers = page.data.map((s) => (typeof s.customer === 'string' ? s.customer : s.customer.id));
        return { failed: await sync(customers), last: page.data.at(-1)?.id ?? null, hasMore: page.has_more };
      }
      case 'events': {
        report.stripeScan = 'events';
        const page = await deps.stripe.events.list({
          ...(EVENT_TYPES.length <= MAX_EVENT_TYPES ? { types: EVENT_TYPES } : {}),
          created: { gt: step.after, lte: step.until },
          limit: opts.pageSize,
          ...(step.startingAfter ? { starting_after: step.startingAfter } : {}),
        });
        const customers = page.data
          .filter((e) => BILLING_EVENTS.has(e.type))
          .map(customerOfEvent)
          .filter((c): c is string => !!c);
        return { failed: await sync(customers), last: page.data.at(-1)?.id ?? null, hasMore: page.has_more };
      }
      case 'members': {
        const page = await payingMembers(deps, step.after, opts.pageSize);
        const due = page.docs.filter((d) => !syncedSince(d, step.syncedSince));
        const customers = due
          .map((d) => d.get('stripeCustomerId') as unknown)
          .filter((c): c is string => typeof c === 'string');
        report.swept += due.length;
        const lastDoc = page.docs.at(-1);
        const last: SweepPosition | null = lastDoc ? { mrr: lastDoc.get('mrr') as number, id: lastDoc.id } : null;
        return { failed: await sync(customers), last, hasMore: page.docs.length === opts.pageSize };
      }
    }
  }

  for (;;) {
    const planned = nextStep(state, run, deps.now().getTime(), opts);
    if (planned.step.kind === 'stop') {
      report.stoppedBy = planned.step.reason;
      break;
    }
    const began = deps.now().getTime();
    const outcome = await execute(planned.step);
    ({ state, run } = afterStep(planned.state, planned.run, planned.step, {
      ...outcome,
      ms: deps.now().getTime() - began,
    }));
    await stateRef.set(state);
  }
  report.steps = run.steps;

  await deps.db.collection(RECONCILIATIONS).add({
    ...report,
    changed: report.changed.slice(0, STORED_ENTRIES),
    failed: report.failed.slice(0, STORED_ENTRIES),
    changedCount: report.changed.length,
    failedCount: report.failed.length,
    ranAt: Timestamp.fromDate(deps.now()),
  });
  logger.info(
    `Billing reconciliation: ${report.customers} customers, ${report.changed.length} changed, ` +
      `${report.failed.length} failed, stopped by ${report.stoppedBy}`,
    // The changed members are in the stored report; the log keeps a run's line short.
    { ...report, changed: report.changed.length, failed: report.failed.slice(0, 20) },
  );
  return report;
}

/**
 * One page of members believed paying, ordered as Firestore orders an inequality query (mrr, then id).
 * An mrr changes only through a sync, which the sweep's "synced since" rule counts, so a member moving
 * past the cursor mid-sweep is neither missed nor synced twice.
 */
function payingMembers(deps: BillingDeps, after: SweepPosition | null, limit: number) {
  let query = deps.db
    .collection(MEMBERS)
    .where('mrr', '>', 0)
    .orderBy('mrr')
    .orderBy(FieldPath.documentId())
    .select('mrr', 'stripeCustomerId', 'subscription.syncedAt')
    .limit(limit);
  if (after) query = query.startAfter(after.mrr, after.id);
  return query.get();
}

const syncedSince = (doc: DocumentSnapshot, since: number) => {
  const at = doc.get('subscription.syncedAt') as Timestamp | undefined;
  return !!at && at.toMillis() >= since;
};

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

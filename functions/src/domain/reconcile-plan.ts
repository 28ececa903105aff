/**
 * The billing reconciliation's plan: what to scan next, when the Stripe side needs a full pass, when a run's
 * time budget is spent. Pure: the glue (billing/reconcile.ts) executes each step, reports its outcome to
 * `afterStep`, and stores the returned state after every step, so a run that stops (budget, crash) is
 * resumed by the next one from the same place: nothing is scanned from zero again, nothing is skipped.
 *
 * A run goes through three phases, each page (step) at a time:
 *  1. retry: customers whose sync failed in an earlier run;
 *  2. stripe: the customers Stripe changed since the last run, found through the Events API in the window
 *     (after, until], which starts where the last one ended; a full subscriptions pass instead when there is
 *     no events cursor yet, or it is older than Stripe keeps events (30 days), because those events can no
 *     longer be listed;
 *  3. members: a sweep of the members we believe pay (`mrr > 0`) that were not synced since the sweep
 *     began; it heals what no event says (a deleted customer, a grace period that ran out). A new sweep
 *     begins when the last one finished and began at least `SWEEP_EVERY_MS` ago.
 */

/** Stripe lists events of the last 30 days only. */
export const EVENT_RETENTION_SECONDS = 30 * 86_400;
/** A cursor this close to the retention edge is not trusted: events could expire while the window is read. */
export const RETENTION_MARGIN_SECONDS = 86_400;
/** An events window ends this long before the run: an event is listed a moment after its `created` time. */
export const EVENT_LAG_SECONDS = 60;
/** How often the whole set of paying members is checked against Stripe. */
export const SWEEP_EVERY_MS = 7 * 86_400_000;
/** At most this many failed customers are kept for the next run. */
export const MAX_RETRY = 500;

/** Where the sweep stands: the last member checked, in the query's order (mrr, then document id). */
export interface SweepPosition {
  mrr: number;
  id: string;
}

export type StripeScan =
  /** Every subscription, newest first; events from `startedAt` (unix s) on are read after it ends. */
  | { kind: 'full'; startedAt: number; startingAfter: string | null }
  /** Events created in (after, until], unix seconds, newest first. */
  | { kind: 'events'; after: number; until: number; startingAfter: string | null };

export interface MemberSweep {
  /** When it began (ms): members synced since then (by any path) are not synced again. */
  startedAt: number;
  after: SweepPosition | null;
  done: boolean;
}

/** Stored between runs (`billingReconcileState/cursor`). */
export interface ReconcileState {
  /** Every Stripe event created at or before this (unix s) is reflected in members; null before a full pass. */
  eventsThrough: number | null;
  /** The Stripe scan under way (a run stopped inside it); null when none is. */
  scan: StripeScan | null;
  sweep: MemberSweep | null;
  /** Customers whose sync failed, tried again first by the next run. */
  retry: string[];
}

export const INITIAL_STATE: ReconcileState = { eventsThrough: null, scan: null, sweep: null, retry: [] };

export type Phase = 'retry' | 'stripe' | 'members' | 'done';

/** One run's progress (not stored). */
export interface RunProgress {
  startedAt: number;
  phase: Phase;
  /** The longest step so far: the next one is only begun if it would fit in the budget too. */
  slowestStepMs: number;
  steps: number;
}

export type ReconcileStep =
  | { kind: 'retry'; customers: string[] }
  | { kind: 'full'; startingAfter: string | null }
  | { kind: 'events'; after: number; until: number; startingAfter: string | null }
  | { kind: 'members'; after: SweepPosition | null; syncedSince: number }
  | { kind: 'stop'; reason: 'done' | 'budget' };

/** What executing a step found: the page's last item and whether more follow, and the failed customers. */
export interface StepOutcome {
  last?: string | SweepPosition | null;
  hasMore?: boolean;
  failed: string[];
  ms: number;
}

export interface PlanLimits {
  /** The run stops before a step that could end after this much time (ms since the run began). */
  budgetMs: number;
  /** Default EVENT_LAG_SECONDS. */
  eventLagSeconds?: number;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export const startRun = (now: number): RunProgress => ({ startedAt: now, phase: 'retry', slowestStepMs: 0, steps: 0 });

/** True when events after `cursor` may no longer all be listed. */
export function eventsExpired(cursor: number, now: number): boolean {
  return seconds(now) - cursor > EVENT_RETENTION_SECONDS - RETENTION_MARGIN_SECONDS;
}

/**
 * The Stripe scan this run continues or begins; null when no event can be new yet. Windows follow each
 * other without gap or overlap, so an event is read once.
 */
export function stripeScanFor(state: ReconcileState, now: number, lagSeconds = EVENT_LAG_SECONDS): StripeScan | null {
  const scan = state.scan;
  if (scan?.kind === 'full') return scan;
  // A window left half-read for a month has lost its oldest events: only a full pass is complete again.
  if (scan?.kind === 'events' && !eventsExpired(scan.after, now)) return scan;
  const cursor = state.eventsThrough;
  if (cursor === null || eventsExpired(cursor, now))
    return { kind: 'full', startedAt: seconds(now), startingAfter: null };
  const until = seconds(now) - lagSeconds;
  return until > cursor ? { kind: 'events', after: cursor, until, startingAfter: null } : null;
}

/** The sweep this run works on: the one under way, a new one when the last is done and old enough, or none. */
export function sweepFor(sweep: MemberSweep | null, runStartedAt: number): MemberSweep | null {
  if (!sweep) return { startedAt: runStartedAt, after: null, done: false };
  if (!sweep.done) return sweep;
  return runStartedAt - sweep.startedAt >= SWEEP_EVERY_MS
    ? { startedAt: runStartedAt, after: null, done: false }
    : sweep;
}

/**
 * At the start of a run: a sweep begins now if one is due, so that it skips every member the Stripe phase of
 * this very run syncs (each customer synced once even when the first full pass and the sweep meet).
 */
export function beginRun(state: ReconcileState, now: number): { state: ReconcileState; run: RunProgress } {
  return { state: { ...state, sweep: sweepFor(state.sweep, now) }, run: startRun(now) };
}

/** The next step of the run, and the state with the scan it begins recorded. */
export function nextStep(
  state: ReconcileState,
  run: RunProgress,
  now: number,
  limits: PlanLimits,
): { step: ReconcileStep; state: ReconcileState; run: RunProgress } {
  let phase = run.phase;
  if (phase === 'retry' && state.retry.length === 0) phase = 'stripe';
  const scan = phase === 'stripe' ? stripeScanFor(state, now, limits.eventLagSeconds) : null;
  if (phase === 'stripe' && !scan) phase = 'members';
  if (phase === 'members' && (!state.sweep || state.sweep.done)) phase = 'done';
  const moved = { ...run, phase };
  if (phase === 'done') return { step: { kind: 'stop', reason: 'done' }, state, run: moved };
  // The first step always goes, so every run makes progress whatever the budget.
  if (run.steps > 0 && now - run.startedAt + run.slowestStepMs > limits.budgetMs)
    return { step: { kind: 'stop', reason: 'budget' }, state, run: moved };

  if (phase === 'retry') return { step: { kind: 'retry', customers: state.retry }, state, run: moved };
  if (phase === 'stripe' && scan) {
    const step: ReconcileStep =
      scan.kind === 'full'
        ? { kind: 'full', startingAfter: scan.startingAfter }
        : { kind: 'events', after: scan.after, until: scan.until, startingAfter: scan.startingAfter };
    return { step, state: { ...state, scan }, run: moved };
  }
  const sweep = state.sweep!;
  return { step: { kind: 'members', after: sweep.after, syncedSince: sweep.startedAt }, state, run: moved };
}

/** Failed customers kept for the next run: no duplicates, the oldest first, at most MAX_RETRY. */
function retryList(kept: string[], failed: string[]): string[] {
  return [...new Set([...kept, ...failed])].slice(0, MAX_RETRY);
}

/** The state and run after a step; the glue stores the state before taking the next step. */
export function afterStep(
  state: ReconcileState,
  run: RunProgress,
  step: Exclude<ReconcileStep, { kind: 'stop' }>,
  outcome: StepOutcome,
): { state: ReconcileState; run: RunProgress } {
  const progressed = { ...run, slowestStepMs: Math.max(run.slowestStepMs, outcome.ms), steps: run.steps + 1 };
  const more = outcome.hasMore === true;
  const lastId = typeof outcome.last === 'string' ? outcome.last : null;
  switch (step.kind) {
    case 'retry':
      return { state: { ...state, retry: retryList([], outcome.failed) }, run: { ...progressed, phase: 'stripe' } };
    case 'full':
    case 'events': {
      const retry = retryList(state.retry, outcome.failed);
      const scan = state.scan!;
      if (more && lastId)
        return { state: { ...state, retry, scan: { ...scan, startingAfter: lastId } }, run: progressed };
      // The scan is complete: events up to its end are now reflected (a full pass: those before its first second).
      const eventsThrough = scan.kind === 'full' ? scan.startedAt - 1 : scan.until;
      return { state: { ...state, retry, scan: null, eventsThrough }, run: { ...progressed, phase: 'members' } };
    }
    case 'members': {
      const retry = retryList(state.retry, outcome.failed);
      const sweep = state.sweep!;
      const last = outcome.last && typeof outcome.last === 'object' ? outcome.last : null;
      const next = more && last ? { ...sweep, after: last } : { ...sweep, after: null, done: true };
      return {
        state: { ...state, retry, sweep: next },
        run: next.done ? { ...progressed, phase: 'done' } : progressed,
      };
    }
  }
}

/** A stored state read back, tolerating a missing or older document (anything unknown starts over). */
export function parseState(data: unknown): ReconcileState {
  if (!data || typeof data !== 'object') return INITIAL_STATE;
  const d = data as Partial<ReconcileState>;
  return {
    eventsThrough: typeof d.eventsThrough === 'number' ? d.eventsThrough : null,
    scan: d.scan && (d.scan.kind === 'full' || d.scan.kind === 'events') ? d.scan : null,
    sweep: d.sweep && typeof d.sweep.startedAt === 'number' ? d.sweep : null,
    retry: Array.isArray(d.retry) ? d.retry.filter((c): c is string => typeof c === 'string') : [],
  };
}

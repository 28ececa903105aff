import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../testing/factories';
import {
  afterStep,
  beginRun,
  EVENT_LAG_SECONDS,
  INITIAL_STATE,
  MAX_RETRY,
  nextStep,
  parseState,
  startRun,
  stripeScanFor,
  SWEEP_EVERY_MS,
  sweepFor,
  type MemberSweep,
  type ReconcileState,
  type ReconcileStep,
  type StepOutcome,
} from './reconcile-plan';

const now = TEST_NOW.getTime();
const nowS = now / 1000;
const DAY_S = 86_400;
const DAY_MS = DAY_S * 1000;
const state = (over: Partial<ReconcileState> = {}): ReconcileState => ({ ...INITIAL_STATE, ...over });
const sweep = (over: Partial<MemberSweep> = {}): MemberSweep => ({ startedAt: now, after: null, done: false, ...over });
const limits = { budgetMs: 420_000 };

describe('stripeScanFor: events since the cursor, or a full pass', () => {
  it.each([
    ['no cursor yet', state(), { kind: 'full', startedAt: nowS, startingAfter: null }],
    [
      'a cursor from yesterday: the events since, up to a minute ago',
      state({ eventsThrough: nowS - DAY_S }),
      { kind: 'events', after: nowS - DAY_S, until: nowS - EVENT_LAG_SECONDS, startingAfter: null },
    ],
    [
      'a cursor 28 days old is still inside retention',
      state({ eventsThrough: nowS - 28 * DAY_S }),
      { kind: 'events', after: nowS - 28 * DAY_S, until: nowS - EVENT_LAG_SECONDS, startingAfter: null },
    ],
    ['a cursor less than the lag ago: nothing can be new yet', state({ eventsThrough: nowS - 30 }), null],
    [
      'a cursor 29.5 days old is too close to the 30-day edge',
      state({ eventsThrough: nowS - 29.5 * DAY_S }),
      { kind: 'full', startedAt: nowS, startingAfter: null },
    ],
    [
      'a cursor 40 days old',
      state({ eventsThrough: nowS - 40 * DAY_S }),
      { kind: 'full', startedAt: nowS, startingAfter: null },
    ],
    [
      'a full pass under way continues where it stopped',
      state({ scan: { kind: 'full', startedAt: nowS - 3600, startingAfter: 'sub_9' } }),
      { kind: 'full', startedAt: nowS - 3600, startingAfter: 'sub_9' },
    ],
    [
      'an events window under way continues with its own bounds',
      state({
        eventsThrough: 100,
        scan: { kind: 'events', after: nowS - DAY_S, until: nowS - 60, startingAfter: 'evt_5' },
      }),
      { kind: 'events', after: nowS - DAY_S, until: nowS - 60, startingAfter: 'evt_5' },
    ],
    [
      'an events window left half-read past retention becomes a full pass',
      state({ scan: { kind: 'events', after: nowS - 31 * DAY_S, until: nowS - 30 * DAY_S, startingAfter: 'evt_5' } }),
      { kind: 'full', startedAt: nowS, startingAfter: null },
    ],
  ])('%s', (_label, s, expected) => {
    expect(stripeScanFor(s, now)).toEqual(expected);
  });
});

describe('sweepFor: the members sweep under way, a new one when due, or none', () => {
  it.each([
    ['none yet: begins now', null, sweep()],
    [
      'under way: continues',
      sweep({ startedAt: now - 9 * DAY_MS, after: { mrr: 5, id: 'u1' } }),
      sweep({ startedAt: now - 9 * DAY_MS, after: { mrr: 5, id: 'u1' } }),
    ],
    [
      'done 2 days ago: not due',
      sweep({ startedAt: now - 2 * DAY_MS, done: true }),
      sweep({ startedAt: now - 2 * DAY_MS, done: true }),
    ],
    ['done, began a week ago: a new one', sweep({ startedAt: now - SWEEP_EVERY_MS, done: true }), sweep()],
  ])('%s', (_label, s, expected) => {
    expect(sweepFor(s, now)).toEqual(expected);
  });
});

describe('nextStep: the order of a run and its budget', () => {
  const run = startRun(now);
  it.each<[string, ReconcileState, Partial<ReturnType<typeof startRun>>, number, ReconcileStep]>([
    [
      'failed customers first',
      state({ retry: ['cus_1'], sweep: sweep() }),
      {},
      now,
      { kind: 'retry', customers: ['cus_1'] },
    ],
    [
      'no retries: the Stripe phase',
      state({ eventsThrough: nowS - DAY_S, sweep: sweep() }),
      {},
      now,
      { kind: 'events', after: nowS - DAY_S, until: nowS - EVENT_LAG_SECONDS, startingAfter: null },
    ],
    [
      'nothing new on the Stripe side: the sweep',
      state({ eventsThrough: nowS - 10, sweep: sweep() }),
      {},
      now,
      { kind: 'members', after: null, syncedSince: now },
    ],
    [
      'the members phase with its sweep',
      state({ sweep: sweep({ after: { mrr: 3, id: 'u' } }) }),
      { phase: 'members' },
      now,
      { kind: 'members', after: { mrr: 3, id: 'u' }, syncedSince: now },
    ],
    [
      'a sweep not due: done',
      state({ sweep: sweep({ done: true }) }),
      { phase: 'members' },
      now,
      { kind: 'stop', reason: 'done' },
    ],
    [
      'the first step goes even past the budget',
      state({ sweep: sweep() }),
      {},
      now + 500_000,
      { kind: 'full', startingAfter: null },
    ],
    [
      'a step as slow as the slowest one would overrun',
      state({ sweep: sweep() }),
      { steps: 3, slowestStepMs: 30_000 },
      now + 400_000,
      { kind: 'stop', reason: 'budget' },
    ],
    [
      'one that fits is taken',
      state({ sweep: sweep() }),
      { steps: 3, slowestStepMs: 30_000 },
      now + 390_000,
      { kind: 'full', startingAfter: null },
    ],
    [
      'done beats budget',
      state({ sweep: sweep() }),
      { phase: 'done', slowestStepMs: 1e9 },
      now + 1e9,
      { kind: 'stop', reason: 'done' },
    ],
  ])('%s', (_label, s, r, at, expected) => {
    expect(nextStep(s, { ...run, ...r }, at, limits).step).toEqual(expected);
  });

  it('records the scan it begins, with the time it began', () => {
    const { state: planned } = nextStep(state({ sweep: sweep() }), run, now, limits);
    expect(planned.scan).toEqual({ kind: 'full', startedAt: nowS, startingAfter: null });
  });
});

describe('afterStep: cursors move only past what was done', () => {
  const ok = (over: Partial<StepOutcome> = {}): StepOutcome => ({ failed: [], ms: 10, ...over });
  const run = startRun(now);
  const full = state({ scan: { kind: 'full', startedAt: nowS - 50, startingAfter: null }, sweep: sweep() });

  it.each<
    [string, ReconcileState, Exclude<ReconcileStep, { kind: 'stop' }>, StepOutcome, Partial<ReconcileState>, string]
  >([
    [
      'a full page with more: resume after its last subscription',
      full,
      { kind: 'full', startingAfter: null },
      ok({ last: 'sub_7', hasMore: true }),
      { scan: { kind: 'full', startedAt: nowS - 50, startingAfter: 'sub_7' } },
      'stripe',
    ],
    [
      'the last full page: events from the second the pass began are read next',
      full,
      { kind: 'full', startingAfter: 'sub_7' },
      ok({ last: 'sub_9', hasMore: false }),
      { scan: null, eventsThrough: nowS - 51 },
      'members',
    ],
    [
      'the last events page: the cursor is the window end',
      state({ eventsThrough: 1, scan: { kind: 'events', after: 1, until: nowS, startingAfter: 'evt_1' } }),
      { kind: 'events', after: 1, until: nowS, startingAfter: 'evt_1' },
      ok({ last: 'evt_2' }),
      { scan: null, eventsThrough: nowS },
      'members',
    ],
    [
      'a members page with more',
      full,
      { kind: 'members', after: null, syncedSince: now },
      ok({ last: { mrr: 9, id: 'u9' }, hasMore: true }),
      { sweep: sweep({ after: { mrr: 9, id: 'u9' } }) },
      'members',
    ],
    [
      'the last members page ends the sweep and the run',
      full,
      { kind: 'members', after: null, syncedSince: now },
      ok({ last: { mrr: 9, id: 'u9' } }),
      { sweep: sweep({ done: true }) },
      'done',
    ],
    [
      'failures are kept for the next run, once each',
      state({ ...full, retry: ['cus_a'] }),
      { kind: 'full', startingAfter: null },
      ok({ last: 's', hasMore: true, failed: ['cus_a', 'cus_b'] }),
      { retry: ['cus_a', 'cus_b'] },
      'stripe',
    ],
    [
      'a retry step keeps only what failed again',
      state({ retry: ['cus_a', 'cus_b'] }),
      { kind: 'retry', customers: ['cus_a', 'cus_b'] },
      ok({ failed: ['cus_b'] }),
      { retry: ['cus_b'] },
      'stripe',
    ],
  ])('%s', (_label, s, step, outcome, expected, phase) => {
    const during = step.kind === 'retry' ? 'retry' : step.kind === 'members' ? 'members' : 'stripe';
    const after = afterStep(s, { ...run, phase: during }, step, outcome);
    expect(after.state).toMatchObject(expected);
    expect(after.run.phase).toBe(phase);
    expect(after.run.slowestStepMs).toBe(10);
  });

  it('keeps at most MAX_RETRY failed customers', () => {
    const failed = Array.from({ length: MAX_RETRY + 10 }, (_, i) => `cus_${i}`);
    const after = afterStep(full, run, { kind: 'full', startingAfter: null }, ok({ last: 's', hasMore: true, failed }));
    expect(after.state.retry).toHaveLength(MAX_RETRY);
  });
});

describe('a whole reconciliation across runs stopped by their budget', () => {
  /** Simulates Stripe pages of 2 subscriptions and member pages of 2, each step taking 10 ms of a 25 ms budget. */
  it('resumes each run where the last stopped and visits every page once', () => {
    const subs = ['s5', 's4', 's3', 's2', 's1'];
    const members = ['u1', 'u2', 'u3'];
    let s = INITIAL_STATE;
    let clock = now;
    const visited: string[] = [];
    let runs = 0;
    for (; runs < 20; runs++) {
      const begun = beginRun(s, clock);
      s = begun.state;
      let run = begun.run;
      let stopped: 'done' | 'budget';
      for (;;) {
        const planned = nextStep(s, run, clock, { budgetMs: 25 });
        if (planned.step.kind === 'stop') {
          stopped = planned.step.reason;
          break;
        }
        const step = planned.step;
        let outcome: StepOutcome;
        if (step.kind === 'full') {
          const from = step.startingAfter ? subs.indexOf(step.startingAfter) + 1 : 0;
          const page = subs.slice(from, from + 2);
          visited.push(...page);
          outcome = { last: page.at(-1) ?? null, hasMore: from + 2 < subs.length, failed: [], ms: 10 };
        } else if (step.kind === 'members') {
          const from = step.after ? members.indexOf(step.after.id) + 1 : 0;
          const page = members.slice(from, from + 2);
          visited.push(...page);
          outcome = {
            last: page.length ? { mrr: 1, id: page.at(-1)! } : null,
            hasMore: from + 2 < members.length,
            failed: [],
            ms: 10,
          };
        } else if (step.kind === 'events') {
          outcome = { last: null, hasMore: false, failed: [], ms: 10 }; // nothing changed since the full pass
        } else throw new Error(`unexpected ${step.kind}`);
        clock += 10;
        ({ state: s, run } = afterStep(planned.state, planned.run, step, outcome));
      }
      clock += DAY_MS;
      if (stopped === 'done') break;
    }
    expect(visited).toEqual([...subs, ...members]);
    expect(runs).toBeGreaterThan(1);
    expect(s.eventsThrough).toBeGreaterThan(nowS + DAY_S); // the events window read after the full pass
    expect(s.sweep?.done).toBe(true);
  });
});

describe('parseState', () => {
  it('starts over from a missing or foreign document and keeps a valid one', () => {
    expect(parseState(undefined)).toEqual(INITIAL_STATE);
    expect(parseState({ eventsThrough: 'x', scan: { kind: 'other' }, retry: [1, 'cus_1'] })).toEqual(
      state({ retry: ['cus_1'] }),
    );
    const valid = state({ eventsThrough: 5, scan: { kind: 'full', startedAt: 4, startingAfter: 's' }, sweep: sweep() });
    expect(parseState(valid)).toEqual(valid);
  });
});

import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { renderMarkdownHtml } from '../app/markdown-html';
import { readTiers } from '../app/tiers-config';
import {
  NEW_EVENT_STATE,
  cancelChange,
  eventDocs,
  eventInputOf,
  factsOf,
  saveChange,
  seatsToFill,
  seriesOccurrences,
  shiftedInput,
  type EventDocs,
  type EventState,
} from '../domain/events';
import { Refusal } from '../domain/refusal';
import type { EventInput } from '../shared/event-schema';
import {
  EVENTS,
  type EventChange,
  type EventChangeKind,
  type EventJoin,
  type EventSource,
  type EventTeaser,
  type RepeatEvery,
} from '../shared/events';
import { rankOf } from '../shared/tiers';
import { eventRefs, joinOf, teaserOf, type EventRefs } from './event-docs';
import { promoteWaitlisted } from './registration-store';

export interface EventDeps {
  db: Firestore;
  now: () => Date;
}

/** The rank of an access level in `config/tiers` (or `public`); anything else is refused naming the field. */
async function rankOfAccess(db: Firestore, access: string): Promise<number> {
  const rank = rankOf(await readTiers(db), access);
  if (rank === undefined) throw new Refusal('invalid-argument', `event.access: Unknown access level "${access}"`);
  return rank;
}

const renderedHtml = (input: Pick<EventInput, 'description' | 'details'>) => ({
  description: renderMarkdownHtml(input.description),
  details: renderMarkdownHtml(input.details),
});

function writeDocs(tx: Transaction, refs: EventRefs, docs: EventDocs, create: boolean): void {
  if (create) {
    tx.create(refs.teaser, docs.teaser);
    tx.create(refs.join, docs.join);
    tx.create(refs.source, docs.source);
  } else {
    tx.set(refs.teaser, docs.teaser);
    tx.set(refs.join, docs.join);
    tx.set(refs.source, docs.source);
  }
}

function writeChange(
  tx: Transaction,
  refs: EventRefs,
  kind: EventChangeKind,
  sequence: number,
  notify: boolean,
  at: Date,
) {
  const change: EventChange<Date> = { kind, sequence, notify, at };
  // create: the sequence only grows inside these transactions, so each change is written once.
  tx.create(refs.change(sequence), change);
}

/**
 * New events from one input: one, or a series of `repeat.count` occurrences sharing a `seriesId` (the
 * first occurrence's id). Every occurrence is built (and so validated) before anything is written, and
 * all are written in one transaction. `ids` fixes the ids (the seed); otherwise they are generated.
 */
export async function createEvents(
  deps: EventDeps,
  input: EventInput,
  repeat: { every: RepeatEvery; count: number } | null = null,
  ids?: string[],
): Promise<string[]> {
  const { db } = deps;
  const now = deps.now();
  const rank = await rankOfAccess(db, input.access);
  const html = renderedHtml(input);
  const times = repeat
    ? seriesOccurrences(input, repeat.every, repeat.count)
    : [{ start: input.start, end: input.end }];
  const eventIds = times.map((_, i) => ids?.[i] ?? db.collection(EVENTS).doc().id);
  const seriesId = repeat ? (eventIds[0] ?? null) : null;
  const built = times.map((time) =>
    eventDocs({ ...input, ...time }, rank, { ...NEW_EVENT_STATE, seriesId }, html, now),
  );
  await db.runTransaction(async (tx) => {
    built.forEach((docs, i) => {
      const refs = eventRefs(db, eventIds[i]!);
      writeDocs(tx, refs, docs, true);
      const change = saveChange(null, factsOf(docs), 0);
      if (change.kind) writeChange(tx, refs, change.kind, change.sequence, true, now);
    });
  });
  return eventIds;
}

interface StoredEvent {
  teaser: EventTeaser<Date>;
  join: EventJoin<Date>;
  source: EventSource;
}

async function readEvent(tx: Transaction, refs: EventRefs): Promise<StoredEvent> {
  const [teaser, join, source] = await tx.getAll(refs.teaser, refs.join, refs.source);
  if (!teaser?.exists || !join?.exists || !source?.exists) throw new Refusal('not-found', 'No such event');
  return {
    teaser: teaserOf(teaser.data() as EventTeaser<never>),
    join: joinOf(join.data() as EventJoin<never>),
    source: source.data() as EventSource,
  };
}

/**
 * Saves an edit of an event: teaser, join details and source together, the change document the change
 * rule asks for (`saveChange`), and, when the edit freed seats (a larger capacity), the first waitlisted
 * members moved up. A Zoom event keeps the join URL and passcode the Zoom meeting gave it.
 */
export async function updateEvent(deps: EventDeps, id: string, input: EventInput): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const rank = await rankOfAccess(db, input.access);
  const html = renderedHtml(input);
  const refs = eventRefs(db, id);
  await db.runTransaction(async (tx) => {
    const stored = await readEvent(tx, refs);
    const { teaser, join } = stored;
    const state: EventState = {
      registered: teaser.registered,
      waitlisted: teaser.waitlisted,
      sequence: teaser.sequence,
      seriesId: teaser.seriesId,
      recordingId: teaser.recordingId,
      publishedAt: teaser.publishedAt,
      zoom: teaser.kind === 'zoom' ? { url: join.url, passcode: join.passcode } : NEW_EVENT_STATE.zoom,
    };
    const draft = eventDocs(input, rank, state, html, now);
    const change = saveChange(factsOf(stored), factsOf(draft), teaser.sequence);
    const docs = eventDocs(input, rank, { ...state, sequence: change.sequence }, html, now);
    // Reads before writes: who moves up if the new capacity frees seats.
    const fill = seatsToFill({
      capacity: input.capacity,
      registered: teaser.registered,
      waitlisted: teaser.waitlisted,
    });
    const promote = input.status === 'published' && fill > 0 ? await promoteWaitlisted(tx, refs, fill) : null;
    if (promote) {
      docs.teaser.registered += promote.count;
      docs.teaser.waitlisted -= promote.count;
      promote.write();
    }
    writeDocs(tx, refs, docs, false);
    if (change.kind) writeChange(tx, refs, change.kind, change.sequence, true, now);
  });
}

/** A draft copy a week later (same wall time in its zone): no registrations, mirrors, recording or Zoom meeting. */
export async function duplicateEvent(deps: EventDeps, id: string): Promise<string> {
  const { db } = deps;
  const refs = eventRefs(db, id);
  const stored = await db.runTransaction((tx) => readEvent(tx, refs));
  const input = shiftedInput(eventInputOf(stored.teaser, stored.join, stored.source), 7);
  const [copy] = await createEvents(deps, { ...input, status: 'draft' });
  return copy!;
}

/**
 * Cancels a published event: status `cancelled` on the teaser and the join details, the sequence raised,
 * and a `cancelled` change (with `notify`, the admin's choice to mail registrants). Cancelling again does
 * nothing; a draft is refused.
 */
export async function cancelEvent(deps: EventDeps, id: string, notify: boolean): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const refs = eventRefs(db, id);
  await db.runTransaction(async (tx) => {
    const { teaser } = await readEvent(tx, refs);
    const change = cancelChange(teaser.status, teaser.sequence);
    if (!change.kind) return;
    tx.update(refs.teaser, { status: 'cancelled', sequence: change.sequence, updatedAt: now });
    tx.update(refs.join, { status: 'cancelled' });
    writeChange(tx, refs, change.kind, change.sequence, notify, now);
  });
}

import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import { FieldValue, Timestamp as FirestoreTimestamp } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import type { CalendarMirror } from '../adapters/gcal';
import type { LumaApi, LumaEventInput } from '../adapters/luma';
import type { Settings } from '../app/settings';
import {
  eventPageUrl,
  googleEventId,
  mirrorAction,
  mirrorDescription,
  type MirrorAction,
  type MirrorScope,
} from '../domain/mirrors';
import {
  EVENT_GATED,
  EVENT_JOIN,
  EVENT_PRIVATE,
  EVENT_SYNC,
  EVENTS,
  type EventJoin,
  type EventSync,
  type EventTeaser,
} from '../shared/events';

/**
 * Mirrors: the community's Google Calendar (every published event) and Luma calendar (public events)
 * follow each event. Every change document (`events/{id}/changes/{sequence}`) runs `syncEventMirrors`,
 * and so does the reconciliation job for upcoming events. It reads the event as it is now, decides per
 * mirror with `mirrorAction` (domain/mirrors.ts), calls out, and records `syncedSequence` (or the error) in
 * `events/{id}/private/sync`; a replayed or late change finds the sequence already synced and does nothing.
 * A mirror that is not configured is skipped. Failures are recorded and logged, never thrown: the next
 * change or the job's next run tries again.
 *
 * Concurrency: Google events are inserted under a deterministic id (`googleEventId`), so two runs cannot make
 * two copies (the second insert gets 409 and patches). Luma has no idempotency key: a run claims the creation
 * with a lease in `sync.luma.claimedUntil` before calling out, and a run that finds a live claim leaves it.
 */

export interface MirrorDeps {
  db: Firestore;
  now: () => Date;
  calendarMirror: CalendarMirror | null;
  luma: LumaApi | null;
  settings: Pick<Settings, 'appUrl' | 'googleCalendarJoinDetails'>;
}

type MirrorName = 'google' | 'luma';
export type MirrorOutcome = MirrorAction | 'failed' | 'busy';

/** How long a Luma creation claim holds: longer than a create call can take, short enough to retry soon. */
export const LUMA_CLAIM_MS = 2 * 60_000;

type Teaser = EventTeaser<Timestamp>;
type SyncEntry = { eventId?: string; url?: string; syncedSequence?: number; claimedUntil?: Timestamp };

const syncRef = (db: Firestore, eventId: string) =>
  db.collection(EVENTS).doc(eventId).collection(EVENT_PRIVATE).doc(EVENT_SYNC);

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Records what the mirror now holds, unless a newer sequence was recorded meanwhile (a later change that
 * finished first must not be overwritten by an older one).
 */
async function recordSynced(
  db: Firestore,
  eventId: string,
  name: MirrorName,
  sequence: number,
  entry: { eventId: string; url?: string },
): Promise<void> {
  const ref = syncRef(db, eventId);
  await db.runTransaction(async (tx) => {
    const current = (await tx.get(ref)).get(name) as SyncEntry | undefined;
    if ((current?.syncedSequence ?? -1) > sequence) return;
    tx.set(
      ref,
      { [name]: { ...entry, syncedSequence: sequence, error: null, claimedUntil: FieldValue.delete() } },
      { merge: true },
    );
  });
}

async function recordError(db: Firestore, eventId: string, name: MirrorName, err: unknown): Promise<void> {
  const error = messageOf(err);
  logger.error(`${name} mirror of event ${eventId} failed`, { eventId, mirror: name, error });
  await syncRef(db, eventId).set({ [name]: { error, claimedUntil: FieldValue.delete() } }, { merge: true });
}

/** Claims the creation of the Luma copy; false when another run holds a live claim or made it already. */
async function claimLumaCreation(deps: MirrorDeps, eventId: string): Promise<boolean> {
  const ref = syncRef(deps.db, eventId);
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const current = (await tx.get(ref)).get('luma') as SyncEntry | undefined;
    if (current?.eventId) return false;
    if (current?.claimedUntil && current.claimedUntil.toMillis() > now.getTime()) return false;
    const claimedUntil = FirestoreTimestamp.fromMillis(now.getTime() + LUMA_CLAIM_MS);
    tx.set(ref, { luma: { claimedUntil } }, { merge: true });
    return true;
  });
}

async function readJoin(db: Firestore, eventId: string): Promise<EventJoin<Timestamp> | undefined> {
  const snap = await db.collection(EVENTS).doc(eventId).collection(EVENT_GATED).doc(EVENT_JOIN).get();
  return snap.data() as EventJoin<Timestamp> | undefined;
}

async function applyGoogle(
  deps: MirrorDeps,
  calendar: CalendarMirror,
  eventId: string,
  teaser: Teaser | undefined,
  action: MirrorAction,
  current: SyncEntry | undefined,
): Promise<{ eventId: string }> {
  if (action === 'delete') {
    await calendar.remove(current?.eventId ?? googleEventId(eventId));
    return { eventId: '' };
  }
  if (!teaser) throw new Error('no event to mirror');
  const pageUrl = eventPageUrl(deps.settings.appUrl, eventId);
  const join = deps.settings.googleCalendarJoinDetails ? await readJoin(deps.db, eventId) : undefined;
  const ref = await calendar.upsert({
    id: googleEventId(eventId),
    summary: teaser.title,
    description: mirrorDescription({ summary: teaser.summary, pageUrl, join }),
    location: teaser.place ?? join?.url ?? pageUrl,
    start: teaser.startAt.toDate(),
    end: teaser.endAt.toDate(),
    timeZone: teaser.timeZone,
  });
  return { eventId: ref.eventId };
}

const lumaInput = (deps: MirrorDeps, eventId: string, teaser: Teaser): LumaEventInput => ({
  name: teaser.title,
  // Join details stay in gated/join: Luma guests become members and see them on the event page.
  descriptionMd: mirrorDescription({ summary: teaser.summary, pageUrl: eventPageUrl(deps.settings.appUrl, eventId) }),
  start: teaser.startAt.toDate(),
  end: teaser.endAt.toDate(),
  timeZone: teaser.timeZone,
  address: teaser.place,
});

async function applyLuma(
  deps: MirrorDeps,
  luma: LumaApi,
  eventId: string,
  teaser: Teaser | undefined,
  action: MirrorAction,
  current: SyncEntry | undefined,
): Promise<{ eventId: string; url: string } | 'busy'> {
  if (action === 'delete') {
    if (current?.eventId) await luma.cancelEvent(current.eventId);
    return { eventId: '', url: current?.url ?? '' };
  }
  if (!teaser) throw new Error('no event to mirror');
  if (action === 'patch' && current?.eventId) {
    await luma.updateEvent(current.eventId, lumaInput(deps, eventId, teaser));
    return { eventId: current.eventId, url: current.url ?? '' };
  }
  if (!(await claimLumaCreation(deps, eventId))) return 'busy';
  return luma.createEvent(lumaInput(deps, eventId, teaser));
}

async function syncOne(
  deps: MirrorDeps,
  eventId: string,
  name: MirrorName,
  scope: MirrorScope,
  apply: (
    teaser: Teaser | undefined,
    action: MirrorAction,
    current: SyncEntry | undefined,
  ) => Promise<{ eventId: string; url?: string } | 'busy'>,
): Promise<MirrorOutcome> {
  const [teaserSnap, syncSnap] = await Promise.all([
    deps.db.collection(EVENTS).doc(eventId).get(),
    syncRef(deps.db, eventId).get(),
  ]);
  const teaser = teaserSnap.data() as Teaser | undefined;
  const current = (syncSnap.data() as EventSync | undefined)?.[name] as SyncEntry | undefined;
  const action = mirrorAction(teaser ?? null, current, scope);
  if (action === 'none') return 'none';
  const sequence = teaser?.sequence ?? current?.syncedSequence ?? 0;
  try {
    const result = await apply(teaser, action, current);
    if (result === 'busy') {
      logger.info(`${name} mirror of event ${eventId}: another run is creating it`, { eventId });
      return 'busy';
    }
    await recordSynced(deps.db, eventId, name, sequence, result);
    logger.info(`${name} mirror of event ${eventId}: ${action} at sequence ${sequence}`, { eventId, action });
    return action;
  } catch (err) {
    await recordError(deps.db, eventId, name, err).catch((recordErr: unknown) =>
      logger.error(`could not record the ${name} mirror error of ${eventId}`, { error: messageOf(recordErr) }),
    );
    return 'failed';
  }
}

/** Brings every configured mirror of the event in step with it; never throws for a mirror's failure. */
export async function syncEventMirrors(
  deps: MirrorDeps,
  eventId: string,
): Promise<{ google: MirrorOutcome | 'off'; luma: MirrorOutcome | 'off' }> {
  const calendar = deps.calendarMirror;
  const luma = deps.luma;
  const [google, lumaOutcome] = await Promise.all([
    calendar
      ? syncOne(deps, eventId, 'google', 'published', (t, a, c) => applyGoogle(deps, calendar, eventId, t, a, c))
      : ('off' as const),
    luma
      ? syncOne(deps, eventId, 'luma', 'public', (t, a, c) => applyLuma(deps, luma, eventId, t, a, c))
      : ('off' as const),
  ]);
  return { google, luma: lumaOutcome };
}

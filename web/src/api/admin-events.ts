// Events in /admin: admins read every event document directly (the rules allow them); every write goes
// through the event callables, which derive instants, ranks, counters and the change log.
import type { DocumentData, Timestamp } from 'firebase/firestore';
import type { EventDraft } from '@shared/event-schema';
import {
  EVENTS,
  EVENT_GATED,
  EVENT_JOIN,
  EVENT_PRIVATE,
  EVENT_SOURCE,
  EVENT_SYNC,
  REGISTRATIONS,
  type EventJoin,
  type EventSource,
  type EventSync,
  type EventTeaser,
  type Registration,
  type RepeatEvery,
} from '@shared/events';
import { callFunction } from '@/lib/firebase';
import { fullFirestore, liveDoc, liveQuery } from '@/composables/live-sources';
import type { AdminEventRow } from '@/lib/event-form';

export type AdminEvent = EventTeaser<Timestamp> & { id: string };
export type AdminRegistration = Registration<Timestamp>;

const row = (id: string, data: DocumentData): AdminEvent => ({ id, ...(data as EventTeaser<Timestamp>) });

/** Every event, latest start first (drafts included), live: counters move as members register. */
export const liveAdminEvents = (max = 300) =>
  liveQuery(
    (sdk, db) => sdk.query(sdk.collection(db, EVENTS), sdk.orderBy('startAt', 'desc'), sdk.limit(max)),
    (id, data): AdminEventRow => row(id, data),
  );

/** One event's teaser, live (status, counters, sequence). */
export const liveAdminEvent = (id: string) => liveDoc((sdk, db) => sdk.doc(db, EVENTS, id), row);

/** Teaser, join details and source at once, to fill the editor; null when the event does not exist. */
export async function loadEvent(
  id: string,
): Promise<{ teaser: AdminEvent; join: EventJoin<Timestamp> | null; source: EventSource | null } | null> {
  const [{ doc, getDoc }, db] = await fullFirestore();
  const [teaser, join, source] = await Promise.all([
    getDoc(doc(db, EVENTS, id)),
    getDoc(doc(db, EVENTS, id, EVENT_GATED, EVENT_JOIN)),
    getDoc(doc(db, EVENTS, id, EVENT_PRIVATE, EVENT_SOURCE)),
  ]);
  if (!teaser.exists()) return null;
  return {
    teaser: row(teaser.id, teaser.data()),
    join: (join.data() as EventJoin<Timestamp> | undefined) ?? null,
    source: (source.data() as EventSource | undefined) ?? null,
  };
}

/** The event's registrations, oldest first (the waitlist's order), live. */
export const liveRegistrations = (id: string) =>
  liveQuery(
    (sdk, db) => sdk.query(sdk.collection(db, EVENTS, id, REGISTRATIONS), sdk.orderBy('createdAt')),
    (_id, data) => data as AdminRegistration,
  );

/** The mirrors' ids and errors (Zoom, Google Calendar, Luma), live; null before any mirror ran. */
export const liveEventSync = (id: string) =>
  liveDoc(
    (sdk, db) => sdk.doc(db, EVENTS, id, EVENT_PRIVATE, EVENT_SYNC),
    (_id, data) => data as EventSync,
  );

/** Creates (no id; a series with `repeat`) or saves an event; the ids in order. */
export async function saveEvent(
  id: string | null,
  event: EventDraft,
  repeat: { every: RepeatEvery; count: number } | null = null,
): Promise<string[]> {
  return (await callFunction('saveEvent', id ? { id, event } : { event, repeat })).ids;
}

export const duplicateEvent = async (id: string) => (await callFunction('duplicateEvent', { id })).id;

export const cancelEvent = (id: string, notify: boolean) => callFunction('cancelEvent', { id, notify });

/** The Zoom helper's callable: creates (or returns) the meeting of a Zoom event. */
export const createZoomMeeting = (id: string) => callFunction('createZoomMeeting', { id });

// What the calendar reads and calls: pages of public events (Firestore lite, like the catalog), the events of
// a month or week for the calendar grid, one event's teaser, the member's own registration and, only
// when registered and inside the join window, the join details (the rules refuse them otherwise).
import type { QueryConstraint } from 'firebase/firestore/lite';
import {
  EVENT_GATED,
  EVENT_JOIN,
  EVENTS,
  REGISTRATIONS,
  type EventJoin,
  type EventTeaser,
  type Registration,
} from '@shared/events';
import { EVENTS_PAGE_SIZE, PUBLIC_EVENT_STATUSES, publicEvent, type EventListQuery } from '@shared/public-events';
import type { Source } from '@/composables/useLive';
import { liveDoc } from '@/composables/live-sources';
import { pageOf, type Page, type PageSource } from '@/composables/usePagedQuery';
import { callFunction, firestoreLite, type LiteSdk } from '@/lib/firebase';
import { sdkTime } from '@/lib/stored-time';
import type { EventItem } from '@/lib/events';

type Stamp = { toDate(): Date; toMillis(): number };
export type EventPage = Page<EventItem, EventItem>;

const item = (id: string, data: EventTeaser<Stamp>): EventItem => publicEvent(id, data, (t) => t);

/** A page from the `EVENTS_PAGE_SIZE + 1` events a query returned; the cursor is the last event shown. */
export const eventPage = (items: EventItem[]): EventPage => pageOf(items, EVENTS_PAGE_SIZE, (e) => e);

/** The public-status and access constraints every calendar query starts with (the rules allow no other list). */
function publicWheres({ where }: LiteSdk, access: string): QueryConstraint[] {
  const wheres = [where('status', 'in', [...PUBLIC_EVENT_STATUSES])];
  if (access) wheres.push(where('access', '==', access));
  return wheres;
}

/**
 * Pages of upcoming (not ended at `now`, by end soonest first) or past (latest first) events, as the server
 * reads them (public-reader.ts), so a page it rendered goes on from its last event.
 */
export function eventPages({ when, access }: EventListQuery, now: number): PageSource<EventItem, EventItem> {
  const upcoming = when === 'upcoming';
  const dir = upcoming ? 'asc' : 'desc';
  return async (cursor) => {
    const [sdk, db] = await firestoreLite();
    const { where, orderBy, documentId, limit } = sdk;
    const constraints = [
      ...publicWheres(sdk, access),
      where('endAt', upcoming ? '>' : '<=', sdk.Timestamp.fromMillis(now)),
      orderBy('endAt', dir),
      orderBy(documentId(), dir),
    ];
    // A page rendered on the server carries its times as StoredTimes: the cursor needs SDK Timestamps.
    if (cursor) constraints.push(sdk.startAfter(sdkTime(sdk, cursor.endAt), cursor.id));
    constraints.push(limit(EVENTS_PAGE_SIZE + 1));
    const snap = await sdk.getDocs(sdk.query(sdk.collection(db, EVENTS), ...constraints));
    return eventPage(snap.docs.map((d) => item(d.id, d.data() as EventTeaser<Stamp>)));
  };
}

/** Events starting in [from, to), for the month and week grids (at most 200: a month of a busy community). */
export async function eventsBetween(from: Date, to: Date, access: string): Promise<EventItem[]> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDocs(
    sdk.query(
      sdk.collection(db, EVENTS),
      ...publicWheres(sdk, access),
      sdk.where('startAt', '>=', sdk.Timestamp.fromDate(from)),
      sdk.where('startAt', '<', sdk.Timestamp.fromDate(to)),
      sdk.orderBy('startAt'),
      sdk.limit(200),
    ),
  );
  return snap.docs.map((d) => item(d.id, d.data() as EventTeaser<Stamp>));
}

/** `events/{id}` with its description; null when it does not exist. Rejects with permission-denied for a draft. */
export async function readEvent(id: string): Promise<EventItem | null> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, EVENTS, id));
  return snap.exists() ? publicEvent(id, snap.data() as EventTeaser<Stamp>, (t) => t, { description: true }) : null;
}

/** The member's own registration, live (registering, a waitlist promotion, an admin's change). */
export const registrationSource = (eventId: string, uid: string): Source<Registration<Stamp> | null> =>
  liveDoc(
    (sdk, fdb) => sdk.doc(fdb, EVENTS, eventId, REGISTRATIONS, uid),
    (_id, data) => data as Registration<Stamp>,
  );

/** The join details, live (a changed Zoom link). Only for a registered member inside the window: the rules refuse the rest. */
export const joinSource = (eventId: string): Source<EventJoin<Stamp> | null> =>
  liveDoc(
    (sdk, fdb) => sdk.doc(fdb, EVENTS, eventId, EVENT_GATED, EVENT_JOIN),
    (_id, data) => data as EventJoin<Stamp>,
  );

export const registerForEvent = (id: string) => callFunction('registerForEvent', { id });
export const cancelRegistration = (id: string) => callFunction('cancelRegistration', { id });

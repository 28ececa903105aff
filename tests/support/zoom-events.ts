// Zoom events for the reconciliation tests: event documents written as the events callables write them
// (teaser, gated/join, a change document per change), and the Zoom twin that test-emulated.mjs starts.
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { zoomClient } from '../../functions/src/adapters/zoom/zoom-client';
import type { ZoomTwin } from '../../functions/src/adapters/zoom/twin/zoom-twin';
import type { EventChangeKind, EventJoin, EventSync } from '../../functions/src/shared/events';
import { makeEvent } from '../../functions/src/testing/factories';
import { adminSdk } from './emulators';

/** The twin the emulated functions talk to (scripts/emulators.mjs ZOOM_TWIN). */
export const ZOOM_TWIN_URL = 'http://127.0.0.1:8100';
export type TwinMeeting = ZoomTwin['state']['data']['meetings'][string];

/** The real adapter with the twin's demo credentials, to look at (or tamper with) meetings. */
export const zoomAtTwin = zoomClient({
  accountId: 'twin-account',
  clientId: 'twin-client-id',
  clientSecret: 'twin-client-secret',
  apiBase: `${ZOOM_TWIN_URL}/v2`,
  oauthBase: ZOOM_TWIN_URL,
  waitingRoom: true,
  passcode: 'random',
});

export async function twinMeetings(): Promise<TwinMeeting[]> {
  const res = await fetch(`${ZOOM_TWIN_URL}/_twin/meetings`);
  return ((await res.json()) as { meetings: TwinMeeting[] }).meetings;
}

export interface ZoomEventFixture {
  title: string;
  status: 'draft' | 'published' | 'cancelled';
  startAt: string; // ISO instant
  endAt: string;
  timeZone: string;
  sequence: number;
}

/** Writes (or rewrites) the main event's teaser and join details as saveEvent would (see makeEvent). */
export async function writeZoomEvent(id: string, e: ZoomEventFixture, db: Firestore = adminSdk().db): Promise<void> {
  const { teaser, join } = makeEvent('main', {
    ...e,
    id,
    startAt: new Date(e.startAt),
    endAt: new Date(e.endAt),
    updatedAt: new Date(),
  });
  // The join URL and passcode are the Zoom reconciliation's to fill: merged, never written here.
  const { url: _url, passcode: _passcode, ...rest } = join;
  const batch = db.batch();
  batch.set(db.doc(`events/${id}`), teaser);
  batch.set(db.doc(`events/${id}/gated/join`), rest, { merge: true });
  await batch.commit();
}

/** Writes `events/{id}/changes/{sequence}`: what fires the Zoom trigger. */
export async function writeChange(id: string, kind: EventChangeKind, sequence: number): Promise<void> {
  await adminSdk()
    .db.doc(`events/${id}/changes/${sequence}`)
    .set({ kind, sequence, notify: false, at: Timestamp.now() });
}

export async function readSync(id: string): Promise<EventSync & { zoomClaim?: unknown }> {
  return ((await adminSdk().db.doc(`events/${id}/private/sync`).get()).data() ?? {}) as EventSync;
}

export async function readJoin(id: string): Promise<Partial<EventJoin>> {
  return (await adminSdk().db.doc(`events/${id}/gated/join`).get()).data() ?? {};
}

import { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarMirrorFromEnv } from '../../functions/src/adapters/gcal';
import { lumaFromEnv } from '../../functions/src/adapters/luma';
import { depsFromEnv } from '../../functions/src/app/deps';
import { mapEnv } from '../../functions/src/app/params';
import { googleEventId } from '../../functions/src/domain/mirrors';
import { reconcileUpcomingEvents } from '../../functions/src/events/reconcile-events';
import { syncEventMirrors, type MirrorDeps } from '../../functions/src/events/mirrors';
import { demoEnv } from '../../functions/src/scripts/demo-env';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import type { EventDocs } from '../../functions/src/domain/events';
import type { EventSync } from '../../functions/src/shared/events';
import { makeEvent, type EventOverrides } from '../../functions/src/testing/factories';
import { closedPort } from '../../functions/src/testing/ports';
import { adminSdk, clearEmulators, eventually, isolatedFirestore } from '../support/emulators';

// Google Calendar and Luma mirrors through the real trigger (mirrorEventChange, in the Functions emulator)
// and the twins npm test starts (Google Calendar on :8110, Luma on :8120), as functions/.env.demo-commons sets.
const { db, auth } = adminSdk();
const env = demoEnv();
const GCAL = env.GOOGLE_API_BASE!;
const CALENDAR = env.GOOGLE_CALENDAR_ID!;
const LUMA = env.LUMA_API_BASE!;
const LUMA_KEY = env.LUMA_API_KEY!;

interface TwinGoogleEvent {
  id: string;
  status: string;
  etag: string;
  summary: string;
  description: string;
  start: { dateTime: string; timeZone: string };
}
interface TwinLumaEvent {
  id: string;
  name: string;
  start_at: string;
  description_md: string;
}

const googleEvent = async (eventId: string) => {
  const res = await fetch(`${GCAL}/_twin/calendars/${encodeURIComponent(CALENDAR)}/events`);
  const { items } = (await res.json()) as { items: TwinGoogleEvent[] };
  return items.find((e) => e.id === googleEventId(eventId));
};
const luma = async (method: 'GET' | 'POST', path: string, body: Record<string, unknown>) => {
  const url = new URL(`${LUMA}${path}`);
  if (method === 'GET') for (const [k, v] of Object.entries(body)) url.searchParams.set(k, String(v));
  const res = await fetch(url, {
    method,
    headers: { 'x-luma-api-key': LUMA_KEY, 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const lumaEvent = async (lumaId: string) =>
  (await luma('GET', '/v1/events/get', { event_id: lumaId })).json as unknown as TwinLumaEvent;
const sync = async (id: string) => (await db.doc(`events/${id}/private/sync`).get()).data() as EventSync | undefined;

const HOUR = 3600_000;
/** The mirror-night event at a sequence, as the events callables store it (public unless `access` says). */
const mirrorEvent = (sequence: number, startMs: number, access = 'public', over: EventOverrides = {}) =>
  makeEvent(access, {
    title: 'Mirror night',
    summary: 'We try the mirrors.',
    descriptionHtml: '<p>We try the mirrors.</p>',
    startAt: new Date(startMs),
    capacity: 1,
    sequence,
    url: 'https://zoom.example/j/123',
    passcode: 'secret-pass',
    ...over,
  });

/** What the events area does in one transaction: the documents and their change document (`target`: another project). */
async function change(id: string, kind: string, { teaser, join }: EventDocs, target = db) {
  const batch = target.batch();
  batch.set(target.doc(`events/${id}`), teaser);
  batch.set(target.doc(`events/${id}/gated/join`), join);
  batch.create(target.doc(`events/${id}/changes/${teaser.sequence}`), {
    kind,
    sequence: teaser.sequence,
    notify: true,
    at: Timestamp.now(),
  });
  await batch.commit();
}

const START = Date.now() + 48 * HOUR;
const ID = `mirror-${Date.now()}`;

beforeAll(async () => {
  await clearEmulators();
  await db.doc('config/tiers').set(DEFAULT_TIERS);
});

describe('event mirrors', () => {
  let lumaId = '';

  it('publishing puts the event on Google Calendar and Luma, without join details', async () => {
    await change(ID, 'published', mirrorEvent(1, START));
    const s = await eventually(
      () => sync(ID),
      (v) => v?.google?.syncedSequence === 1 && v?.luma?.syncedSequence === 1,
      30_000,
    );
    expect(s?.google).toMatchObject({ eventId: googleEventId(ID), error: null });
    lumaId = s?.luma?.eventId ?? '';
    expect(lumaId).toMatch(/^evt-/);
    expect(s?.luma?.url).toBe(`${LUMA}/event/${lumaId}`);

    const g = await googleEvent(ID);
    expect(g).toMatchObject({ status: 'confirmed', summary: 'Mirror night', start: { timeZone: 'Europe/Berlin' } });
    expect(Date.parse(g!.start.dateTime)).toBe(START);
    expect(g!.description).toContain(`/events/${ID}`);
    expect(g!.description).not.toContain('zoom.example');
    expect(g!.description).not.toContain('secret-pass');
    const l = await lumaEvent(lumaId);
    expect(l).toMatchObject({ name: 'Mirror night' });
    expect(Date.parse(l.start_at)).toBe(START);
    expect(l.description_md).not.toContain('zoom.example');
  });

  it('a reschedule patches both copies with the new times', async () => {
    const moved = START + 24 * HOUR;
    await change(ID, 'rescheduled', mirrorEvent(2, moved));
    await eventually(
      () => sync(ID),
      (v) => v?.google?.syncedSequence === 2 && v?.luma?.syncedSequence === 2,
      30_000,
    );
    expect(Date.parse((await googleEvent(ID))!.start.dateTime)).toBe(moved);
    expect(Date.parse((await lumaEvent(lumaId)).start_at)).toBe(moved);
    expect((await sync(ID))?.luma?.eventId).toBe(lumaId); // the same Luma event, not a second one
  });

  it('a replayed change does nothing', async () => {
    const before = await googleEvent(ID);
    await db.doc(`events/${ID}/changes/1`).delete();
    await db
      .doc(`events/${ID}/changes/1`)
      .create({ kind: 'published', sequence: 1, notify: true, at: Timestamp.now() });
    await new Promise((r) => setTimeout(r, 4000));
    expect((await googleEvent(ID))?.etag).toBe(before?.etag);
    expect((await sync(ID))?.google?.syncedSequence).toBe(2);
  });

  it('a Luma guest becomes a member registered with source luma, once', async () => {
    const email = `luma-guest-${Date.now()}@example.com`;
    expect(
      (await luma('POST', '/v1/events/guests/add', { event_id: lumaId, guests: [{ email, name: 'Lu Ma' }] })).status,
    ).toBe(200);
    const deps = depsFromEnv(mapEnv(env));
    const first = await reconcileUpcomingEvents(deps);
    expect(first.imported).toBe(1);
    const user = await auth.getUserByEmail(email);
    const reg = (await db.doc(`events/${ID}/registrations/${user.uid}`).get()).data();
    expect(reg).toMatchObject({ uid: user.uid, email, name: 'Lu Ma', status: 'registered', source: 'luma' });
    expect((await db.doc(`members/${user.uid}`).get()).data()).toMatchObject({ email, tier: 'free' });

    const second = await reconcileUpcomingEvents(deps);
    expect(second.imported).toBe(0);
    const regs = await db.collection(`events/${ID}/registrations`).get();
    expect(regs.size).toBe(1);
    expect((await db.doc(`events/${ID}`).get()).get('registered')).toBe(1);
  });

  it('a guest past capacity is waitlisted', async () => {
    const email = `luma-late-${Date.now()}@example.com`;
    await luma('POST', '/v1/events/guests/add', { event_id: lumaId, guests: [{ email, name: 'Late' }] });
    await reconcileUpcomingEvents(depsFromEnv(mapEnv(env)));
    const user = await auth.getUserByEmail(email);
    expect((await db.doc(`events/${ID}/registrations/${user.uid}`).get()).get('status')).toBe('waitlisted');
    expect((await db.doc(`events/${ID}`).get()).data()).toMatchObject({ registered: 1, waitlisted: 1 });
  });

  it('cancelling deletes the Google copy and cancels the Luma event', async () => {
    await change(
      ID,
      'cancelled',
      mirrorEvent(3, START + 24 * HOUR, 'public', { status: 'cancelled', registered: 1, waitlisted: 1 }),
    );
    const s = await eventually(
      () => sync(ID),
      (v) => v?.google?.syncedSequence === 3 && v?.luma?.syncedSequence === 3,
      30_000,
    );
    expect(s?.google?.eventId).toBe('');
    expect(s?.luma?.eventId).toBe('');
    expect((await googleEvent(ID))?.status).toBe('cancelled');
    expect((await luma('POST', '/v1/events/cancel/request', { event_id: lumaId })).status).toBe(404); // already cancelled
  });

  it('a members-only event goes to Google Calendar but not to Luma', async () => {
    const id = `${ID}-main`;
    await change(id, 'published', mirrorEvent(1, START, 'main'));
    await eventually(
      () => sync(id),
      (v) => v?.google?.syncedSequence === 1,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect((await sync(id))?.luma).toBeUndefined();
    expect(await googleEvent(id)).toMatchObject({ status: 'confirmed' });
  });
});

// In-process runs of syncEventMirrors on a Firestore of its own (no trigger acts there), against the same twins.
describe('syncEventMirrors in process', () => {
  const calendarEnv = {
    GOOGLE_CALENDAR_ID: CALENDAR,
    GOOGLE_SERVICE_ACCOUNT_KEY: env.GOOGLE_SERVICE_ACCOUNT_KEY ?? '',
    GOOGLE_API_BASE: GCAL,
    GOOGLE_TOKEN_URL: `${GCAL}/token`,
  };
  let mirrorDeps: MirrorDeps;
  beforeAll(async () => {
    mirrorDeps = {
      db: await isolatedFirestore('demo-mirrors'),
      now: () => new Date(),
      calendarMirror: calendarMirrorFromEnv(calendarEnv),
      luma: lumaFromEnv({ LUMA_API_KEY: LUMA_KEY, LUMA_API_BASE: LUMA }),
      settings: { appUrl: 'https://c.example', googleCalendarJoinDetails: true },
    };
  });
  const isolatedSync = async (id: string) =>
    (await mirrorDeps.db.doc(`events/${id}/private/sync`).get()).data() as EventSync | undefined;

  it('three runs at once make one Luma event and one Google event', async () => {
    const id = `race-${Date.now()}`;
    const title = `Race ${id}`;
    await change(id, 'published', mirrorEvent(1, START, 'public', { title }), mirrorDeps.db);
    const outcomes = await Promise.all([1, 2, 3].map(() => syncEventMirrors(mirrorDeps, id)));
    expect(outcomes.filter((o) => o.luma === 'insert')).toHaveLength(1);
    const listed = (await luma('GET', '/v1/calendar/list-events', {})).json as {
      entries: { event: { name: string } }[];
    };
    expect(listed.entries.filter((e) => e.event.name === title)).toHaveLength(1);
    const res = await fetch(`${GCAL}/_twin/calendars/${encodeURIComponent(CALENDAR)}/events`);
    const { items } = (await res.json()) as { items: TwinGoogleEvent[] };
    expect(items.filter((e) => e.summary === title)).toHaveLength(1);
    expect(await isolatedSync(id)).toMatchObject({ google: { syncedSequence: 1 }, luma: { syncedSequence: 1 } });
  });

  it('join details go into the Google copy only when the setting says so', async () => {
    const id = `join-${Date.now()}`;
    await change(id, 'published', mirrorEvent(1, START), mirrorDeps.db);
    await syncEventMirrors(mirrorDeps, id);
    const g = await googleEvent(id);
    expect(g?.description).toContain('Join: https://zoom.example/j/123');
    expect(g?.description).toContain('Passcode: secret-pass');
  });

  it('a failing calendar records the error without throwing, and a later run heals it', async () => {
    const id = `fail-${Date.now()}`;
    await change(id, 'published', mirrorEvent(1, START, 'main'), mirrorDeps.db);
    const down = `http://127.0.0.1:${await closedPort()}`;
    const broken = { ...mirrorDeps, calendarMirror: calendarMirrorFromEnv({ ...calendarEnv, GOOGLE_API_BASE: down }) };
    expect(await syncEventMirrors(broken, id)).toEqual({ google: 'failed', luma: 'none' });
    const failed = await isolatedSync(id);
    expect(failed?.google?.error).toBeTruthy();
    expect(failed?.google?.syncedSequence).toBeUndefined();
    expect(await syncEventMirrors(mirrorDeps, id)).toEqual({ google: 'insert', luma: 'none' });
    expect((await isolatedSync(id))?.google).toMatchObject({ error: null, syncedSequence: 1 });
  });

  it('an unconfigured mirror is off', async () => {
    const id = `off-${Date.now()}`;
    await change(id, 'published', mirrorEvent(1, START), mirrorDeps.db);
    expect(await syncEventMirrors({ ...mirrorDeps, calendarMirror: null, luma: null }, id)).toEqual({
      google: 'off',
      luma: 'off',
    });
    expect(await isolatedSync(id)).toBeUndefined();
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import type { ZoomApi } from '../../functions/src/adapters/zoom/zoom-api';
import { startTestTwin, TWIN_CREDENTIALS } from '../../functions/src/adapters/zoom/twin/twin-fixture';
import type { ZoomTwin } from '../../functions/src/adapters/zoom/twin/zoom-twin';
import { zoomClient, ZoomApiError } from '../../functions/src/adapters/zoom/zoom-client';
import { ZOOM_CLAIM_MS } from '../../functions/src/domain/zoom-sync';
import { reconcileUpcomingEvents } from '../../functions/src/events/reconcile-events';
import { syncZoomMeeting, syncZoomOnChange } from '../../functions/src/events/zoom-meetings';
import { adminSdk, isolatedFirestore } from '../support/emulators';
import { writeZoomEvent, type ZoomEventFixture } from '../support/zoom-events';

// The reconciliation in-process, on a Firestore of its own (no emulated trigger acts on it) and an
// in-process Zoom twin, so Zoom can be made to fail and the claim to run out mid-creation.

let db: Firestore;
let twin: ZoomTwin;
let zoom: ZoomApi;
let clock = Date.now();
const deps = (z: ZoomApi | null = zoom) => ({ db, zoom: z, now: () => new Date(clock) });

beforeAll(async () => {
  db = await isolatedFirestore('demo-commons-zoom');
  twin = await startTestTwin();
  zoom = zoomClient({
    ...TWIN_CREDENTIALS,
    apiBase: `${twin.url}/v2`,
    oauthBase: twin.url,
    waitingRoom: true,
    passcode: 'random',
  });
});
afterAll(() => twin.close());

const event: ZoomEventFixture = {
  title: 'Failures',
  status: 'published',
  startAt: '2027-01-15T17:00:00Z',
  endAt: '2027-01-15T18:00:00Z',
  timeZone: 'Europe/Berlin',
  sequence: 0,
};
const sync = async (id: string) => (await db.doc(`events/${id}/private/sync`).get()).data() ?? {};
const meetingsTitled = (title: string) => Object.values(twin.state.data.meetings).filter((m) => m.topic === title);

describe('Zoom reconciliation when things go wrong', () => {
  it('records a Zoom failure as sync.zoom.error without throwing, releases the claim, and the job heals it', async () => {
    const id = `ev-${randomUUID()}`;
    await writeZoomEvent(id, { ...event, title: id }, db);
    const limited: ZoomApi = {
      ...zoom,
      createMeeting: () =>
        Promise.reject(new ZoomApiError(429, 429, 'Zoom create meeting: 429 (429) Too many requests', true)),
    };
    await expect(syncZoomOnChange(deps(limited), id)).resolves.toBeUndefined();
    expect(await sync(id)).toEqual({ zoom: { error: 'Zoom create meeting: 429 (429) Too many requests' } });

    // The five-minute job heals it (no change, no click): the same reconciliation, for every upcoming event.
    const job = { ...deps(), calendarMirror: null, luma: null, auth: adminSdk().auth };
    await reconcileUpcomingEvents({
      ...job,
      settings: { appUrl: 'http://127.0.0.1:5173', googleCalendarJoinDetails: false },
    });
    expect(await sync(id)).toEqual({ zoom: expect.objectContaining({ error: null, syncedSequence: 0 }) });
    expect(meetingsTitled(id)).toHaveLength(1);
    expect(await syncZoomMeeting(deps(), id)).toMatchObject({
      outcome: 'done',
      meeting: { meetingId: expect.any(String) },
    });
    expect(meetingsTitled(id)).toHaveLength(1);
  });

  it('records that Zoom is not configured', async () => {
    const id = `ev-${randomUUID()}`;
    await writeZoomEvent(id, { ...event, title: id }, db);
    expect(await syncZoomMeeting(deps(null), id)).toMatchObject({ outcome: 'failed', error: /not configured/ });
    expect((await sync(id)).zoom).toEqual({ error: expect.stringMatching(/not configured/) });
  });

  it('a creator whose claim ran out while Zoom answered deletes its meeting; the event keeps one', async () => {
    const id = `ev-${randomUUID()}`;
    await writeZoomEvent(id, { ...event, title: id }, db);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let slowStarted!: () => void;
    const started = new Promise<void>((r) => (slowStarted = r));
    const slow: ZoomApi = {
      ...zoom,
      createMeeting: async (input) => {
        slowStarted();
        await held; // Zoom takes longer than the lease
        return zoom.createMeeting(input);
      },
    };
    const first = syncZoomMeeting(deps(slow), id);
    await started;
    expect(await syncZoomMeeting(deps(), id)).toEqual({ outcome: 'busy' });
    clock += ZOOM_CLAIM_MS + 1; // the lease runs out: another caller takes over
    const second = await syncZoomMeeting(deps(), id);
    expect(second).toMatchObject({ outcome: 'done' });
    release();
    await first;
    const kept = (await sync(id)).zoom as { meetingId: string };
    expect(meetingsTitled(id).map((m) => String(m.id))).toEqual([kept.meetingId]);
  });
});

import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestTwin, TWIN_CREDENTIALS } from './twin/twin-fixture';
import type { ZoomTwin } from './twin/zoom-twin';
import { meetingPathId, zoomClient, ZoomApiError, type ZoomClientConfig } from './zoom-client';

// The real adapter at its HTTP boundary, against the twin (same wire format as Zoom).

let twin: ZoomTwin;
let clock = Date.parse('2026-12-02T12:00:00Z');
const client = (extra: Partial<ZoomClientConfig> = {}) =>
  zoomClient({
    ...TWIN_CREDENTIALS,
    apiBase: `${twin.url}/v2`,
    oauthBase: twin.url,
    waitingRoom: true,
    passcode: 'random',
    now: () => clock,
    ...extra,
  });
const meeting = {
  topic: 'Office hours',
  agenda: 'Questions and answers',
  startTime: '2027-01-15T18:00:00',
  timeZone: 'Europe/Berlin',
  durationMinutes: 90,
};

beforeEach(async () => {
  twin = await startTestTwin({ maxPageSize: 2 });
});
afterEach(() => twin.close());

describe('zoomClient', () => {
  it('creates a scheduled meeting from local time plus zone, recorded to the cloud, behind the waiting room', async () => {
    const created = await client().createMeeting(meeting);
    const stored = twin.state.data.meetings[created.id]!;
    expect(stored).toMatchObject({
      type: 2,
      topic: 'Office hours',
      agenda: 'Questions and answers',
      timezone: 'Europe/Berlin',
      start_time: '2027-01-15T17:00:00Z', // 18:00 in Berlin in winter
      duration: 90,
      settings: { auto_recording: 'cloud', waiting_room: true, join_before_host: false },
    });
    expect(created).toEqual({
      id: String(stored.id),
      uuid: stored.uuid,
      joinUrl: stored.join_url,
      passcode: stored.password,
    });
    expect(created.passcode).toMatch(/^\d{8}$/);
  });

  it('leaves the passcode to Zoom and the waiting room off when configured so', async () => {
    const created = await client({ passcode: 'none', waitingRoom: false }).createMeeting(meeting);
    expect(created.passcode).toBeNull();
    expect(twin.state.data.meetings[created.id]!.settings.waiting_room).toBe(false);
  });

  it('asks for one token for many calls while it lives, and a new one when it is about to expire', async () => {
    const zoom = client();
    await Promise.all([
      zoom.createMeeting(meeting),
      zoom.createMeeting(meeting),
      zoom.listRecordings('2026-12-01', '2026-12-02'),
    ]);
    await zoom.createMeeting(meeting);
    expect(twin.tokenRequests()).toBe(1);
    clock += 56 * 60_000; // past expires_in (3599 s) minus the margin
    await zoom.createMeeting(meeting);
    expect(twin.tokenRequests()).toBe(2);
  });

  it('gets a fresh token once when Zoom answers 401, and fails honestly when that does not help', async () => {
    const zoom = client();
    const { id } = await zoom.createMeeting(meeting);
    await fetch(`${twin.url}/_twin/revoke-access-tokens`, { method: 'POST' });
    await zoom.updateMeeting(id, { ...meeting, startTime: '2027-01-16T09:30:00' });
    expect(twin.tokenRequests()).toBe(2);
    expect(twin.state.data.meetings[id]!.start_time).toBe('2027-01-16T08:30:00Z');

    const bad = client({ clientSecret: 'wrong' });
    await expect(bad.createMeeting(meeting)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_client',
      retryable: false,
    });
  });

  it('updates, deletes, and takes a meeting Zoom no longer knows as deleted', async () => {
    const zoom = client();
    const { id } = await zoom.createMeeting(meeting);
    await zoom.updateMeeting(id, { ...meeting, topic: 'Office hours (moved)', startTime: '2027-07-15T18:00:00' });
    expect(twin.state.data.meetings[id]).toMatchObject({
      topic: 'Office hours (moved)',
      start_time: '2027-07-15T16:00:00Z',
    });
    await zoom.deleteMeeting(id);
    expect(twin.state.data.meetings[id]).toBeUndefined();
    await expect(zoom.deleteMeeting(id)).resolves.toBeUndefined();
    const err = await zoom.updateMeeting(id, meeting).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZoomApiError);
    expect(err).toMatchObject({ status: 404, code: 3001, retryable: false });
  });

  it('reads a recording with a download token that opens its files, by id or by (double-encoded) uuid', async () => {
    const zoom = client();
    const { id } = await zoom.createMeeting(meeting);
    expect(await zoom.getRecording(id)).toBeNull();
    const stored = twin.state.data.meetings[id]!;
    stored.uuid = '/ab//cd+ef=='; // the awkward kind Zoom makes: needs double encoding
    twin.state.endMeeting(id, 200_000);
    const byUuid = await zoom.getRecording(stored.uuid);
    const byId = await zoom.getRecording(id);
    expect(byUuid?.uuid).toBe('/ab//cd+ef==');
    expect(byId?.recording_files.map((f) => f.recording_type)).toEqual([
      'shared_screen_with_speaker_view',
      'audio_only',
      'audio_transcript',
      'chat_file',
    ]);
    const video = byId!.recording_files[0]!;
    const res = await fetch(video.download_url, {
      headers: { authorization: `Bearer ${byId!.download_access_token}` },
    });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(200_000);
    expect(video.file_size).toBe(200_000);
  });

  it('lists recordings across pages', async () => {
    const zoom = client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await zoom.createMeeting({ ...meeting, topic: `Session ${i}` });
      twin.state.endMeeting(id, 100_000);
      ids.push(id);
    }
    const today = new Date().toISOString().slice(0, 10);
    const listed = await zoom.listRecordings(today, today);
    expect(listed.map((r) => String(r.id)).sort()).toEqual([...ids].sort());
    expect(await zoom.listRecordings('2020-01-01', '2020-01-02')).toEqual([]);
  });

  it('reports 429 as retryable with Zoom code and message', async () => {
    const busy = createServer((_req, res) => {
      res
        .writeHead(429, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 429, message: 'Too many requests' }));
    });
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    const limited = client({ apiBase: `http://127.0.0.1:${port}/v2` });
    await expect(limited.getRecording('123')).rejects.toMatchObject({
      status: 429,
      retryable: true,
      message: /Too many requests/,
    });
    busy.close();
  });
});

describe('meetingPathId', () => {
  it('encodes a uuid once, twice when it starts with / or contains //', () => {
    expect(meetingPathId('85746065432')).toBe('85746065432');
    expect(meetingPathId('aDYlohsHRtCd4ii1uC2+hA==')).toBe('aDYlohsHRtCd4ii1uC2%2BhA%3D%3D');
    expect(meetingPathId('/ajXp112QmuoKj4854875==')).toBe('%252FajXp112QmuoKj4854875%253D%253D');
    expect(meetingPathId('ab//cd==')).toBe('ab%252F%252Fcd%253D%253D');
  });
});

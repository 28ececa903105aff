import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalMediaStorage } from '../../functions/src/adapters/storage/twin/local-storage';
import type { TaskQueue } from '../../functions/src/app/task-queue';
import { ingestJobId, meetingKeyOf } from '../../functions/src/domain/zoom-recording';
import { retryIngest } from '../../functions/src/recordings/ingest-jobs';
import { pollEndedMeetings, sweepIngests, type PollerDeps } from '../../functions/src/recordings/ingest-poller';
import { runIngestJob } from '../../functions/src/recordings/ingest-worker';
import type { PublishRecording } from '../../functions/src/recordings/publish-port';
import { handleZoomWebhook } from '../../functions/src/recordings/zoom-webhook';
import {
  RECORDING_INGESTS,
  RECORDING_MEETINGS,
  type IngestedFile,
  type RecordingIngest,
  type RecordingMeeting,
} from '../../functions/src/shared/recordings';
import {
  generatedMd5,
  startFakeZoom,
  type FakeFile,
  type FakeZoom,
} from '../../functions/src/testing/zoom-recording-server';
import { adminSdk, clearEmulators, eventually, isolatedFirestore } from '../support/emulators';
import { postZoomWebhook, ZOOM_WEBHOOK_SECRET } from '../support/zoom';
import { zoomSignature } from '../../functions/src/domain/zoom-recording';

// Zoom's recording webhook at the wire (the emulated zoomWebhook, then the worker dispatched by the
// Tasks emulator), and the ingest's hard cases in-process on an isolated Firestore: concurrent
// deliveries and workers, expired tokens, downloads cut midway, failures, the poller and the sweep.

const MB = 1024 * 1024;
let zoom: FakeZoom;
let meetings = 0;

beforeAll(async () => {
  zoom = await startFakeZoom();
});
afterAll(() => zoom.close());

/** A fresh meeting with a recording (video in two layouts, audio, transcript, chat) on the fake Zoom. */
function meeting(videoSize = 2 * MB) {
  meetings += 1;
  const id = 880_000 + meetings;
  const uuid = `/m${meetings}+Ab//cd==`;
  const files: FakeFile[] = [
    { id: `g${meetings}`, file_type: 'MP4', recording_type: 'gallery_view', size: MB, seed: 1 },
    {
      id: `v${meetings}`,
      file_type: 'MP4',
      recording_type: 'shared_screen_with_speaker_view',
      size: videoSize,
      seed: meetings * 10 + 2,
    },
    { id: `a${meetings}`, file_type: 'M4A', recording_type: 'audio_only', size: MB, seed: 3 },
    {
      id: `t${meetings}`,
      file_type: 'TRANSCRIPT',
      recording_type: 'audio_transcript',
      size: 3000,
      seed: meetings * 10 + 4,
    },
    { id: `c${meetings}`, file_type: 'CHAT', recording_type: 'chat_file', size: 500, seed: meetings * 10 + 5 },
  ];
  zoom.addRecording({ id, uuid, files });
  const body = () => {
    const { object, download_token } = zoom.webhookObject(uuid);
    return {
      event: 'recording.completed',
      event_ts: Date.now(),
      payload: { account_id: 'acc', object: { ...object, host_id: 'h', extra: { x: 1 } } },
      download_token,
    };
  };
  const kept = files.filter((f) => ['v', 't', 'c'].includes(f.id[0]!));
  return { id, uuid, files, kept, body, jobIds: kept.map((f) => ingestJobId(uuid, f.id)) };
}

/** An ended Zoom event whose private sync names the meeting. */
async function zoomEvent(db: Firestore, eventId: string, meetingId: number, endedMinutesAgo = 10) {
  const end = Date.now() - endedMinutesAgo * 60_000;
  await db.doc(`events/${eventId}`).set({
    title: 'Live session',
    kind: 'zoom',
    status: 'published',
    access: 'main',
    rank: 30,
    startAt: Timestamp.fromMillis(end - 3_600_000),
    endAt: Timestamp.fromMillis(end),
    recordingId: null,
  });
  await db.doc(`events/${eventId}/private/sync`).set({
    zoom: { meetingId: String(meetingId), uuid: 'created-uuid', joinUrl: 'https://zoom.us/j/1', syncedSequence: 1 },
  });
}

describe('zoomWebhook (the emulated function)', () => {
  const { db } = adminSdk();
  const jobsNow = async () => (await db.collection(RECORDING_INGESTS).get()).docs;

  beforeAll(async () => {
    await clearEmulators();
  });

  it('answers the URL validation with the HMAC of the plain token', async () => {
    const res = await postZoomWebhook({
      event: 'endpoint.url_validation',
      payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', ZOOM_WEBHOOK_SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
  });

  it('refuses unsigned, wrongly signed and stale deliveries (401), and signed junk (400), writing nothing', async () => {
    const m = meeting();
    await zoomEvent(db, 'ev-refused', m.id);
    const body = m.body();
    const raw = JSON.stringify(body);
    const old = Math.floor(Date.now() / 1000) - 301;
    const cases: [string, Promise<Response>, number][] = [
      ['no signature', postZoomWebhook(body, { signature: null }), 401],
      ['another secret', postZoomWebhook(body, { secret: 'not-the-secret' }), 401],
      [
        'a signature of another body',
        postZoomWebhook(body, {
          signature: zoomSignature(ZOOM_WEBHOOK_SECRET, String(Math.floor(Date.now() / 1000)), `${raw} `),
        }),
        401,
      ],
      ['a stale timestamp', postZoomWebhook(body, { timestamp: old }), 401],
      [
        'an unsigned URL validation',
        postZoomWebhook({ event: 'endpoint.url_validation', payload: { plainToken: 'abc' } }, { signature: null }),
        401,
      ],
      [
        'a plain token that is a message to forge',
        postZoomWebhook({ event: 'endpoint.url_validation', payload: { plainToken: `v0:1:${raw}` } }),
        400,
      ],
      ['not JSON', postZoomWebhook('{"event":'), 400],
      [
        'files not a list',
        postZoomWebhook({ ...body, payload: { object: { ...body.payload.object, recording_files: 'x' } } }),
        400,
      ],
      [
        'a file id with a slash',
        postZoomWebhook({
          ...body,
          payload: {
            object: {
              ...body.payload.object,
              recording_files: [{ ...body.payload.object.recording_files[1], id: '../x' }],
            },
          },
        }),
        400,
      ],
      [
        'a download URL that is not http',
        postZoomWebhook({
          ...body,
          payload: {
            object: {
              ...body.payload.object,
              recording_files: [{ ...body.payload.object.recording_files[1], download_url: 'file:///etc/passwd' }],
            },
          },
        }),
        400,
      ],
    ];
    for (const [what, response, status] of cases) expect([what, (await response).status]).toEqual([what, status]);
    expect(await jobsNow()).toHaveLength(0);
  });

  it('answers 200 to unknown meetings and other events, doing nothing', async () => {
    const stranger = meeting();
    const res = await postZoomWebhook(stranger.body());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ignored: 'unknown meeting' });
    const other = await postZoomWebhook({ event: 'meeting.started', payload: { object: { id: 1 } } });
    expect(other.status).toBe(200);
    expect(await jobsNow()).toHaveLength(0);
  });

  it('records one job per kept file; a replay records nothing more; the worker stores each file whole', async () => {
    const m = meeting(3 * MB);
    await zoomEvent(db, 'ev-wire', m.id);
    const first = await postZoomWebhook(m.body());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ eventId: 'ev-wire', jobs: 3 });
    const replay = await postZoomWebhook(m.body());
    expect(await replay.json()).toEqual({ eventId: 'ev-wire', jobs: 0 });
    expect((await jobsNow()).map((d) => d.id).sort()).toEqual([...m.jobIds].sort());
    const meetingDoc = (await db.doc(`${RECORDING_MEETINGS}/${meetingKeyOf(m.uuid)}`).get()).data() as RecordingMeeting;
    expect(meetingDoc).toMatchObject({
      eventId: 'ev-wire',
      meetingId: String(m.id),
      meetingUuid: m.uuid,
      state: 'ingesting',
      durationSeconds: 3540,
    });

    // The Tasks emulator dispatches ingestRecordingFile for each job.
    const done = await eventually(
      async () => (await jobsNow()).map((d) => d.data() as RecordingIngest),
      (jobs) => jobs.every((j) => j.state === 'done'),
      60_000,
    );
    expect(done.map((j) => j.state)).toEqual(['done', 'done', 'done']);
    const media = new LocalMediaStorage(resolve('.data', 'storage'), 'http://x', 'k');
    for (const file of m.kept) {
      const job = done.find((j) => j.fileId === file.id)!;
      expect(job.path).toMatch(new RegExp(`^media/recordings/ev-wire/\\w+-${file.id}\\.\\w+$`));
      expect(await media.describe(job.path)).toEqual({ size: file.size, md5: generatedMd5(file.seed, file.size) });
      expect(job).toMatchObject({
        bytesDone: file.size,
        md5: generatedMd5(file.seed, file.size),
        lease: null,
        error: null,
      });
    }
  });
});

describe('the ingest, in-process on an isolated Firestore', () => {
  let db: Firestore;
  let storage: LocalMediaStorage;
  let enqueued: string[];
  let published: { eventId: string; files: IngestedFile[]; durationSeconds: number | null }[];
  let publishFails = 0;
  let deps: PollerDeps;

  beforeAll(async () => {
    db = await isolatedFirestore('demo-commons-ingest');
    storage = new LocalMediaStorage(mkdtempSync(join(tmpdir(), 'ingest-it-')), 'http://x', 'k');
    enqueued = [];
    published = [];
    const tasks: TaskQueue = { enqueue: async (_fn, data) => void enqueued.push(String(data.id)) };
    const publishRecording: PublishRecording = async (_deps, input) => {
      if (publishFails > 0) {
        publishFails -= 1;
        throw new Error('publishing is down');
      }
      published.push(input);
      return { materialId: `rec-${input.eventId}` };
    };
    deps = { db, now: () => new Date(), storage, tasks, zoom: zoom.api, publishRecording };
  });

  const deliver = (body: unknown) => {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    return handleZoomWebhook(deps, ZOOM_WEBHOOK_SECRET, {
      rawBody: raw,
      timestamp,
      signature: zoomSignature(ZOOM_WEBHOOK_SECRET, timestamp, raw),
    });
  };
  const job = async (id: string) =>
    (await db.doc(`${RECORDING_INGESTS}/${id}`).get()).data() as RecordingIngest<Timestamp>;
  const take = () => enqueued.splice(0);
  const fast = { retryBaseMs: 5, progressEveryMs: 0 };

  it('duplicate concurrent deliveries and workers: one job set, one object per file, one publication', async () => {
    const m = meeting(4 * MB);
    await zoomEvent(db, 'ev-dup', m.id);
    const body = m.body();
    const answers = await Promise.all([deliver(body), deliver(body), deliver(body)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + (a.body.jobs as number), 0)).toBe(3);
    const ids = take();
    expect(ids.sort()).toEqual([...m.jobIds].sort());

    // Every task delivered twice at once (Cloud Tasks is at least once).
    const outcomes = await Promise.all(
      [...ids, ...ids].map((id, i) => runIngestJob(deps, id, { ...fast, owner: `w${i}` })),
    );
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'leased' || o === 'skipped')).toHaveLength(3);
    expect(published.filter((p) => p.eventId === 'ev-dup')).toHaveLength(1);
    const [publication] = published.filter((p) => p.eventId === 'ev-dup');
    expect(publication?.files.map((f) => [f.role, f.size]).sort()).toEqual([
      ['chat', 500],
      ['transcript', 3000],
      ['video', 4 * MB],
    ]);
    expect(publication?.durationSeconds).toBe(3540);
    for (const file of m.kept) {
      const stored = await job(ingestJobId(m.uuid, file.id));
      expect(await storage.describe(stored.path)).toEqual({ size: file.size, md5: generatedMd5(file.seed, file.size) });
    }
    // A late replay does nothing, and the sweep publishes nothing twice.
    expect((await deliver(m.body())).body.jobs).toBe(0);
    await sweepIngests(deps);
    expect(published.filter((p) => p.eventId === 'ev-dup')).toHaveLength(1);
    expect((await db.doc(`${RECORDING_MEETINGS}/${meetingKeyOf(m.uuid)}`).get()).data()).toMatchObject({
      state: 'published',
      materialId: 'rec-ev-dup',
    });
  });

  it('an expired download token: a fresh one from the recordings API, kept on the job', async () => {
    const m = meeting(MB);
    await zoomEvent(db, 'ev-token', m.id);
    await deliver(m.body());
    zoom.expireTokens();
    const calls = zoom.log.recordingCalls;
    const ids = take();
    for (const id of ids) expect(await runIngestJob(deps, id, fast)).toBe('done');
    expect(zoom.log.recordingCalls).toBeGreaterThan(calls);
    const video = await job(ingestJobId(m.uuid, m.kept[0]!.id));
    expect(video).toMatchObject({ state: 'done', bytesDone: MB, md5: generatedMd5(m.kept[0]!.seed, MB) });
    expect(zoom.log.downloads.filter((d) => d.fileId === m.kept[0]!.id).map((d) => d.status)).toEqual([401, 200]);
  });

  it('a download cut mid-stream resumes with Range into the same upload: complete object, right size and digest', async () => {
    const m = meeting(6 * MB);
    await zoomEvent(db, 'ev-cut', m.id);
    await deliver(m.body());
    const videoId = ingestJobId(m.uuid, m.kept[0]!.id);
    take();
    zoom.failNextDownload(3 * MB + 11);
    expect(await runIngestJob(deps, videoId, fast)).toBe('done');
    const video = await job(videoId);
    expect(video).toMatchObject({
      state: 'done',
      bytesDone: 6 * MB,
      resumes: 1,
      attempts: 1,
      md5: generatedMd5(m.kept[0]!.seed, 6 * MB),
    });
    expect(await storage.describe(video.path)).toEqual({ size: 6 * MB, md5: video.md5 });
    const ranges = zoom.log.downloads.filter((d) => d.fileId === m.kept[0]!.id);
    expect(ranges.map((d) => d.status)).toEqual([200, 206]);
  });

  it('failures leave nothing half-written: retried with back-off, failed for good when hopeless, and retryIngest requeues', async () => {
    const m = meeting(2 * MB);
    await zoomEvent(db, 'ev-fail', m.id);
    await deliver(m.body());
    take();
    const videoId = ingestJobId(m.uuid, m.kept[0]!.id);
    // Every request cut: more breaks than a run resumes → the run gives up, the job goes back to queued.
    const cutting: typeof fetch = async (url, init) => {
      zoom.failNextDownload(50_000);
      return fetch(url, init);
    };
    expect(await runIngestJob(deps, videoId, { ...fast, maxResumes: 1, fetch: cutting })).toBe('retry');
    const queued = await job(videoId);
    expect(queued).toMatchObject({ state: 'queued', lease: null, bytesDone: 0, attempts: 1 });
    expect(queued.error).toMatch(/Download/);
    expect(await storage.describe(queued.path)).toBeNull();
    // The next attempt starts over cleanly and completes.
    expect(await runIngestJob(deps, videoId, fast)).toBe('done');
    expect(await job(videoId)).toMatchObject({ state: 'done', attempts: 2, bytesDone: 2 * MB, error: null });

    // A file Zoom no longer has (404): failed at once, no object; an admin's retry queues it again.
    const chatId = ingestJobId(m.uuid, m.kept[2]!.id);
    await db.doc(`${RECORDING_INGESTS}/${chatId}`).update({ downloadUrl: `${zoom.url}/rec/download/gone` });
    expect(await runIngestJob(deps, chatId, fast)).toBe('failed');
    const failed = await job(chatId);
    expect(failed).toMatchObject({ state: 'failed', error: 'Download answered 404', lease: null });
    expect(await storage.describe(failed.path)).toBeNull();
    expect(await runIngestJob(deps, chatId, fast)).toBe('skipped');
    await expect(retryIngest(deps, videoId)).rejects.toMatchObject({ code: 'failed-precondition' });
    await expect(retryIngest(deps, 'no-such-job')).rejects.toMatchObject({ code: 'not-found' });
    expect(await retryIngest(deps, chatId)).toBe(chatId);
    expect(take()).toEqual([chatId]);
    expect(await job(chatId)).toMatchObject({ state: 'queued', attempts: 0, error: null });
    expect(published.filter((p) => p.eventId === 'ev-fail')).toHaveLength(0);
  });

  it('a job leased by a live worker is left alone; an expired lease is taken over', async () => {
    const m = meeting(MB);
    await zoomEvent(db, 'ev-lease', m.id);
    await deliver(m.body());
    take();
    const id = ingestJobId(m.uuid, m.kept[1]!.id);
    await db
      .doc(`${RECORDING_INGESTS}/${id}`)
      .update({ state: 'running', lease: { owner: 'other', until: Timestamp.fromMillis(Date.now() + 60_000) } });
    expect(await runIngestJob(deps, id, fast)).toBe('leased');
    await db
      .doc(`${RECORDING_INGESTS}/${id}`)
      .update({ lease: { owner: 'other', until: Timestamp.fromMillis(Date.now() - 1) } });
    expect(await sweepIngests(deps)).toMatchObject({ redispatched: expect.arrayContaining([id]) });
    expect(take()).toContain(id);
    expect(await runIngestJob(deps, id, fast)).toBe('done');
  });

  it('the poller ingests a recording whose webhook never came; the late webhook then does nothing', async () => {
    const m = meeting(MB);
    await zoomEvent(db, 'ev-poll', m.id, 30);
    await zoomEvent(db, 'ev-future', 999_999, -60); // not ended yet: not polled
    const calls = zoom.log.recordingCalls;
    expect(await pollEndedMeetings(deps)).toEqual(['ev-poll']);
    expect(zoom.log.recordingCalls).toBe(calls + 1);
    const ids = take();
    expect(ids.sort()).toEqual([...m.jobIds].sort());
    expect(await pollEndedMeetings(deps)).toEqual([]); // already ingesting: not asked again
    expect(zoom.log.recordingCalls).toBe(calls + 1);
    for (const id of ids) expect(await runIngestJob(deps, id, fast)).toBe('done');
    expect(published.filter((p) => p.eventId === 'ev-poll')).toHaveLength(1);
    expect((await deliver(m.body())).body).toEqual({ eventId: 'ev-poll', jobs: 0 });
    expect(take()).toEqual([]);
    expect(published.filter((p) => p.eventId === 'ev-poll')).toHaveLength(1);
  });

  it('a failed publication is retried by the sweep, once', async () => {
    const m = meeting(MB);
    await zoomEvent(db, 'ev-pub', m.id);
    await deliver(m.body());
    publishFails = 1;
    for (const id of take()) expect(await runIngestJob(deps, id, fast)).toBe('done');
    expect(published.filter((p) => p.eventId === 'ev-pub')).toHaveLength(0);
    expect((await db.doc(`${RECORDING_MEETINGS}/${meetingKeyOf(m.uuid)}`).get()).data()).toMatchObject({
      state: 'ingesting',
    });
    const swept = await sweepIngests(deps);
    expect(swept.published).toEqual(['ev-pub']);
    await sweepIngests(deps);
    expect(published.filter((p) => p.eventId === 'ev-pub')).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import { logger } from 'firebase-functions';
import { Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import type { MediaStorage } from '../adapters/storage';
import type { ZoomApi } from '../adapters/zoom/zoom-api';
import {
  MAX_INGEST_ATTEMPTS,
  RECORDING_INGESTS,
  RECORDING_MEETINGS,
  type IngestedFile,
  type RecordingIngest,
  type RecordingMeeting,
} from '../shared/recordings';
import { copyRecordingFile, CopyError, type DownloadSource } from './copy-recording-file';
import type { PublishRecording } from './publish-port';

export interface IngestWorkerDeps {
  db: Firestore;
  now: () => Date;
  storage: MediaStorage;
  zoom: Pick<ZoomApi, 'getRecording'>;
  publishRecording: PublishRecording;
}

export interface IngestRunOptions {
  /** Who holds the lease (tests name their workers). */
  owner?: string;
  /** A lease lasts this long and is renewed with every progress write. */
  leaseMs?: number;
  progressEveryMs?: number;
  maxResumes?: number;
  retryBaseMs?: number;
  fetch?: typeof fetch;
}

/**
 * What a run did: `done` (stored and verified), `leased` (another worker holds it), `skipped` (nothing
 * to do: done, failed or gone), `failed` (for good, until an admin retries), `retry` (try again later:
 * the task function throws so the queue retries with back-off).
 */
export type IngestOutcome = 'done' | 'leased' | 'skipped' | 'failed' | 'retry';

export const LEASE_MS = 2 * 60_000;
/** A claim to publish lapses after this, so a worker dying mid-publication does not block it forever. */
const PUBLISH_CLAIM_MS = 5 * 60_000;

/** Another worker took the job over (our lease ran out). */
class LeaseLost extends Error {}

type StoredJob = RecordingIngest<Timestamp>;

/** Takes the lease in a transaction: a second worker finds it held and leaves. */
async function takeLease(
  deps: IngestWorkerDeps,
  ref: DocumentReference,
  owner: string,
  leaseMs: number,
): Promise<StoredJob | 'leased' | 'skipped'> {
  return deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return 'skipped';
    const job = snap.data() as StoredJob;
    if (job.state === 'done' || job.state === 'failed') return 'skipped';
    const now = deps.now();
    if (job.lease && job.lease.owner !== owner && job.lease.until.toMillis() > now.getTime()) return 'leased';
    const update = {
      state: 'running' as const,
      lease: { owner, until: Timestamp.fromMillis(now.getTime() + leaseMs) },
      attempts: job.attempts + 1,
      bytesDone: 0,
      updatedAt: now,
    };
    tx.update(ref, update);
    return { ...job, ...update, updatedAt: Timestamp.fromDate(now) };
  });
}

/** Updates the job while we still hold its lease; otherwise throws LeaseLost and writes nothing. */
async function whileLeased(
  deps: IngestWorkerDeps,
  ref: DocumentReference,
  owner: string,
  update: (job: StoredJob) => Record<string, unknown>,
): Promise<void> {
  await deps.db.runTransaction(async (tx) => {
    const job = (await tx.get(ref)).data() as StoredJob | undefined;
    if (job?.lease?.owner !== owner) throw new LeaseLost(`lease of ${ref.id} lost`);
    tx.update(ref, { ...update(job), updatedAt: deps.now() });
  });
}

/** A fresh download URL and token for the job's file from the recordings API. */
async function freshSource(deps: IngestWorkerDeps, job: StoredJob): Promise<DownloadSource> {
  const recording = await deps.zoom.getRecording(job.meetingUuid);
  const file = recording?.recording_files.find((f) => f.id === job.fileId);
  if (!recording || !file) throw new CopyError(`Zoom no longer has file ${job.fileId} of this recording`, false);
  return { url: file.download_url, token: recording.download_access_token ?? null };
}

/**
 * Runs one ingest job: lease, stream the file from Zoom into storage (copyRecordingFile), verify size
 * and MD5 against what storage reports, mark it done, and publish the recording when it was the last
 * file. A failure puts the job back to `queued` (or `failed` after MAX_INGEST_ATTEMPTS, or at once
 * when retrying cannot help); the next attempt starts the file over in a new upload, so no half object
 * is ever left or called done.
 */
export async function runIngestJob(
  deps: IngestWorkerDeps,
  id: string,
  opts: IngestRunOptions = {},
): Promise<IngestOutcome> {
  const owner = opts.owner ?? randomUUID();
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const ref = deps.db.collection(RECORDING_INGESTS).doc(id);
  const job = await takeLease(deps, ref, owner, leaseMs);
  if (job === 'leased' || job === 'skipped') {
    logger.info(`Ingest job ${id}: ${job}`);
    return job;
  }
  let refreshed: DownloadSource | null = null;
  try {
    const result = await copyRecordingFile({
      source: { url: job.downloadUrl, token: job.downloadToken },
      refresh: async () => (refreshed = await freshSource(deps, job)),
      expectedSize: job.expectedSize,
      open: () => deps.storage.createWriteStream(job.path, { contentType: job.contentType }),
      onProgress: (bytes, resumes) =>
        whileLeased(deps, ref, owner, () => ({
          bytesDone: bytes,
          resumes: job.resumes + resumes,
          'lease.until': Timestamp.fromMillis(deps.now().getTime() + leaseMs),
        })),
      progressEveryMs: opts.progressEveryMs,
      maxResumes: opts.maxResumes,
      retryBaseMs: opts.retryBaseMs,
      fetch: opts.fetch,
    });
    const stored = await deps.storage.describe(job.path);
    if (!stored || stored.size !== result.size || stored.md5 !== result.md5 || result.size !== job.expectedSize) {
      await deps.storage.delete(job.path);
      throw new CopyError(
        `Stored object does not match the download (${stored?.size ?? 'none'} bytes, md5 ${stored?.md5 ?? '-'}; ` +
          `expected ${job.expectedSize} bytes, md5 ${result.md5})`,
        true,
      );
    }
    const source = refreshed as DownloadSource | null;
    await whileLeased(deps, ref, owner, () => ({
      state: 'done',
      bytesDone: result.size,
      md5: result.md5,
      resumes: job.resumes + result.resumes,
      lease: null,
      error: null,
      doneAt: deps.now(),
      ...(source ? { downloadUrl: source.url, downloadToken: source.token } : {}),
    }));
    logger.info(`Ingest job ${id} done: ${result.size} bytes, ${result.resumes} resumes`);
  } catch (err) {
    if (err instanceof LeaseLost) {
      logger.warn(`Ingest job ${id}: lease lost to another worker; leaving it`);
      return 'leased';
    }
    const permanent = err instanceof CopyError && !err.retryable;
    const giveUp = permanent || job.attempts >= MAX_INGEST_ATTEMPTS;
    const message = (err as Error).message.slice(0, 500);
    logger.warn(`Ingest job ${id} attempt ${job.attempts} failed${giveUp ? ' for good' : ''}: ${message}`);
    try {
      await whileLeased(deps, ref, owner, () => ({
        state: giveUp ? 'failed' : 'queued',
        lease: null,
        bytesDone: 0,
        error: message,
      }));
    } catch (inner) {
      if (!(inner instanceof LeaseLost)) throw inner;
      return 'leased';
    }
    return giveUp ? 'failed' : 'retry';
  }
  await publishIfComplete(deps, job.meetingKey);
  return 'done';
}

/**
 * Publishes the meeting's recording when every one of its jobs is done, once: the claim
 * (`ingesting` → `publishing`) is a transaction on the meeting document, so two last files finishing
 * together publish once. A failed publication goes back to `ingesting`, for the sweep to try again.
 * Returns the material id when this call published.
 */
export async function publishIfComplete(deps: IngestWorkerDeps, meetingKey: string): Promise<string | null> {
  const meetingRef = deps.db.collection(RECORDING_MEETINGS).doc(meetingKey);
  const claim = await deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(meetingRef);
    if (!snap.exists) return null;
    const meeting = snap.data() as RecordingMeeting<Timestamp>;
    const now = deps.now();
    if (meeting.state === 'published') return null;
    if (meeting.state === 'publishing' && (meeting.publishUntil?.toMillis() ?? 0) > now.getTime()) return null;
    const jobs = await tx.getAll(...meeting.jobs.map((j) => deps.db.collection(RECORDING_INGESTS).doc(j)));
    const stored = jobs.map((j) => j.data() as StoredJob | undefined);
    if (stored.some((j) => j?.state !== 'done')) return null;
    tx.update(meetingRef, {
      state: 'publishing',
      publishUntil: Timestamp.fromMillis(now.getTime() + PUBLISH_CLAIM_MS),
    });
    const files: IngestedFile[] = stored.map((j) => ({
      role: j!.role,
      name: j!.name,
      path: j!.path,
      size: j!.bytesDone,
      contentType: j!.contentType,
    }));
    return { meeting, files };
  });
  if (!claim) return null;
  const { meeting, files } = claim;
  try {
    const { materialId } = await deps.publishRecording(
      { db: deps.db, now: deps.now, storage: deps.storage },
      { eventId: meeting.eventId, meetingUuid: meeting.meetingUuid, files, durationSeconds: meeting.durationSeconds },
    );
    await meetingRef.update({ state: 'published', materialId, publishUntil: null, publishedAt: deps.now() });
    logger.info(`Recording of event ${meeting.eventId} published as material ${materialId}`);
    return materialId;
  } catch (err) {
    logger.error(`Publishing the recording of event ${meeting.eventId} failed; the sweep will retry`, err);
    await meetingRef.update({ state: 'ingesting', publishUntil: null });
    return null;
  }
}

import { logger } from 'firebase-functions';
import { FieldValue, type Firestore, type Timestamp } from 'firebase-admin/firestore';
import type { TaskQueue } from '../app/task-queue';
import { chooseRecordingFiles, ingestJobId, meetingKeyOf, recordingSeconds } from '../domain/zoom-recording';
import { Refusal } from '../domain/refusal';
import { EVENT_PRIVATE, EVENT_SYNC } from '../shared/events';
import {
  RECORDING_INGESTS,
  RECORDING_MEETINGS,
  type RecordingIngest,
  type RecordingMeeting,
} from '../shared/recordings';

/** The task-queue function that copies one file (ingest-functions.ts). */
export const INGEST_FUNCTION = 'ingestRecordingFile';

export interface JobStoreDeps {
  db: Firestore;
  now: () => Date;
  tasks: TaskQueue;
}

/** The recording as both the webhook and the recordings API describe it (Zoom's field names). */
export interface RecordingFacts {
  uuid: string;
  id: number | string;
  duration?: number;
  recording_files: {
    id: string;
    file_type: string;
    recording_type?: string;
    file_size: number;
    download_url: string;
    status?: string;
    recording_start?: string;
    recording_end?: string;
  }[];
}

/**
 * The event whose Zoom meeting this is: a collection-group query on `events/{id}/private/sync` by
 * `zoom.meetingId` (written by the Zoom sync; single-field collection-group index in
 * firestore.indexes.json). Several events on one meeting id (never made by us): the first, with a warning.
 */
export async function findEventOfMeeting(db: Firestore, meetingId: string): Promise<string | null> {
  const found = await db.collectionGroup(EVENT_PRIVATE).where('zoom.meetingId', '==', meetingId).limit(2).get();
  const syncs = found.docs.filter((d) => d.id === EVENT_SYNC && d.ref.parent.parent);
  if (syncs.length > 1) logger.warn(`Zoom meeting ${meetingId} belongs to several events; taking the first`);
  return syncs[0]?.ref.parent.parent?.id ?? null;
}

/**
 * Records the ingest jobs of a recording (one per chosen file) and its meeting document, in one
 * transaction: ids derive from the meeting UUID and file id, so a replay, a concurrent delivery or the
 * poller after the webhook creates nothing new. Returns the ids it created; only those are dispatched.
 * A file arriving after publication (the transcript, often) reopens the meeting, to publish again.
 */
export async function recordIngestJobs(
  deps: JobStoreDeps,
  input: { eventId: string; recording: RecordingFacts; downloadToken: string | null },
): Promise<string[]> {
  const { eventId, recording, downloadToken } = input;
  const chosen = chooseRecordingFiles(recording.recording_files);
  if (chosen.length === 0) {
    logger.info(`Zoom recording ${recording.uuid} has no file we keep`);
    return [];
  }
  const meetingKey = meetingKeyOf(recording.uuid);
  const meetingRef = deps.db.collection(RECORDING_MEETINGS).doc(meetingKey);
  const jobs = chosen.map((c) => ({ ...c, id: ingestJobId(recording.uuid, c.file.id) }));
  const refs = jobs.map((j) => deps.db.collection(RECORDING_INGESTS).doc(j.id));
  const at = deps.now();
  const created = await deps.db.runTransaction(async (tx) => {
    const [meeting, ...existing] = await tx.getAll(meetingRef, ...refs);
    const fresh = jobs.filter((_, i) => !existing[i]?.exists);
    if (fresh.length === 0) return [];
    for (const job of fresh) {
      const doc: RecordingIngest<Date> = {
        eventId,
        meetingId: String(recording.id),
        meetingUuid: recording.uuid,
        meetingKey,
        fileId: job.file.id,
        role: job.role,
        name: job.name,
        contentType: job.contentType,
        path: `media/recordings/${eventId}/${job.name}`,
        expectedSize: job.file.file_size,
        downloadUrl: job.file.download_url,
        downloadToken,
        state: 'queued',
        bytesDone: 0,
        attempts: 0,
        lease: null,
        error: null,
        resumes: 0,
        md5: null,
        createdAt: at,
        updatedAt: at,
        doneAt: null,
      };
      tx.create(deps.db.collection(RECORDING_INGESTS).doc(job.id), doc);
    }
    const video = chosen.find((c) => c.role === 'video')?.file;
    if (meeting?.exists) {
      tx.update(meetingRef, {
        jobs: FieldValue.arrayUnion(...fresh.map((j) => j.id)),
        ...((meeting.data() as RecordingMeeting).state === 'published' ? { state: 'ingesting' } : {}),
      });
    } else {
      const doc: RecordingMeeting<Date> = {
        eventId,
        meetingId: String(recording.id),
        meetingUuid: recording.uuid,
        jobs: jobs.map((j) => j.id),
        durationSeconds: recordingSeconds(video, recording.duration),
        state: 'ingesting',
        publishUntil: null,
        materialId: null,
        createdAt: at,
        publishedAt: null,
      };
      tx.create(meetingRef, doc);
    }
    return fresh.map((j) => j.id);
  });
  return created;
}

/**
 * Hands jobs to the worker queue. A failed hand-over is logged, not thrown: the job is recorded, and the
 * sweep (ingestRecordingsEveryMinute) dispatches queued jobs nobody picked up.
 */
export async function dispatchIngests(deps: { tasks: TaskQueue }, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    try {
      await deps.tasks.enqueue(INGEST_FUNCTION, { id });
    } catch (err) {
      logger.warn(`Ingest job ${id} not dispatched now; the sweep will`, err);
    }
  }
}

/** Admin's retry: a failed job back to `queued` from scratch, then dispatched. */
export async function retryIngest(deps: JobStoreDeps, id: string): Promise<string> {
  const ref = deps.db.collection(RECORDING_INGESTS).doc(id);
  await deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw new Refusal('not-found', 'No such ingest job');
    const job = snap.data() as RecordingIngest<Timestamp>;
    if (job.state !== 'failed')
      throw new Refusal('failed-precondition', `Only a failed job can be retried (this one is ${job.state})`);
    tx.update(ref, {
      state: 'queued',
      attempts: 0,
      bytesDone: 0,
      error: null,
      lease: null,
      updatedAt: deps.now(),
    });
  });
  await dispatchIngests(deps, [id]);
  return id;
}

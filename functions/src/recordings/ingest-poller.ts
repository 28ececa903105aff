import { logger } from 'firebase-functions';
import { Timestamp } from 'firebase-admin/firestore';
import type { ZoomApi } from '../adapters/zoom/zoom-api';
import { chooseRecordingFiles } from '../domain/zoom-recording';
import { EVENT_PRIVATE, EVENT_SYNC, EVENTS, type EventSync, type EventTeaser } from '../shared/events';
import {
  RECORDING_INGESTS,
  RECORDING_MEETINGS,
  type RecordingIngest,
  type RecordingMeeting,
} from '../shared/recordings';
import { dispatchIngests, recordIngestJobs, type JobStoreDeps } from './ingest-jobs';
import { publishIfComplete, type IngestWorkerDeps } from './ingest-worker';

/** Ended meetings are polled for this long; Zoom usually has the recording within minutes to hours. */
export const POLL_DAYS = 3;
/** A queued job nobody touched for this long was never dispatched (or its task was lost): dispatch again. */
const REDISPATCH_AFTER_MS = 3 * 60_000;
const PAGE = 200;

export type PollerDeps = JobStoreDeps & IngestWorkerDeps & { zoom: Pick<ZoomApi, 'getRecording'> };

/**
 * The webhook may never come (Zoom delivered 1 in 40 in a comparable community): every minute, for each
 * Zoom event that ended in the last POLL_DAYS with no recording and no ingest yet, ask the recordings API
 * and record the same jobs the webhook would (same ids, so a late webhook does nothing). A recording
 * whose files are still processing is left for a later run. Returns the events that got jobs.
 */
export async function pollEndedMeetings(deps: PollerDeps): Promise<string[]> {
  const now = deps.now();
  const ended = await deps.db
    .collection(EVENTS)
    .where('endAt', '>=', Timestamp.fromMillis(now.getTime() - POLL_DAYS * 86_400_000))
    .where('endAt', '<=', Timestamp.fromDate(now))
    .limit(PAGE)
    .get();
  const polled: string[] = [];
  for (const doc of ended.docs) {
    const event = doc.data() as EventTeaser;
    if (event.kind !== 'zoom' || event.status !== 'published' || event.recordingId) continue;
    try {
      const known = await deps.db.collection(RECORDING_MEETINGS).where('eventId', '==', doc.id).limit(1).get();
      if (!known.empty) continue;
      const sync = (await doc.ref.collection(EVENT_PRIVATE).doc(EVENT_SYNC).get()).data() as EventSync | undefined;
      const meetingId = sync?.zoom?.meetingId;
      if (!meetingId) continue;
      const recording = await deps.zoom.getRecording(meetingId);
      if (!recording) continue;
      const chosen = chooseRecordingFiles(recording.recording_files);
      if (chosen.length === 0 || chosen.some((c) => c.file.status && c.file.status !== 'completed')) continue;
      const created = await recordIngestJobs(deps, {
        eventId: doc.id,
        recording,
        downloadToken: recording.download_access_token ?? null,
      });
      await dispatchIngests(deps, created);
      if (created.length) {
        logger.info(`Poller: recording of event ${doc.id} found, ${created.length} ingest jobs recorded`);
        polled.push(doc.id);
      }
    } catch (err) {
      logger.warn(`Poller: event ${doc.id} not polled this time`, err);
    }
  }
  return polled;
}

/**
 * Keeps jobs moving when a task was lost: queued jobs untouched for a while and running jobs whose lease
 * ran out are dispatched again (the lease makes a duplicate task harmless), and meetings whose files are
 * all done but that are not published (a publication that failed) are published.
 */
export async function sweepIngests(deps: PollerDeps): Promise<{ redispatched: string[]; published: string[] }> {
  const now = deps.now().getTime();
  const stale: string[] = [];
  for (const state of ['queued', 'running'] as const) {
    const jobs = await deps.db.collection(RECORDING_INGESTS).where('state', '==', state).limit(PAGE).get();
    for (const doc of jobs.docs) {
      const job = doc.data() as RecordingIngest<Timestamp>;
      const idle =
        state === 'queued'
          ? job.updatedAt.toMillis() < now - REDISPATCH_AFTER_MS
          : (job.lease?.until.toMillis() ?? 0) < now;
      if (idle) stale.push(doc.id);
    }
  }
  for (const id of stale) await deps.db.collection(RECORDING_INGESTS).doc(id).update({ updatedAt: deps.now() });
  await dispatchIngests(deps, stale);
  const published: string[] = [];
  const open = await deps.db
    .collection(RECORDING_MEETINGS)
    .where('state', 'in', ['ingesting', 'publishing'])
    .limit(PAGE)
    .get();
  for (const doc of open.docs) {
    const meeting = doc.data() as RecordingMeeting<Timestamp>;
    try {
      const materialId = await publishIfComplete(deps, doc.id);
      if (materialId) published.push(meeting.eventId);
    } catch (err) {
      logger.warn(`Sweep: meeting ${doc.id} not published this time`, err);
    }
  }
  return { redispatched: stale, published };
}

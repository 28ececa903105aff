import { randomUUID } from 'node:crypto';
import { logger } from 'firebase-functions';
import { FieldValue, type Firestore, type Timestamp, type Transaction } from 'firebase-admin/firestore';
import type { ZoomApi } from '../adapters/zoom/zoom-api';
import { Refusal } from '../domain/refusal';
import {
  zoomAction,
  zoomClaimedByOther,
  zoomMeetingInput,
  ZOOM_CLAIM_MS,
  type ZoomAction,
  type ZoomClaim,
  type ZoomSync,
} from '../domain/zoom-sync';
import {
  EVENT_GATED,
  EVENT_JOIN,
  EVENT_PRIVATE,
  EVENT_SYNC,
  EVENTS,
  type EventSync,
  type EventTeaser,
} from '../shared/events';

/**
 * An event's Zoom meeting, kept in step with the event: created when a Zoom event is published (or the
 * admin asks), updated when it changes, deleted when it is cancelled. One caller at a time holds the
 * event's Zoom claim (`private/sync.zoomClaim`, a lease), so a double click, a retried trigger or two
 * changes at once never make two meetings or apply an older change after a newer one; the holder
 * re-reads the event after each step and releases the claim only when nothing is left to do.
 */

export interface ZoomMeetingDeps {
  db: Firestore;
  zoom: ZoomApi | null;
  now: () => Date;
}

type SyncDoc = EventSync & { zoomClaim?: ZoomClaim };
type Teaser = EventTeaser<Timestamp>;

export type ZoomSyncResult =
  | { outcome: 'done'; meeting: { meetingId: string; joinUrl: string } | null }
  | { outcome: 'busy' }
  | { outcome: 'failed'; error: string };

const paths = (db: Firestore, id: string) => ({
  teaser: db.doc(`${EVENTS}/${id}`),
  sync: db.doc(`${EVENTS}/${id}/${EVENT_PRIVATE}/${EVENT_SYNC}`),
  join: db.doc(`${EVENTS}/${id}/${EVENT_GATED}/${EVENT_JOIN}`),
});

const meetingOf = (zoom: ZoomSync) =>
  zoom?.meetingId ? { meetingId: zoom.meetingId, joinUrl: zoom.joinUrl ?? '' } : null;

interface Step {
  action: ZoomAction;
  teaser: Teaser;
  zoom: ZoomSync;
}

/** Decides the next step and takes (or keeps) the claim for it; releases the claim when there is none. */
async function nextStep(
  deps: ZoomMeetingDeps,
  id: string,
  owner: string,
  forCreate: boolean,
): Promise<Step | 'gone' | 'busy' | { done: ZoomSync }> {
  const p = paths(deps.db, id);
  return deps.db.runTransaction(async (tx) => {
    const [teaserSnap, syncSnap] = await Promise.all([tx.get(p.teaser), tx.get(p.sync)]);
    if (!teaserSnap.exists) return 'gone';
    const teaser = teaserSnap.data() as Teaser;
    const sync = (syncSnap.data() ?? {}) as SyncDoc;
    const action = zoomAction(teaser, sync.zoom, forCreate);
    const now = deps.now().getTime();
    if (zoomClaimedByOther(sync.zoomClaim, owner, now)) return 'busy';
    if (action === 'none') {
      if (sync.zoomClaim) tx.set(p.sync, { zoomClaim: FieldValue.delete() }, { merge: true });
      return { done: sync.zoom };
    }
    tx.set(p.sync, { zoomClaim: { owner, until: now + ZOOM_CLAIM_MS } }, { merge: true });
    return { action, teaser, zoom: sync.zoom };
  });
}

/** Runs `write` only while `owner` still holds the claim (a lease that ran out may have passed to another). */
async function whileClaimed(
  deps: ZoomMeetingDeps,
  id: string,
  owner: string,
  write: (tx: Transaction, sync: SyncDoc) => Promise<void> | void,
): Promise<boolean> {
  const p = paths(deps.db, id);
  return deps.db.runTransaction(async (tx) => {
    const sync = ((await tx.get(p.sync)).data() ?? {}) as SyncDoc;
    if (sync.zoomClaim?.owner !== owner) return false;
    await write(tx, sync);
    return true;
  });
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/** One step on Zoom, then its result recorded; a failure is recorded as `sync.zoom.error`, the claim released. */
async function perform(deps: ZoomMeetingDeps, zoom: ZoomApi, id: string, owner: string, step: Step) {
  const p = paths(deps.db, id);
  const t = step.teaser;
  const input = zoomMeetingInput({
    title: t.title,
    summary: t.summary,
    startAt: t.startAt.toDate(),
    endAt: t.endAt.toDate(),
    timeZone: t.timeZone,
  });
  try {
    if (step.action === 'create') {
      const created = await zoom.createMeeting(input);
      // The meeting, its sync record and the join details are written together, while the claim is ours.
      const kept = await whileClaimed(deps, id, owner, async (tx, sync) => {
        if (sync.zoom?.meetingId) throw new Error('a meeting appeared meanwhile');
        const join = await tx.get(p.join);
        const zoomSync = {
          meetingId: created.id,
          uuid: created.uuid,
          joinUrl: created.joinUrl,
          syncedSequence: t.sequence,
          error: null,
        };
        tx.set(p.sync, { zoom: zoomSync }, { merge: true });
        if (join.exists) tx.update(p.join, { url: created.joinUrl, passcode: created.passcode });
        else logger.warn('Zoom meeting created for an event without join details', { id });
      }).catch(() => false);
      if (!kept) {
        // Another caller's meeting is the event's: ours must not linger in the host's account.
        logger.warn('Zoom meeting created after losing the claim; deleting it', { id, meetingId: created.id });
        await zoom.deleteMeeting(created.id).catch((err: unknown) => logger.error('Zoom cleanup failed', err));
      } else logger.info('Zoom meeting created', { id, meetingId: created.id });
      return;
    }
    const meetingId = step.zoom?.meetingId ?? '';
    if (step.action === 'update') {
      await zoom.updateMeeting(meetingId, input);
      await whileClaimed(deps, id, owner, (tx) => {
        tx.set(p.sync, { zoom: { syncedSequence: t.sequence, error: null } }, { merge: true });
      });
    } else {
      await zoom.deleteMeeting(meetingId);
      await whileClaimed(deps, id, owner, async (tx) => {
        const join = await tx.get(p.join);
        tx.set(p.sync, { zoom: FieldValue.delete() }, { merge: true });
        if (join.exists) tx.update(p.join, { url: null, passcode: null });
      });
    }
    logger.info(`Zoom meeting ${step.action}d`, { id, meetingId, sequence: t.sequence });
  } catch (err) {
    logger.error(`Zoom ${step.action} failed`, { id, error: message(err) });
    await whileClaimed(deps, id, owner, (tx) => {
      tx.set(p.sync, { zoom: { error: message(err) }, zoomClaim: FieldValue.delete() }, { merge: true });
    });
    throw err;
  }
}

/**
 * Brings the event's meeting in step with the event as it is now. `forCreate`: the admin asked, so a
 * draft gets one too. Zoom's failures are recorded and returned, not thrown.
 */
export async function syncZoomMeeting(deps: ZoomMeetingDeps, id: string, forCreate = false): Promise<ZoomSyncResult> {
  const owner = randomUUID();
  for (let round = 0; round < 10; round++) {
    const step = await nextStep(deps, id, owner, forCreate);
    if (step === 'gone') return { outcome: 'done', meeting: null };
    if (step === 'busy') return { outcome: 'busy' };
    if ('done' in step) return { outcome: 'done', meeting: meetingOf(step.done) };
    if (!deps.zoom) {
      const error = 'Zoom is not configured (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET)';
      await whileClaimed(deps, id, owner, (tx) => {
        tx.set(paths(deps.db, id).sync, { zoom: { error }, zoomClaim: FieldValue.delete() }, { merge: true });
      });
      return { outcome: 'failed', error };
    }
    try {
      await perform(deps, deps.zoom, id, owner, step);
    } catch (err) {
      return { outcome: 'failed', error: message(err) };
    }
  }
  return { outcome: 'failed', error: 'The event kept changing; the next change will catch up' };
}

/** The trigger's part: any change of an event brings its meeting in step; nothing is thrown. */
export async function syncZoomOnChange(deps: ZoomMeetingDeps, id: string): Promise<void> {
  try {
    const result = await syncZoomMeeting(deps, id);
    if (result.outcome === 'busy') logger.info('Zoom sync already running for this event', { id });
  } catch (err) {
    logger.error('Zoom sync crashed', { id, error: message(err) });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** "Create Zoom meeting": the event's meeting, made now if it has none (also for a draft). */
export async function createZoomMeetingFor(
  deps: ZoomMeetingDeps,
  id: string,
): Promise<{ meetingId: string; joinUrl: string }> {
  const teaser = (await paths(deps.db, id).teaser.get()).data() as Teaser | undefined;
  if (!teaser) throw new Refusal('not-found', 'No such event');
  if (teaser.kind !== 'zoom') throw new Refusal('failed-precondition', 'This event does not take place on Zoom');
  if (teaser.status === 'cancelled') throw new Refusal('failed-precondition', 'This event is cancelled');
  if (!deps.zoom) throw new Refusal('failed-precondition', 'Zoom is not configured');
  // A second click while the first is creating waits for the first one's meeting.
  for (let wait = 0; wait < 40; wait++) {
    const result = await syncZoomMeeting(deps, id, true);
    if (result.outcome === 'failed') throw new Refusal('unavailable', `Zoom: ${result.error}`);
    if (result.outcome === 'done' && result.meeting) return result.meeting;
    if (result.outcome === 'done') throw new Refusal('failed-precondition', 'The event has no Zoom meeting');
    await sleep(500);
  }
  throw new Refusal('unavailable', 'The meeting is still being created; try again in a moment');
}

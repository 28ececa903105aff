import type { Auth } from 'firebase-admin/auth';
import { Timestamp } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { EVENT_PRIVATE, EVENT_SYNC, EVENTS, type EventSync } from '../shared/events';
import { importLumaGuests } from './luma-guests';
import { syncEventMirrors, type MirrorDeps } from './mirrors';
import { syncZoomMeeting, type ZoomMeetingDeps } from './zoom-meetings';

/** At most this many upcoming events per run (the job runs every few minutes). */
const MAX_EVENTS = 200;

/**
 * The one healing job of everything outside that follows an event: every event that has not ended yet gets
 * its Zoom meeting and its mirrors (Google Calendar, Luma) brought in step, by the same functions the change
 * triggers call (so a failed or missed sync is retried), then the Luma guests of those on Luma are imported.
 */
export async function reconcileUpcomingEvents(
  deps: MirrorDeps & ZoomMeetingDeps & { auth: Auth },
): Promise<{ events: number; imported: number }> {
  if (!deps.zoom && !deps.calendarMirror && !deps.luma) return { events: 0, imported: 0 };
  const now = deps.now();
  const upcoming = await deps.db
    .collection(EVENTS)
    .where('endAt', '>', Timestamp.fromDate(now))
    .orderBy('endAt')
    .limit(MAX_EVENTS)
    .get();
  let imported = 0;
  for (const doc of upcoming.docs) {
    try {
      // Without Zoom configured the trigger has recorded that already; the job does not write it again.
      if (deps.zoom) {
        const zoom = await syncZoomMeeting(deps, doc.id);
        if (zoom.outcome === 'failed')
          logger.warn(`Zoom meeting of event ${doc.id} still failing`, { error: zoom.error });
      }
      await syncEventMirrors(deps, doc.id);
      if (!deps.luma || doc.get('status') !== 'published') continue;
      const sync = (await doc.ref.collection(EVENT_PRIVATE).doc(EVENT_SYNC).get()).data() as EventSync | undefined;
      if (sync?.luma?.eventId) {
        // Named, not spread: spreading AppDeps would build every dependency (storage, Stripe, …).
        const importDeps = { db: deps.db, auth: deps.auth, now: deps.now, luma: deps.luma };
        imported += await importLumaGuests(importDeps, doc.id, sync.luma.eventId);
      }
    } catch (err) {
      logger.warn(`reconciliation of event ${doc.id} failed`, { error: String(err) });
    }
  }
  return { events: upcoming.size, imported };
}

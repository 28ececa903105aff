import { logger } from 'firebase-functions';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { deps } from '../app/deps';
import { MIRROR_SECRETS } from '../app/params';
import { EVENT_CHANGES, EVENTS } from '../shared/events';
import { syncEventMirrors } from './mirrors';

/**
 * Each change of an event (published, rescheduled, updated, cancelled) brings Google Calendar and Luma in
 * step. Never throws: failures are recorded in `private/sync` and the reconciliation job retries them.
 */
export const mirrorEventChange = onDocumentCreated(
  { document: `${EVENTS}/{eventId}/${EVENT_CHANGES}/{sequence}`, secrets: MIRROR_SECRETS },
  async (event) => {
    const eventId = event.params.eventId;
    try {
      await syncEventMirrors(deps(), eventId);
    } catch (err) {
      logger.error(`mirrors of event ${eventId} not synced`, { eventId, error: String(err) });
    }
  },
);

import { logger } from 'firebase-functions';
import { onDocumentCreated, onDocumentWritten } from 'firebase-functions/v2/firestore';
import type { Timestamp } from 'firebase-admin/firestore';
import { deps } from '../app/deps';
import { EVENT_CHANGES, EVENTS, REGISTRATIONS, type Registration } from '../shared/events';
import { mailEventChange, mailRegistrationChange } from './event-mail';

type StoredRegistration = Registration<Timestamp>;

/** Confirmation, waitlist notice or "you're in" when a registration is created or promoted. */
export const mailOnRegistration = onDocumentWritten(
  { document: `${EVENTS}/{eventId}/${REGISTRATIONS}/{uid}`, retry: true },
  async (event) => {
    const { eventId, uid } = event.params;
    const key = await mailRegistrationChange(
      deps(),
      eventId,
      uid,
      event.data?.before.data() as StoredRegistration | undefined,
      event.data?.after.data() as StoredRegistration | undefined,
    );
    if (key) logger.info(`event mail queued: ${key}`);
  },
);

/** The update or cancellation mail to registrants when a change attendees must learn about is recorded. */
export const mailOnEventChange = onDocumentCreated(
  { document: `${EVENTS}/{eventId}/${EVENT_CHANGES}/{sequence}`, retry: true },
  async (event) => {
    const { eventId, sequence } = event.params;
    const queued = await mailEventChange(deps(), eventId, sequence);
    if (queued) logger.info(`event change ${eventId}/${sequence}: ${queued} mails queued`);
  },
);

import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { CHAT_SECRETS } from '../app/params';
import { announceRequestSchema, retryAnnouncementRequestSchema } from '../shared/announcement-schema';
import { ANNOUNCEMENTS } from '../shared/announcements';
import { announceEvent, announceMaterial, deliverAnnouncement, retryAnnouncement } from './announcement-store';

/** Admin ticks "announce" when publishing: queue the material's or event's teaser for Slack and Telegram. */
export const announce = callable(
  'announce',
  { schema: announceRequestSchema, caller: 'admin', secrets: CHAT_SECRETS },
  async ({ materialId, eventId }, { caller }) => ({
    id: eventId
      ? await announceEvent(deps(), eventId, caller.email ?? 'admin')
      : await announceMaterial(deps(), materialId!, caller.email ?? 'admin'),
  }),
);

export const retryAnnouncementNow = callable(
  'retryAnnouncement',
  { schema: retryAnnouncementRequestSchema, caller: 'admin', secrets: CHAT_SECRETS },
  async ({ id }) => ({ id, channels: await retryAnnouncement(deps(), id) }),
);

/** Posts each new announcement; a retryable failure rethrows, so the event is delivered again. */
export const postAnnouncement = onDocumentCreated(
  { document: `${ANNOUNCEMENTS}/{id}`, retry: true, secrets: CHAT_SECRETS },
  async (event) => {
    await deliverAnnouncement(deps(), event.params.id);
  },
);

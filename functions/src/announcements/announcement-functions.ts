import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { onCall } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { asHttpsError, parseOrThrow, requireAdmin } from '../app/errors';
import { db } from '../app/firebase';
import { appUrl } from '../mail/mail-config';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import {
  ANNOUNCEMENTS,
  announceMaterial,
  deliverAnnouncement,
  retryAnnouncement,
  retryPendingAnnouncements,
  type AnnounceDeps,
} from './announcement-store';
import { announcementChannels, CHAT_SECRETS } from './chat-config';

const deps = (): AnnounceDeps => ({
  db: db(),
  channels: announcementChannels(),
  now: () => new Date(),
  appUrl: appUrl(),
});

/** Admin ticks "announce" when publishing: queue the teaser for Slack and Telegram. */
export const announce = onCall({ secrets: CHAT_SECRETS }, async (request) => {
  requireAdmin(request.auth);
  const { materialId } = parseOrThrow(z.object({ materialId: z.string().min(1).max(120) }).strict(), request.data);
  return asHttpsError(async () => ({
    id: await announceMaterial(deps(), materialId, String(request.auth?.token.email ?? 'admin')),
  }));
});

export const retryAnnouncementNow = onCall({ secrets: CHAT_SECRETS }, async (request) => {
  requireAdmin(request.auth);
  const { id } = parseOrThrow(z.object({ id: z.string().min(1).max(160) }).strict(), request.data);
  return asHttpsError(async () => ({ id, channels: await retryAnnouncement(deps(), id) }));
});

/** Posts each new announcement; a retryable failure rethrows, so the event is delivered again. */
export const postAnnouncement = onDocumentCreated(
  { document: `${ANNOUNCEMENTS}/{id}`, retry: true, secrets: CHAT_SECRETS },
  async (event) => {
    await deliverAnnouncement(deps(), event.params.id);
  },
);

export const retryAnnouncementsEveryMinute = onSchedule(
  { schedule: 'every 1 minutes', secrets: CHAT_SECRETS },
  async () => {
    await retryPendingAnnouncements(deps());
  },
);

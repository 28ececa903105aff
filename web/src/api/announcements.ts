// Announcements of materials and events to Slack and Telegram: admins follow `announcements` live (delivery state
// per channel); announcing and retrying go through callables (functions own delivery and retries).
import { ANNOUNCEMENTS } from '@shared/announcements';
import { announcementView } from '@/lib/announcements';
import { callFunction } from '@/lib/firebase';
import { liveQuery } from '@/composables/live-sources';

/** The latest announcements, newest first, live. */
export const liveAnnouncements = (max = 50) =>
  liveQuery(
    ({ collection, limit, orderBy, query }, db) =>
      query(collection(db, ANNOUNCEMENTS), orderBy('createdAt', 'desc'), limit(max)),
    announcementView,
  );

/** Queues the teaser of a published material for every configured channel. */
export const announce = (materialId: string) => callFunction('announce', { materialId });

/** Queues a published, upcoming event (teaser, time, page link) for every configured channel. */
export const announceEvent = (eventId: string) => callFunction('announce', { eventId });

/** Puts the failed channels back in the queue and tries them at once (the live list follows the outcome). */
export const retryAnnouncement = (id: string) => callFunction('retryAnnouncement', { id });

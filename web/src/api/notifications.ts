// Notifications: the member's tier feed and personal news as live sources, "Mark all read" and the
// preferences, written to the member's own document under the rules (functions/src/shared/notifications.ts).
import { MEMBERS } from '@shared/members';
import {
  MEMBER_NOTIFICATIONS,
  mailWanted,
  NOTIFICATION_FEEDS,
  PERSONAL_LIST_SIZE,
  type NotificationPrefs,
} from '@shared/notifications';
import { fullFirestore, liveDoc, liveQuery } from '@/composables/live-sources';

type Raw = Record<string, unknown>;

/** `notificationFeeds/{tier}`, live: one document gives the list and the unread count. */
export const feedSource = (tier: string) =>
  liveDoc(
    (sdk, db) => sdk.doc(db, NOTIFICATION_FEEDS, tier),
    (_id, data) => data as Raw,
  );

/** The member's newest personal news, live (read only while the list is open). */
export const personalSource = (uid: string) =>
  liveQuery(
    (sdk, db) =>
      sdk.query(
        sdk.collection(db, MEMBERS, uid, MEMBER_NOTIFICATIONS),
        sdk.orderBy('createdAt', 'desc'),
        sdk.limit(PERSONAL_LIST_SIZE),
      ),
    (id, data) => ({ id, ...data }) as { id: string } & Raw,
  );

/** Everything up to now is read: the watermark at the server's time, the personal count back to 0. */
export async function markAllRead(uid: string): Promise<void> {
  const [{ doc, updateDoc, serverTimestamp }, db] = await fullFirestore();
  await updateDoc(doc(db, MEMBERS, uid), { notificationsReadAt: serverTimestamp(), personalUnread: 0 });
}

/**
 * The channels per kind; `emailPrefs.events` follows the event channel, so the event mails (which read
 * either) never disagree with what the member chose here.
 */
export async function saveNotificationPrefs(uid: string, prefs: NotificationPrefs): Promise<void> {
  const [{ doc, updateDoc }, db] = await fullFirestore();
  await updateDoc(doc(db, MEMBERS, uid), { notificationPrefs: prefs, 'emailPrefs.events': mailWanted(prefs, 'event') });
}

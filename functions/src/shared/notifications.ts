// Notifications: the contract web and functions share (see docs/architecture.md, "Notifications").
//
// Glossary: a *broadcast* tells everyone who may access something new (a material, event, recording,
// course unit, poll) about it. It costs a constant number of writes whatever the audience: one entry
// is pushed into the *feed* of every tier whose rank reaches the item's (`notificationFeeds/{tierId}`,
// a bounded list of the newest entries), and a member reads only the feed of their own tier: one read
// gives the bell its list and unread count (entries newer than `members/{uid}.notificationsReadAt`).
// *Personal* news (billing, homework) is one document per member and event
// (`members/{uid}/notifications/{id}`). *Preferences* per kind say where news goes: in the app, by
// e-mail, both or neither (`members/{uid}.notificationPrefs`), shared with the mail side.

export const NOTIFICATION_FEEDS = 'notificationFeeds';
/** `members/{uid}/notifications/{id}`: the member's own news. */
export const MEMBER_NOTIFICATIONS = 'notifications';
/** How many entries a feed keeps (oldest dropped first): bounds the document far below 1 MiB. */
export const FEED_MAX_ENTRIES = 100;

export const BROADCAST_KINDS = ['material', 'event', 'recording', 'course-unit', 'poll'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];
export const PERSONAL_KINDS = ['billing', 'homework'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];
export type NotificationKind = BroadcastKind | PersonalKind;
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [...BROADCAST_KINDS, ...PERSONAL_KINDS];

export const NOTIFICATION_CHANNELS = ['app', 'email', 'both', 'none'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationPrefs = Record<NotificationKind, NotificationChannel>;

/** One item in a tier's feed. `key` is `{kind}_{refId}`: pushing the same key twice changes nothing. */
export interface FeedEntry<Time = unknown> {
  key: string;
  kind: BroadcastKind;
  refId: string;
  title: string;
  summary: string;
  /** Path in the app (`/materials/abc`), never a gated URL. */
  url: string;
  access: string;
  createdAt: Time;
}

/** `notificationFeeds/{tierId}`: readable by members whose rank is at least `rank`. */
export interface NotificationFeedDoc<Time = unknown> {
  tier: string;
  rank: number;
  /** Newest first, at most FEED_MAX_ENTRIES. */
  entries: FeedEntry<Time>[];
  updatedAt: Time;
}

/** `members/{uid}/notifications/{id}`: the member reads and marks their own. */
export interface PersonalNotificationDoc<Time = unknown> {
  kind: PersonalKind;
  title: string;
  body: string;
  url: string;
  read: boolean;
  createdAt: Time;
}

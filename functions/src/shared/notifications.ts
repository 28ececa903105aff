// Notifications: the contract web and functions share (see docs/architecture.md, "Notifications").
//
// Glossary: a *broadcast* tells everyone who may access something new (a material, event, recording,
// course unit, poll) about it. It costs a constant number of writes whatever the audience: one entry
// is pushed into the *feed* of every tier whose rank reaches the item's (`notificationFeeds/{tierId}`,
// a bounded list of the newest entries), and a member reads only the feed of their own tier: one read
// gives the bell its list and unread count (entries newer than `members/{uid}.notificationsReadAt`).
// *Personal* news (billing, homework) is one document per member and event
// (`members/{uid}/notifications/{id}`); `members/{uid}.personalUnread` counts the unread ones, so the
// badge needs no query. *Preferences* per kind say where news goes: in the app, by e-mail, both or
// neither (`members/{uid}.notificationPrefs`), shared with the mail side (`mailWanted`).
//
// Refinements of the first contract (issue 14): personal news carries no `read` flag: one watermark,
// `notificationsReadAt`, says what is read for the feed and personal news alike ("Mark all read" is
// one write by the member, set to `request.time` by the rules), and `personalUnread` is the badge's
// count of personal news, raised by functions with each one and set to 0 by the member with the mark.

export const NOTIFICATION_FEEDS = 'notificationFeeds';
/** `members/{uid}/notifications/{id}`: the member's own news. */
export const MEMBER_NOTIFICATIONS = 'notifications';
/** How many entries a feed keeps (oldest dropped first): bounds the document far below 1 MiB. */
export const FEED_MAX_ENTRIES = 100;
/** How many personal notifications the bell lists. */
export const PERSONAL_LIST_SIZE = 20;

export const BROADCAST_KINDS = ['material', 'event', 'recording', 'course-unit', 'poll'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];
export const PERSONAL_KINDS = ['billing', 'homework'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];
export type NotificationKind = BroadcastKind | PersonalKind;
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [...BROADCAST_KINDS, ...PERSONAL_KINDS];

export const NOTIFICATION_CHANNELS = ['app', 'email', 'both', 'none'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationPrefs = Record<NotificationKind, NotificationChannel>;

/** What each kind is called on the account page and in the bell. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  material: 'New materials',
  event: 'Events',
  recording: 'New recordings',
  'course-unit': 'New courses and units',
  poll: 'Polls opening',
  billing: 'Billing',
  homework: 'Homework results',
};

/**
 * The channels a member may choose per kind: e-mail only where a mail exists. `event`'s e-mail is the
 * event mails (registration, changes, reminders: what `emailPrefs.events` switched before); billing
 * mails (receipts, failed payments, plan changes) are always sent, so billing chooses only whether the
 * app shows them too. The other broadcasts have no mail of their own (the newsletter is its own setting).
 */
export const KIND_CHANNELS: Record<NotificationKind, readonly NotificationChannel[]> = {
  material: ['app', 'none'],
  event: ['app', 'email', 'both', 'none'],
  recording: ['app', 'none'],
  'course-unit': ['app', 'none'],
  poll: ['app', 'none'],
  billing: ['both', 'email'],
  homework: ['app', 'none'],
};

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = {
  material: 'app',
  event: 'both',
  recording: 'app',
  'course-unit': 'app',
  poll: 'app',
  billing: 'both',
  homework: 'app',
};

const isChannel = (v: unknown): v is NotificationChannel =>
  typeof v === 'string' && (NOTIFICATION_CHANNELS as readonly string[]).includes(v);

/**
 * A member's preferences as they apply: the stored `notificationPrefs` where set, the older
 * `emailPrefs.events` for `event` when the member never chose (it was that switch), defaults otherwise.
 */
export function notificationPrefsOf(member: { notificationPrefs?: unknown; emailPrefs?: unknown }): NotificationPrefs {
  const stored = (
    member.notificationPrefs && typeof member.notificationPrefs === 'object' ? member.notificationPrefs : {}
  ) as Record<string, unknown>;
  const eventsMail = (member.emailPrefs as { events?: unknown } | undefined)?.events !== false;
  const prefs = { ...DEFAULT_NOTIFICATION_PREFS, event: eventsMail ? 'both' : 'app' } as NotificationPrefs;
  for (const kind of NOTIFICATION_KINDS) {
    const value = Object.hasOwn(stored, kind) ? stored[kind] : undefined;
    if (isChannel(value)) prefs[kind] = value;
  }
  return prefs;
}

/** Whether news of this kind shows in the app (bell and list). */
export const showsInApp = (prefs: NotificationPrefs, kind: NotificationKind): boolean =>
  prefs[kind] === 'app' || prefs[kind] === 'both';

/** Whether an optional mail of this kind may go; billing mail always goes (receipts are owed, not optional). */
export const mailWanted = (prefs: NotificationPrefs, kind: NotificationKind): boolean =>
  kind === 'billing' || prefs[kind] === 'email' || prefs[kind] === 'both';

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

/** `members/{uid}/notifications/{id}`: the member reads their own; unread while newer than `notificationsReadAt`. */
export interface PersonalNotificationDoc<Time = unknown> {
  kind: PersonalKind;
  title: string;
  body: string;
  url: string;
  createdAt: Time;
}

/** The fields of `members/{uid}` this area adds (the member writes the first three, under the rules). */
export interface MemberNotificationFields<Time = unknown> {
  notificationPrefs?: Partial<NotificationPrefs>;
  /** "Mark all read": set by the member to the server's time (`request.time`). */
  notificationsReadAt?: Time;
  /** Personal news not yet read: raised by functions, set to 0 by the member with `notificationsReadAt`. */
  personalUnread?: number;
}

/** The key of a feed entry. */
export const feedKey = (kind: BroadcastKind, refId: string): string => `${kind}_${refId}`;

/** Entries newer than the watermark whose kind the member shows in the app (millis; null: nothing read yet). */
export function unreadEntries<E extends { kind: NotificationKind; createdAtMs: number }>(
  entries: readonly E[],
  readAtMs: number | null,
  prefs: NotificationPrefs,
): E[] {
  return entries.filter((e) => showsInApp(prefs, e.kind) && (readAtMs === null || e.createdAtMs > readAtMs));
}

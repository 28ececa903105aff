// The bell's view model: the member's tier feed and personal news as one list, newest first, with what is
// unread (newer than "Mark all read") and the count the badge shows. Pure, unit-tested.
import {
  NOTIFICATION_KIND_LABELS,
  showsInApp,
  unreadEntries,
  type NotificationChannel,
  type NotificationKind,
  type NotificationPrefs,
} from '@shared/notifications';
import { toDate } from './subscription';

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  kindLabel: string;
  title: string;
  summary: string;
  url: string;
  at: Date | null;
  unread: boolean;
}

/** What the bell needs of the member (see `MemberView`). */
export interface BellMember {
  notificationPrefs: NotificationPrefs;
  notificationsReadAt: Date | null;
  personalUnread: number;
}

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const isKind = (v: unknown): v is NotificationKind =>
  typeof v === 'string' && Object.hasOwn(NOTIFICATION_KIND_LABELS, v);
/** Only in-app paths: an entry with anything else links nowhere. */
const appPath = (v: unknown) => (typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') ? v : '/');

function item(id: string, raw: Raw, readAt: Date | null): NotificationItem | null {
  if (!isKind(raw.kind)) return null;
  const at = toDate(raw.createdAt);
  return {
    id,
    kind: raw.kind,
    kindLabel: NOTIFICATION_KIND_LABELS[raw.kind],
    title: str(raw.title),
    summary: str(raw.summary) || str(raw.body),
    url: appPath(raw.url),
    at,
    // A personal one just written has no server time yet (pending): unread.
    unread: !at || !readAt || at.getTime() > readAt.getTime(),
  };
}

/** The feed's entries the member shows in the app, newest first. */
export function feedItems(feed: { entries?: unknown } | null | undefined, member: BellMember): NotificationItem[] {
  const entries = Array.isArray(feed?.entries) ? (feed.entries as Raw[]) : [];
  return entries
    .map((e) => item(str(e.key), e, member.notificationsReadAt))
    .filter((i): i is NotificationItem => i !== null && showsInApp(member.notificationPrefs, i.kind));
}

/** Personal news as listed (already newest first). */
export function personalItems(docs: readonly ({ id: string } & Raw)[], member: BellMember): NotificationItem[] {
  return docs.map((d) => item(d.id, d, member.notificationsReadAt)).filter((i): i is NotificationItem => i !== null);
}

/** Both lists as one, newest first, at most `limit`. */
export function mergeItems(a: NotificationItem[], b: NotificationItem[], limit = 50): NotificationItem[] {
  const time = (i: NotificationItem) => i.at?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return [...a, ...b].sort((x, y) => time(y) - time(x)).slice(0, limit);
}

/** The badge's number: unread feed entries of kinds shown in the app, plus unread personal news. */
export function unreadCount(feed: { entries?: unknown } | null | undefined, member: BellMember | null): number {
  if (!member) return 0;
  const entries = (Array.isArray(feed?.entries) ? (feed.entries as Raw[]) : [])
    .filter((e) => isKind(e.kind))
    .map((e) => ({ kind: e.kind as NotificationKind, createdAtMs: toDate(e.createdAt)?.getTime() ?? 0 }));
  const readAt = member.notificationsReadAt?.getTime() ?? null;
  return unreadEntries(entries, readAt, member.notificationPrefs).length + member.personalUnread;
}

/** The bell's accessible name. */
export const bellLabel = (count: number): string =>
  count === 0 ? 'Notifications, none unread' : `Notifications, ${count} unread`;

/** What the badge shows: nothing at 0, "99+" above 99. */
export const badgeText = (count: number): string => (count <= 0 ? '' : count > 99 ? '99+' : String(count));

/** How a channel reads on the account page (billing mail is always sent, so its choices say so). */
export function channelLabel(kind: NotificationKind, channel: NotificationChannel): string {
  if (kind === 'billing') return channel === 'email' ? 'E-mail only' : 'E-mail and in the app';
  return { app: 'In the app', email: 'By e-mail', both: 'In the app and by e-mail', none: 'Off' }[channel];
}

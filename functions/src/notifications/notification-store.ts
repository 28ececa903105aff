// Notifications: broadcasts into the tier feeds (a constant number of writes, whatever the audience) and
// personal news in the member's own subcollection, written inside the caller's transaction.
import { logger } from 'firebase-functions';
import { FieldValue, Timestamp, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import { entryOf, feedTiersFor, pushEntry, type BroadcastItem } from '../domain/notification-feed';
import { mailNews, type MailTemplate, type MailTemplates } from '../mail/mail-templates';
import { MEMBERS } from '../shared/members';
import {
  MEMBER_NOTIFICATIONS,
  NOTIFICATION_FEEDS,
  notificationPrefsOf,
  showsInApp,
  type FeedEntry,
  type NotificationFeedDoc,
  type PersonalKind,
  type PersonalNotificationDoc,
} from '../shared/notifications';

export interface NotifyDeps {
  db: Firestore;
  now: () => Date;
}

export interface BroadcastResult {
  /** The tiers whose feed got the entry now (empty when every feed had it already). */
  added: string[];
  /** The tiers the item reaches. */
  tiers: string[];
}

/**
 * Pushes one entry into the feed of every tier that may access the item, in one transaction: as many
 * reads and at most as many writes as there are tiers (4 by default), whether 10 or 50,000 members
 * read them. Idempotent: a feed that holds the key is not written.
 */
export async function broadcast(deps: NotifyDeps, item: BroadcastItem): Promise<BroadcastResult> {
  const tiers = feedTiersFor(await readTiers(deps.db), item.access);
  if (!tiers.length) {
    logger.warn(`notification ${item.kind}_${item.refId}: access "${item.access}" is no tier; no feed`);
    return { added: [], tiers: [] };
  }
  const refs = tiers.map((t) => deps.db.collection(NOTIFICATION_FEEDS).doc(t.id));
  return deps.db.runTransaction(async (tx) => {
    const now = Timestamp.fromDate(deps.now());
    const snaps = await tx.getAll(...refs);
    const entry = entryOf(item, now);
    const added: string[] = [];
    snaps.forEach((snap, i) => {
      const tier = tiers[i]!;
      const feed = snap.data() as NotificationFeedDoc<Timestamp> | undefined;
      const pushed = pushEntry<Timestamp>(feed?.entries ?? [], entry as FeedEntry<Timestamp>);
      if (!pushed.added && feed?.rank === tier.rank) return;
      tx.set(refs[i]!, { tier: tier.id, rank: tier.rank, entries: pushed.entries, updatedAt: now });
      if (pushed.added) added.push(tier.id);
    });
    return { added, tiers: tiers.map((t) => t.id) };
  });
}

/** One piece of personal news; `id` names its occurrence (a mail key, a score), so it is written once. */
export interface PersonalNews {
  id: string;
  kind: PersonalKind;
  title: string;
  body: string;
  url: string;
}

/** What `notifyMember` needs to know, read in the caller's transaction before its writes. */
export interface NotifyTarget {
  uid: string;
  /** The member exists, shows this kind in the app, and the news is not there yet. */
  write: boolean;
}

/** Reads (in the caller's transaction, with its other reads) whether the member gets this news in the app. */
export async function readNotifyTarget(
  db: Firestore,
  tx: Transaction,
  uid: string,
  news: Pick<PersonalNews, 'id' | 'kind'>,
): Promise<NotifyTarget> {
  const memberRef = db.collection(MEMBERS).doc(uid);
  const [member, existing] = await tx.getAll(memberRef, memberRef.collection(MEMBER_NOTIFICATIONS).doc(news.id));
  const write =
    !!member?.exists && !existing?.exists && showsInApp(notificationPrefsOf(member.data() ?? {}), news.kind);
  return { uid, write };
}

/**
 * Writes personal news in the caller's transaction (after its reads): the notification and one more
 * unread on the member. Does nothing when `readNotifyTarget` said so. True when written.
 */
export function notifyMember(db: Firestore, tx: Transaction, target: NotifyTarget, news: PersonalNews): boolean {
  if (!target.write) return false;
  const memberRef = db.collection(MEMBERS).doc(target.uid);
  const doc: PersonalNotificationDoc<FieldValue> = {
    kind: news.kind,
    title: news.title.slice(0, 200),
    body: news.body.slice(0, 1000),
    url: news.url,
    // The commit's time: after any "Mark all read" that committed before it, so it counts as unread.
    createdAt: FieldValue.serverTimestamp(),
  };
  tx.create(memberRef.collection(MEMBER_NOTIFICATIONS).doc(news.id), doc);
  tx.update(memberRef, { personalUnread: FieldValue.increment(1) });
  return true;
}

/** `readNotifyTarget` then `notifyMember` in a transaction of its own. */
export async function notifyMemberOnce(deps: NotifyDeps, uid: string, news: PersonalNews): Promise<boolean> {
  return deps.db.runTransaction(async (tx) =>
    notifyMember(deps.db, tx, await readNotifyTarget(deps.db, tx, uid, news), news),
  );
}

/**
 * A billing mail as the member's in-app news (same key, so the mail's once is the news' once): for
 * `queueMailOnce`'s `alongside`, or called with a transaction before its writes. Billing mail is always
 * sent; the news shows in the app unless the member chose "e-mail only".
 */
export function billingNewsAlongside<T extends MailTemplate>(
  db: Firestore,
  mail: { key: string; uid: string | null; template: T; data: MailTemplates[T] },
): (tx: Transaction) => Promise<() => void> {
  return async (tx) => {
    if (!mail.uid) return () => {};
    const news: PersonalNews = {
      id: mail.key,
      kind: 'billing',
      url: '/account',
      ...mailNews(mail.template, mail.data),
    };
    const target = await readNotifyTarget(db, tx, mail.uid, news);
    return () => notifyMember(db, tx, target, news);
  };
}

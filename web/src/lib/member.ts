// `members/{uid}` as the app uses it. Functions write it, but the app must not break on a document from
// an older or newer version: every field is read defensively. Pure, unit-tested in member.test.ts.
import type { MemberBillingFields } from '@shared/billing';
import { mayReceiveMail, type ComplimentaryGrant, type EmailPrefs, type MemberDoc } from '@shared/members';
import { notificationPrefsOf, type MemberNotificationFields, type NotificationPrefs } from '@shared/notifications';
import { parseSubscription, toDate, type SubscriptionView } from './subscription';

/** The member document as the app uses it (timestamps as Dates). */
export interface MemberView {
  email: string;
  name: string;
  /** Null until functions set the plan (shortly after sign-up): then it is the lowest tier. */
  tier: string | null;
  rank: number | null;
  admin: boolean;
  grant: { tier: string; endsAt: Date | null; note: string } | null;
  emailPrefs: EmailPrefs;
  /** False only while a password account has not opened its verification link (see `mayReceiveMail`). */
  emailVerified: boolean;
  /** Set once the member has started a checkout: they can open the Stripe Customer Portal. */
  stripeCustomerId: string | null;
  /** Their Stripe subscription as last synced (also a canceled one); null when they never subscribed. */
  subscription: SubscriptionView | null;
  /** Notifications: channel per kind (with `emailPrefs.events` folded in), "Mark all read", unread personal news. */
  notificationPrefs: NotificationPrefs;
  notificationsReadAt: Date | null;
  personalUnread: number;
}

/** `members/{uid}` as read: any field may be missing (or, from another version, of another type). */
export type StoredMember = Partial<Omit<MemberDoc, 'grant'> & MemberBillingFields> &
  MemberNotificationFields & {
    grant?: Partial<ComplimentaryGrant> | null;
  };

function grantOf(raw: unknown): MemberView['grant'] {
  if (!raw || typeof raw !== 'object') return null;
  const grant = raw as { tier?: unknown; endsAt?: unknown; note?: unknown };
  if (typeof grant.tier !== 'string') return null;
  return { tier: grant.tier, endsAt: toDate(grant.endsAt), note: typeof grant.note === 'string' ? grant.note : '' };
}

export function memberView(data: StoredMember, fallbackEmail: string): MemberView {
  const prefs: Partial<EmailPrefs> = data.emailPrefs && typeof data.emailPrefs === 'object' ? data.emailPrefs : {};
  return {
    email: typeof data.email === 'string' ? data.email : fallbackEmail,
    name: typeof data.name === 'string' ? data.name : '',
    tier: typeof data.tier === 'string' && data.tier ? data.tier : null,
    rank: typeof data.rank === 'number' ? data.rank : null,
    admin: data.admin === true,
    grant: grantOf(data.grant),
    emailPrefs: { newsletter: prefs.newsletter !== false, events: prefs.events !== false },
    emailVerified: mayReceiveMail(data),
    stripeCustomerId: typeof data.stripeCustomerId === 'string' && data.stripeCustomerId ? data.stripeCustomerId : null,
    subscription: parseSubscription(data.subscription),
    notificationPrefs: notificationPrefsOf(data),
    notificationsReadAt: toDate(data.notificationsReadAt),
    personalUnread: typeof data.personalUnread === 'number' && data.personalUnread > 0 ? data.personalUnread : 0,
  };
}

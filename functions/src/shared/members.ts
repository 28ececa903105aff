/** `members/{uid}`: written by functions; the member may change only `name` and `emailPrefs`. */
export const MEMBERS = 'members';
export const CONFIG = 'config';
export const TIERS_DOC = 'tiers';

export interface EmailPrefs {
  newsletter: boolean;
  events: boolean;
}

export interface ComplimentaryGrant<Time = unknown> {
  tier: string;
  /** null: no end date. */
  endsAt: Time | null;
  grantedBy: string;
  grantedAt: Time;
  note: string;
}

export interface MemberDoc<Time = unknown> {
  email: string;
  name: string;
  tier: string;
  rank: number;
  admin: boolean;
  grant: ComplimentaryGrant<Time> | null;
  emailPrefs: EmailPrefs;
  createdAt: Time;
  /** Stamped after every claims change; the app refreshes its ID token when it moves. */
  claimsUpdatedAt: Time;
  /**
   * Unix seconds, set when claims were downgraded: the rules refuse gated reads with an ID token whose
   * `iat` is not after it (`firestore.rules`, `currentToken()`). Absent: every token is current.
   */
  tokensValidAfter?: number;
  /**
   * The Auth account's `emailVerified`, mirrored at sign-up and sign-in. Member mail waits for it.
   * Absent on members from before it was mirrored: they count as verified.
   */
  emailVerified?: boolean;
  /**
   * Version of the member's secret calendar feed URL (`/ics/member/{token}.ics`), raised by
   * `rotateCalendarFeed` so older URLs stop working. Written by functions only; absent means 0.
   */
  calendarFeedVersion?: number;
}

/** Whether member mail may go to this member's address (see `MemberDoc.emailVerified`). */
export const mayReceiveMail = (member: { emailVerified?: unknown }): boolean => member.emailVerified !== false;

export const MEMBER_EDITABLE_FIELDS = ['name', 'emailPrefs'] as const;
export const DEFAULT_EMAIL_PREFS: EmailPrefs = { newsletter: true, events: true };

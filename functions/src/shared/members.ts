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
}

export const MEMBER_EDITABLE_FIELDS = ['name', 'emailPrefs'] as const;
export const DEFAULT_EMAIL_PREFS: EmailPrefs = { newsletter: true, events: true };

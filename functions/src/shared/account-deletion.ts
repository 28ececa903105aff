import { z } from 'zod';
import { docId, emailAddress } from './fields';

/**
 * Account deletion (docs/architecture.md, "Account deletion"): `accountDeletions/{uid}` records the
 * request first, then the job carries out its steps in this order, stamping each, so a crash or a
 * retry resumes where it stopped and nothing is done twice.
 */
export const ACCOUNT_DELETIONS = 'accountDeletions';

export const DELETION_STEPS = ['signOut', 'subscriptions', 'seat', 'auth', 'documents', 'mail'] as const;
export type DeletionStep = (typeof DELETION_STEPS)[number];

/**
 * `requested`: steps still to do (the job or the sweep resumes them); `erased`: every step done and the
 * confirmation mail queued, waiting for the mail to go out and the Slack seat to be deactivated;
 * `closed`: nothing of the member is left but this record (the address only as a hash).
 */
export type DeletionState = 'requested' | 'erased' | 'closed';

/** `accountDeletions/{uid}`: admins read it; functions write it. */
export interface AccountDeletionDoc<Time = unknown> {
  uid: string;
  /** The address the confirmation goes to; removed once the mail is queued (the mail holds it until sent). */
  email?: string;
  /** sha256 of the lowercased address: a Luma guest import does not bring a deleted member back. */
  emailHash: string;
  /** `self` from the account page; `admin` from the members list, with the admin's uid in `requestedBy`. */
  by: 'self' | 'admin';
  requestedBy: string;
  requestedAt: Time;
  state: DeletionState;
  /** When each step was done. */
  steps: Partial<Record<DeletionStep, Time>>;
  stripeCustomerId: string | null;
  /** The address was verified: no confirmation goes to an address nobody proved (`mayReceiveMail`). */
  emailVerified: boolean;
  /** Stripe subscriptions this deletion cancelled. */
  cancelled?: string[];
  /** The confirmation mail's outbox key. */
  mailKey?: string;
  /** What the confirmation mail ended as (`sent`, `failed`, `skipped`) when the record was closed. */
  mailState?: string;
  lastError?: string | null;
  closedAt?: Time;
}

/** The member deletes their own account: they type their address to confirm. */
export const deleteMyAccountSchema = z.object({ email: emailAddress('Type your email address to confirm') }).strict();

/** An admin deletes a member (never themselves: see `deleteMember`). */
export const deleteMemberSchema = z.object({ uid: docId }).strict();

/**
 * The confirmation the member types: their account's address, compared as addresses are (trimmed,
 * case-insensitive). The account page enables its button with it; `deleteMyAccount` checks it again.
 */
export function confirmsAddress(typed: string, accountEmail: string | null | undefined): boolean {
  return !!accountEmail && typed.trim().toLowerCase() === accountEmail.trim().toLowerCase();
}

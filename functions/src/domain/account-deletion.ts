import { createHash } from 'node:crypto';
import type { CommunityState } from '../shared/community';
import { DELETION_STEPS, type DeletionStep } from '../shared/account-deletion';

// Pure decisions of account deletion; the job (functions/src/deletion/) carries them out.

/** The steps not done yet, in order. */
export function stepsLeft(done: Partial<Record<DeletionStep, unknown>>): DeletionStep[] {
  return DELETION_STEPS.filter((step) => done[step] === undefined || done[step] === null);
}

/** sha256 hex of the trimmed, lowercased address: what a deletion keeps of it once closed. */
export function addressHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** The confirmation mail's outbox key: one per account (Auth never reuses a uid), so one mail ever. */
export const deletionMailKey = (uid: string) => `${uid}_account-deleted`;

/** Stripe subscription statuses that still bill or may bill: the ones a deletion cancels. */
const ENDED = new Set(['canceled', 'incomplete_expired']);
export function subscriptionsToCancel<S extends { id: string; status: string }>(subs: S[]): S[] {
  return subs.filter((s) => !ENDED.has(s.status));
}

/**
 * A deleted member's community seat: whatever they had in Slack goes to the deactivate list (an
 * `invited` member may have joined: the admin checks); a pending reactivation is dropped (they are
 * deactivated in Slack); no seat or one already deactivated needs nothing.
 */
export function seatAfterDeletion(current: CommunityState | null): CommunityState | null {
  if (current === null) return null;
  if (current === 'to-reactivate' || current === 'deactivated') return 'deactivated';
  return 'to-deactivate';
}

/** What happens to a registration: withdrawn (seat freed, waitlist moved up) unless the event is over. */
export function registrationOnDeletion(event: { status: string; ended: boolean }): 'withdraw' | 'anonymise' {
  return event.ended || event.status === 'cancelled' ? 'anonymise' : 'withdraw';
}

/** Who may delete whom through `deleteMember`: never oneself (that is the account page, with its confirmation). */
export function adminDeletionProblem(callerUid: string, uid: string): string | null {
  return callerUid === uid ? 'Admins delete their own account from the account page, not from the members list' : null;
}

/** The name an anonymised record shows where the member's name or address was. */
export const DELETED_MEMBER = 'deleted member';

/**
 * The suppression list: addresses that bounced for good or complained, by `suppressionId` (the SHA-256 of
 * the trimmed, lower-cased address), written by the bounce webhook (`postmarkWebhook`) and lifted by admins
 * (`liftSuppression`). Admins read it; no client writes.
 */
export const SUPPRESSIONS = 'suppressions';

/** Why an address is suppressed: a hard bounce, a spam complaint, or N soft bounces within the window. */
export type SuppressionReason = 'hard-bounce' | 'complaint' | 'soft-bounces';

/** The provider's record that last changed the entry (Postmark's bounce or spam complaint). */
export interface SuppressionEvent<Time = unknown> {
  /** Postmark's record ID (the idempotency key of the webhook). */
  id: string;
  recordType: 'Bounce' | 'SpamComplaint';
  /** Postmark's bounce type, e.g. HardBounce, SoftBounce, SpamComplaint. */
  type: string;
  at: Time;
  description: string;
}

/** `suppressions/{sha256(normalised address)}`. */
export interface SuppressionDoc<Time = unknown> {
  /** The normalised address (trimmed, lower-cased): the admin needs to see whom it is about. */
  email: string;
  /** Newsletters skip the address (and transactional mail except the verification mail) while true. */
  suppressed: boolean;
  reason: SuppressionReason | null;
  suppressedAt: Time | null;
  /** Times of the soft bounces within the window, oldest first, at most the limit. */
  softBounces: Time[];
  lastEvent: SuppressionEvent<Time>;
  /** The last lift by an admin (the entry stays, so a later bounce counts afresh). */
  liftedAt: Time | null;
  liftedBy: string | null;
  updatedAt: Time;
}

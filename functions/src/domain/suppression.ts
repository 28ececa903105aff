import { createHash, timingSafeEqual } from 'node:crypto';
import type { SuppressionReason } from '../shared/suppressions';

// Bounces, complaints and the suppression list: pure decisions, tested by tables.

/** The form every lookup uses: trimmed and lower-cased (providers report the address as they saw it). */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** `suppressions/{id}`: the SHA-256 of the normalised address, so the id holds no address. */
export const suppressionId = (email: string): string =>
  createHash('sha256').update(normaliseEmail(email)).digest('hex');

/** What a Postmark record means for the address. */
export type BounceKind = 'hard' | 'soft' | 'complaint' | 'ignored';

// Postmark's bounce types (https://postmarkapp.com/developer/api/bounce-api#bounce-types). Hard: the
// address does not exist or Postmark deactivated it. Soft: the mailbox or its server refused for now.
// Everything else (auto-replies, address changes, DMARC or rendering errors on our side, ...) says nothing
// about whether the recipient can or wants to receive mail.
const HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated']);
const SOFT = new Set(['SoftBounce', 'Transient', 'DnsError', 'SpamNotification', 'Blocked', 'Unknown']);

export function bounceKind(recordType: 'Bounce' | 'SpamComplaint', type: string): BounceKind {
  if (recordType === 'SpamComplaint' || type === 'SpamComplaint') return 'complaint';
  if (HARD.has(type)) return 'hard';
  if (SOFT.has(type)) return 'soft';
  return 'ignored';
}

/** Soft bounces suppress after `limit` of them within `windowMs`. */
export interface SoftBouncePolicy {
  limit: number;
  windowMs: number;
}

/** An address's entry as the decision sees it (times in ms). */
export interface SuppressionState {
  suppressed: boolean;
  reason: SuppressionReason | null;
  softBounces: number[];
}

export const NOT_SUPPRESSED: SuppressionState = { suppressed: false, reason: null, softBounces: [] };

/**
 * The entry after one record at `atMs`. Hard bounces and complaints suppress at once; a soft bounce is
 * counted with the others inside the window (measured back from the newest, so a late record counts
 * where it belongs) and suppresses when there are `limit` of them. An address already suppressed stays
 * as it is (its first reason is the one the admin sees); `suppressedNow` says whether this record did it.
 */
export function afterBounce(
  current: SuppressionState | null,
  kind: BounceKind,
  atMs: number,
  policy: SoftBouncePolicy,
): { state: SuppressionState; suppressedNow: boolean } {
  const state = current ?? NOT_SUPPRESSED;
  if (kind === 'ignored' || state.suppressed) return { state, suppressedNow: false };
  if (kind === 'hard') return { state: { ...state, suppressed: true, reason: 'hard-bounce' }, suppressedNow: true };
  if (kind === 'complaint') return { state: { ...state, suppressed: true, reason: 'complaint' }, suppressedNow: true };
  const all = [...state.softBounces, atMs].sort((a, b) => a - b);
  const newest = all[all.length - 1]!;
  const recent = all.filter((t) => t > newest - policy.windowMs).slice(-Math.max(1, policy.limit));
  if (recent.length >= policy.limit) {
    return { state: { suppressed: true, reason: 'soft-bounces', softBounces: recent }, suppressedNow: true };
  }
  return { state: { ...state, softBounces: recent }, suppressedNow: false };
}

/**
 * Whether an `Authorization` header carries HTTP basic credentials equal to `expected` (`user:password`),
 * compared in constant time (SHA-256 of both, so their lengths leak nothing). An empty or malformed
 * `expected` matches nothing: an unconfigured endpoint refuses everyone.
 */
export function basicAuthMatches(header: string | undefined, expected: string): boolean {
  if (!expected.includes(':') || expected.startsWith(':')) return false;
  const match = /^Basic ([A-Za-z0-9+/]{1,1024}={0,2})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const given = createHash('sha256').update(Buffer.from(match[1]!, 'base64')).digest();
  const wanted = createHash('sha256').update(Buffer.from(expected, 'utf8')).digest();
  return timingSafeEqual(given, wanted);
}

/** The `Authorization` header for `user:password` (the twin and the tests sign the way Postmark does). */
export const basicAuthHeader = (credentials: string): string =>
  `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;

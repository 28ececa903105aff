import { EVERYONE, type NewsletterInput } from '../shared/newsletters';
import { lowestTier, PUBLIC_ACCESS, rankOf, type TiersConfig } from '../shared/tiers';
import { signLinkToken, verifyLinkToken } from './link-tokens';

/**
 * Newsletter rules, pure: who receives an issue, what each recipient may read of it, how recipients are
 * cut into batches, and the signed one-click unsubscribe token. The email channel uses the very same
 * `canAccess` as the web app (Ghost leaked tier-only posts by email because it did not: #25046).
 */

/** The lowest rank that receives an issue sent to `audience`; undefined for an unknown audience. */
export function audienceRank(tiers: TiersConfig, audience: string): number | undefined {
  if (audience === EVERYONE) return lowestTier(tiers).rank;
  const rank = rankOf(tiers, audience);
  return rank === undefined || audience === PUBLIC_ACCESS ? undefined : rank;
}

/** Checks that need config and the clock; returns a message a person can act on, or null. */
export function newsletterProblem(input: NewsletterInput, tiers: TiersConfig): string | null {
  if (audienceRank(tiers, input.audience) === undefined) return `Unknown audience "${input.audience}"`;
  const bad = input.sections.find((s) => rankOf(tiers, s.access) === undefined);
  return bad ? `Unknown access level "${bad.access}" on a section` : null;
}

export function scheduleProblem(at: Date | null, now: Date): string | null {
  return at && at.getTime() <= now.getTime() ? 'Choose a time in the future' : null;
}

export { sectionsFor, type SectionView } from '../shared/newsletter-sections';

/** Recipients in batches of `size`, in a stable order (so a resumed send cuts the same batches). */
export function batchesOf<T>(items: T[], size: number): T[][] {
  if (size < 1) throw new Error('batch size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---- one-click unsubscribe (RFC 8058): a per-member token that only our secret can make ----

/** The member's unsubscribe token, under the newest key of `secrets` (`UNSUBSCRIBE_SECRET`, see link-tokens). */
export function unsubscribeToken(uid: string, secrets: string): string {
  return signLinkToken('unsubscribe', uid, secrets);
}

/** Constant-time check of a token from a link; false for anything malformed or of a version no longer listed. */
export function verifyUnsubscribeToken(uid: unknown, token: unknown, secrets: string): uid is string {
  if (typeof uid !== 'string' || !uid || uid.length > 128) return false;
  return verifyLinkToken('unsubscribe', uid, token, secrets);
}

import { SIGNED_IN_RANK } from './defaults';
import { PUBLIC_RANK, sortedTiers, type Tier, type TiersConfig } from './tiers';

/** The claims that matter for access, as they ride in the ID token. `null` means not signed in. */
export interface AccessClaims {
  readonly [claim: string]: unknown;
  tier?: unknown;
  rank?: unknown;
  admin?: unknown;
}

export interface Gated {
  rank: number;
}

/**
 * The reader's rank: 0 when not signed in, the `rank` claim when present, else SIGNED_IN_RANK (a signed-in
 * member whose claims have not been set yet). firestore.rules computes the same thing in `readerRank()`.
 */
export function readerRank(claims: AccessClaims | null): number {
  if (claims === null) return PUBLIC_RANK;
  return typeof claims.rank === 'number' && Number.isInteger(claims.rank) ? claims.rank : SIGNED_IN_RANK;
}

/** The one access check: the web app, rules, emails, calendar feeds and media URLs all agree with it. */
export function canAccess(claims: AccessClaims | null, item: Gated): boolean {
  return readerRank(claims) >= item.rank;
}

/** The lowest tier that can read the item: what a paywall offers. Undefined if nothing can. */
export function tierNeeded(config: TiersConfig, item: Gated): Tier | undefined {
  return sortedTiers(config).find((t) => t.rank >= item.rank);
}

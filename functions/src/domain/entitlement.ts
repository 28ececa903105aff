import { FREE_TIER, type TiersConfig } from '../shared/tiers';

/**
 * Entitlement: which tier a member holds right now, from the facts we store. Pure, so a table of tests
 * covers it; billing adds the subscription as another source and the highest rank wins.
 */
export interface GrantFact {
  tier: string;
  endsAt: Date | null;
}

export interface Entitlement {
  tier: string;
  rank: number;
  /** Which fact decided it, for the member's account page and the admin list. */
  source: 'grant' | 'default';
}

export function isGrantActive(grant: GrantFact | null, now: Date): grant is GrantFact {
  return grant !== null && (grant.endsAt === null || grant.endsAt.getTime() > now.getTime());
}

export function entitlementFor(input: { grant: GrantFact | null; now: Date; tiers: TiersConfig }): Entitlement {
  const free = { tier: FREE_TIER, rank: input.tiers.tiers[FREE_TIER]?.rank ?? 10, source: 'default' as const };
  const { grant } = input;
  if (!isGrantActive(grant, input.now)) return free;
  const granted = input.tiers.tiers[grant.tier];
  // A grant of a tier that has since been removed from config falls back rather than locking anyone out.
  if (!granted || granted.rank < free.rank) return free;
  return { tier: grant.tier, rank: granted.rank, source: 'grant' };
}

import { lowestTier, type TiersConfig } from '../shared/tiers';
import { subscriptionGrantsTier, type SubscriptionStatus } from '../shared/billing';

/**
 * Entitlement: which tier a member holds right now, from the facts we store (a complimentary grant, the
 * Stripe subscription as last read from Stripe) and the clock. Pure, so a table of tests covers it. The
 * highest rank among the facts wins, so a grant never lowers a paid plan and vice versa.
 */
export interface GrantFact {
  tier: string;
  endsAt: Date | null;
}

export interface SubscriptionFact {
  status: SubscriptionStatus;
  /** Tier of the subscribed price (null: a price config/tiers does not know). */
  tier: string | null;
  /** For `past_due`: until when the tier is kept while Stripe retries the payment (see graceUntil). */
  graceUntil: Date | null;
}

export interface Entitlement {
  tier: string;
  rank: number;
  /** Which fact decided it, for the member's account page and the admin list. */
  source: 'subscription' | 'grant' | 'default';
}

export interface EntitlementInput {
  grant: GrantFact | null;
  subscription?: SubscriptionFact | null;
  now: Date;
  tiers: TiersConfig;
}

export function isGrantActive(grant: GrantFact | null, now: Date): grant is GrantFact {
  return grant !== null && (grant.endsAt === null || grant.endsAt.getTime() > now.getTime());
}

export function entitlementFor(input: EntitlementInput): Entitlement {
  const { tiers, now } = input;
  // Without a plan a member holds the lowest tier.
  const lowest = lowestTier(tiers);
  const free: Entitlement = { tier: lowest.id, rank: lowest.rank, source: 'default' };
  const candidates: Entitlement[] = [free];
  // A tier that has since been removed from config falls back rather than locking anyone out.
  const add = (tier: string | null, source: Entitlement['source']) => {
    const def = tier ? tiers.tiers[tier] : undefined;
    if (tier && def && def.rank >= free.rank) candidates.push({ tier, rank: def.rank, source });
  };
  const { grant, subscription } = input;
  if (subscription && subscriptionGrantsTier(subscription, now)) add(subscription.tier, 'subscription');
  if (isGrantActive(grant, now)) add(grant.tier, 'grant');
  // Highest rank wins; on a tie the paid subscription is named (it is what the member manages).
  return candidates.reduce((best, c) => (c.rank > best.rank ? c : best));
}

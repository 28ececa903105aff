import { tierById, type TiersConfig } from './tiers';

/**
 * Whether a complimentary grant already covers a plan a member might buy: the one rule that Checkout
 * (`createCheckout` refuses) and the pricing page (does not offer, or explains) share, so a member never
 * pays for what they already hold.
 */

/** The grant as both sides read it (`members/{uid}.grant` with a Date). */
export interface GrantLike {
  tier: string;
  endsAt: Date | null;
}

export type GrantCover =
  /** No grant at or above this plan right now: it is bought as usual, paid from today. */
  | { kind: 'none' }
  /** An open-ended grant at or above this plan: there is nothing to buy. */
  | { kind: 'covered'; grantTier: string }
  /**
   * A grant at or above this plan that ends on `endsAt`: it can be bought, and the first payment waits
   * until the grant ends (`billingStartsAt`; null when the grant ends too soon for Stripe to defer it).
   */
  | { kind: 'until'; grantTier: string; endsAt: Date; billingStartsAt: Date | null };

/** Stripe Checkout's `subscription_data.trial_end` must be at least 48 hours ahead; one more for the clock. */
export const MIN_DEFERRAL_MS = 49 * 60 * 60 * 1000;

export function grantCover(
  tiers: TiersConfig,
  grant: GrantLike | null | undefined,
  tierId: string,
  now: Date,
): GrantCover {
  if (!grant || (grant.endsAt !== null && grant.endsAt.getTime() <= now.getTime())) return { kind: 'none' };
  const held = tierById(tiers, grant.tier);
  const wanted = tierById(tiers, tierId);
  if (!held || !wanted || wanted.rank > held.rank) return { kind: 'none' };
  if (grant.endsAt === null) return { kind: 'covered', grantTier: grant.tier };
  const deferrable = grant.endsAt.getTime() - now.getTime() >= MIN_DEFERRAL_MS;
  return {
    kind: 'until',
    grantTier: grant.tier,
    endsAt: grant.endsAt,
    billingStartsAt: deferrable ? grant.endsAt : null,
  };
}

const nameOf = (tiers: TiersConfig, id: string) => tierById(tiers, id)?.name ?? id;

/** Why a covered plan cannot be bought, in the member's words (the callable's refusal and the page). */
export function coveredMessage(tiers: TiersConfig, grantTier: string, tierId: string): string {
  const [grantName, planName] = [nameOf(tiers, grantTier), nameOf(tiers, tierId)];
  return grantTier === tierId
    ? `You already have ${grantName} as a complimentary plan with no end date: there is nothing to pay for.`
    : `Your complimentary ${grantName} includes everything in ${planName} and has no end date: there is nothing to pay for.`;
}

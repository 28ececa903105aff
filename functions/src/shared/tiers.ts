/**
 * Tiers are data (`config/tiers`), not code. A tier has an id, a name and an integer rank; every gated
 * thing carries the rank of its access level, and a reader sees it when their rank is at least as high.
 * `public` is an access level (rank 0), not a tier anyone holds.
 */
export const PUBLIC_ACCESS = 'public';
export const PUBLIC_RANK = 0;

export interface TierPrice {
  /** Stripe price id; set by the billing setup. */
  priceId?: string;
  /** Amount in the smallest currency unit, for display. */
  amount: number;
  currency: string;
}

export interface TierDefinition {
  name: string;
  rank: number;
  benefits: string[];
  prices?: { monthly?: TierPrice; yearly?: TierPrice };
  /** Free trial for a member's first subscription to this tier, in days (Stripe Checkout). */
  trialDays?: number;
}

export interface Tier extends TierDefinition {
  id: string;
}

/** Shape of `config/tiers`: a map keyed by tier id, so security rules can look a rank up by id. */
export interface TiersConfig {
  tiers: Record<string, TierDefinition>;
}

/** Tiers ordered from lowest to highest rank. */
export function sortedTiers(config: TiersConfig): Tier[] {
  return Object.entries(config.tiers)
    .map(([id, def]) => ({ id, ...def }))
    .sort((a, b) => a.rank - b.rank);
}

/**
 * The tier with this id, or undefined. Own keys only: `config/tiers` is a plain object, so a lookup by
 * a caller's string must not find `__proto__`, `constructor` or `toString` on its prototype.
 */
export function tierById(config: TiersConfig, id: string): TierDefinition | undefined {
  return Object.hasOwn(config.tiers, id) ? config.tiers[id] : undefined;
}

/** Rank of an access level (`public` or a tier id); undefined for an unknown level. */
export function rankOf(config: TiersConfig, access: string): number | undefined {
  if (access === PUBLIC_ACCESS) return PUBLIC_RANK;
  return tierById(config, access)?.rank;
}

function tierAt(config: TiersConfig, index: 0 | -1): Tier {
  const tier = sortedTiers(config).at(index);
  if (!tier) throw new Error('config/tiers lists no tiers');
  return tier;
}

/** The lowest tier: what every member holds without a plan (new accounts, expired grants). */
export const lowestTier = (config: TiersConfig): Tier => tierAt(config, 0);

/** The highest tier: who reads every section of an issue (the admin's test send). */
export const highestTier = (config: TiersConfig): Tier => tierAt(config, -1);

/** All access levels, lowest first: `public` then the tiers. */
export function accessLevels(config: TiersConfig): string[] {
  return [PUBLIC_ACCESS, ...sortedTiers(config).map((t) => t.id)];
}

export function accessLabel(config: TiersConfig, access: string): string {
  if (access === PUBLIC_ACCESS) return 'Public';
  return tierById(config, access)?.name ?? access;
}

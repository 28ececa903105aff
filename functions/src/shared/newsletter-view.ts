import { canAccess, tierNeeded } from './access';
import { EVERYONE } from './newsletters';
import { lowestTier, PUBLIC_ACCESS, rankOf, type Tier, type TiersConfig } from './tiers';

/**
 * An issue as its readers see it, pure and shared by functions (the sender, domain/newsletter.ts) and the web
 * (the admin's "preview as a plan" and recipient count, the archive page `/newsletters/:id`), so that all use the
 * very same access check.
 */

/** The lowest rank that receives an issue sent to `audience`; undefined for an unknown audience. */
export function audienceRank(tiers: TiersConfig, audience: string): number | undefined {
  if (audience === EVERYONE) return lowestTier(tiers).rank;
  const rank = rankOf(tiers, audience);
  return rank === undefined || audience === PUBLIC_ACCESS ? undefined : rank;
}

export type SectionView<S extends { access: string }> =
  | ({ kind: 'open' } & S)
  /** What a reader below the section's level sees instead: the plan that unlocks it. */
  | { kind: 'locked'; tier: Pick<Tier, 'id' | 'name'> | null };

/** The issue as a reader of `rank` may read it: open sections as they are, an upgrade prompt for the rest. */
export function sectionsFor<S extends { access: string }>(
  sections: S[],
  rank: number,
  tiers: TiersConfig,
): SectionView<S>[] {
  return sections.map((s) => {
    const sectionRank = rankOf(tiers, s.access) ?? Number.POSITIVE_INFINITY;
    if (canAccess({ rank }, { rank: sectionRank })) return { kind: 'open', ...s };
    const needed = tierNeeded(tiers, { rank: sectionRank });
    return { kind: 'locked', tier: needed ? { id: needed.id, name: needed.name } : null };
  });
}

import { canAccess, tierNeeded } from './access';
import { rankOf, type Tier, type TiersConfig } from './tiers';

/**
 * What a reader of a rank may read of a newsletter issue, section by section: the one decision the email (each
 * recipient's copy) and the web archive (`/newsletters/:id`) share. In `shared/` so the web reaches it; the
 * domain re-exports it (`domain/newsletter.ts`).
 */
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

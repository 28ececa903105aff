import type { CommunityLevel } from './community';
import type { TiersConfig } from './tiers';

// Seed defaults: what a fresh project starts with until an admin saves `config/tiers` and
// `config/community`. The only place outside seed data and tests where tier ids appear; code asks the
// config (lowestTier, highestTier, rankOf) instead of naming a tier.

/**
 * The rank a signed-in member reads at before functions have set their claims (or a member document
 * without a rank): the lowest default tier's rank. firestore.rules `readerRank()` hard-codes the same 10.
 */
export const SIGNED_IN_RANK = 10;

export const DEFAULT_TIERS: TiersConfig = {
  tiers: {
    free: {
      name: 'Free',
      rank: SIGNED_IN_RANK,
      benefits: ['Free-level tutorials and newsletter issues', 'Public and free events'],
    },
    basic: {
      name: 'Basic',
      rank: 20,
      benefits: ['The newsletter: tutorials and examples by email', 'Basic materials on the site'],
      prices: {
        monthly: { amount: 900, currency: 'eur' },
        yearly: { amount: 9000, currency: 'eur' },
      },
    },
    main: {
      name: 'Main',
      rank: 30,
      benefits: ['Everything in Basic', 'The community on Slack', 'Propose and vote on topics'],
      prices: {
        monthly: { amount: 1900, currency: 'eur' },
        yearly: { amount: 19000, currency: 'eur' },
      },
    },
    premium: {
      name: 'Premium',
      rank: 40,
      benefits: ['Everything in Main', 'Mini-courses and mini-course votes', 'Premium-only events'],
      prices: {
        monthly: { amount: 3900, currency: 'eur' },
        yearly: { amount: 39000, currency: 'eur' },
      },
    },
  },
};

/** The plan that opens the community until an admin chooses one (`config/community`). */
export const DEFAULT_COMMUNITY: CommunityLevel = { access: 'main', rank: DEFAULT_TIERS.tiers.main!.rank };

/** The plan (and up) that may submit projects to the showcase until an admin sets `config/showcase`. */
export const DEFAULT_SHOWCASE_ACCESS = 'main';

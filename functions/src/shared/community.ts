/**
 * Community contract (docs/architecture.md, "Community"): the plan that opens the community is public,
 * the invite links are gated, following the teaser + gated pattern of materials:
 *
 * - `config/community`             { access, rank }             readable by everyone (the upsell names the plan)
 * - `config/community/gated/links` { access, rank, slackInviteUrl, telegramInviteUrl }  readable at `rank` and up
 * - `community/{uid}`              a member's seat (admins read; functions write)
 */
export const COMMUNITY = 'community';
/** Document id of the public level in `config`. */
export const COMMUNITY_DOC = 'community';
/** `config/community/{COMMUNITY_GATED}/{COMMUNITY_LINKS_DOC}`. */
export const COMMUNITY_GATED = 'gated';
export const COMMUNITY_LINKS_DOC = 'links';

/** `config/community`: which plan (and up) opens the community. */
export interface CommunityLevel {
  access: string;
  rank: number;
}

/** `config/community/gated/links`: repeats `access`/`rank` so rules need no `get()`. */
export interface CommunityLinks extends CommunityLevel {
  slackInviteUrl: string;
  telegramInviteUrl: string;
}

/** The level and links together, as functions and the admin form see them. */
export type CommunityConfig = CommunityLinks;

export const COMMUNITY_STATES = ['invited', 'active', 'to-deactivate', 'deactivated', 'to-reactivate'] as const;
export type CommunityState = (typeof COMMUNITY_STATES)[number];
/** Waiting for an admin to act in Slack (then "Mark done"). */
export type PendingSeatState = 'to-deactivate' | 'to-reactivate';

/** `community/{uid}`. */
export interface SeatDoc<Time = unknown> {
  email: string;
  state: CommunityState;
  updatedAt: Time;
  doneBy?: string;
  /** The member deleted their account: the seat is erased once it is deactivated. */
  accountDeleted?: boolean;
}

import type { CommunityState } from '../shared/community';

/**
 * Community lifecycle (Slack for main and up): what happens to a member's community seat when their rank
 * crosses the community's level. Pure; the member trigger applies it and the admin lists read it.
 *
 * none --(reaches the level)--> invited (sees the invite link, gets it by email)
 * invited/active --(drops below)--> to-deactivate --(admin or SCIM)--> deactivated
 * to-deactivate --(back above before anyone acted)--> active (nothing to undo)
 * deactivated --(back above)--> to-reactivate --(admin or SCIM)--> active
 */

export interface CommunityChange {
  state: CommunityState;
  /** Send the invite email (first time only). */
  invite: boolean;
}

export function communityTransition(
  current: CommunityState | null,
  beforeRank: number,
  afterRank: number,
  communityRank: number,
): CommunityChange | null {
  const was = beforeRank >= communityRank;
  const is = afterRank >= communityRank;
  if (was === is) return null;
  if (is) {
    if (current === null) return { state: 'invited', invite: true };
    if (current === 'to-deactivate') return { state: 'active', invite: false };
    if (current === 'deactivated') return { state: 'to-reactivate', invite: false };
    return null; // already in, or already queued for reactivation
  }
  if (current === 'invited' || current === 'active' || current === 'to-reactivate') {
    return { state: current === 'to-reactivate' ? 'deactivated' : 'to-deactivate', invite: false };
  }
  return null;
}

/** The state after an admin (or SCIM) carried out the pending action. */
export function communityActionDone(current: CommunityState): CommunityState | null {
  if (current === 'to-deactivate') return 'deactivated';
  if (current === 'to-reactivate') return 'active';
  return null;
}

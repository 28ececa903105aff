import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { communityActionDone, communityTransition, type CommunityState } from '../domain/community';
import { loadTiers } from '../app/tiers-config';
import { MAIL } from '../shared/mail';
import { CONFIG } from '../shared/members';
import { rankOf } from '../shared/tiers';

export const COMMUNITY = 'community';
export const COMMUNITY_DOC = 'community';

/** `config/community`: the invite links and the level that gets them (main by default). */
export interface CommunityConfig {
  access: string;
  rank: number;
  slackInviteUrl: string;
  telegramInviteUrl: string;
}

/** Deactivates/reactivates a seat in Slack (SCIM), when the workspace allows it. */
export interface SeatManager {
  deactivate(email: string): Promise<'done' | 'not-found'>;
  reactivate(email: string): Promise<'done' | 'not-found'>;
}

export interface CommunityDeps {
  db: Firestore;
  now: () => Date;
  seats: SeatManager | null;
}

export async function communityConfig(db: Firestore): Promise<CommunityConfig> {
  const stored = (await db.collection(CONFIG).doc(COMMUNITY_DOC).get()).data() as Partial<CommunityConfig> | undefined;
  const access = stored?.access ?? 'main';
  const rank = rankOf(await loadTiers(db), access) ?? 30;
  return {
    access,
    rank,
    slackInviteUrl: stored?.slackInviteUrl ?? '',
    telegramInviteUrl: stored?.telegramInviteUrl ?? '',
  };
}

/**
 * Apply a member's rank change to their community seat: the state moves in a transaction (so a
 * retried trigger does not invite twice), the invite email is queued with it, and with SCIM set up
 * the pending deactivation/reactivation is carried out at once.
 */
export async function onRankChange(
  deps: CommunityDeps,
  uid: string,
  member: { email: string; beforeRank: number; afterRank: number },
): Promise<CommunityState | null> {
  const config = await communityConfig(deps.db);
  const ref = deps.db.collection(COMMUNITY).doc(uid);
  const at = Timestamp.fromDate(deps.now());
  const next = await deps.db.runTransaction(async (tx) => {
    const current = ((await tx.get(ref)).get('state') as CommunityState | undefined) ?? null;
    const change = communityTransition(current, member.beforeRank, member.afterRank, config.rank);
    if (!change) return null;
    tx.set(ref, { email: member.email, state: change.state, updatedAt: at }, { merge: true });
    if (change.invite) {
      tx.create(deps.db.collection(MAIL).doc(`${uid}_community-invite`), {
        to: member.email,
        uid,
        template: 'community-invite',
        data: { slackInviteUrl: config.slackInviteUrl, telegramInviteUrl: config.telegramInviteUrl },
        state: 'queued',
        createdAt: at,
      });
    }
    return change.state;
  });
  if (deps.seats && (next === 'to-deactivate' || next === 'to-reactivate')) {
    const result =
      next === 'to-deactivate' ? await deps.seats.deactivate(member.email) : await deps.seats.reactivate(member.email);
    if (result === 'done') return completeCommunityAction(deps, uid, 'scim');
  }
  return next;
}

/** An admin (or SCIM) carried out the pending action. */
export async function completeCommunityAction(
  deps: CommunityDeps,
  uid: string,
  by: string,
): Promise<CommunityState | null> {
  const ref = deps.db.collection(COMMUNITY).doc(uid);
  return deps.db.runTransaction(async (tx) => {
    const current = (await tx.get(ref)).get('state') as CommunityState | undefined;
    const done = current ? communityActionDone(current) : null;
    if (done) tx.update(ref, { state: done, updatedAt: Timestamp.fromDate(deps.now()), doneBy: by });
    return done;
  });
}

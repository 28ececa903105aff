import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { loadTiers } from '../app/tiers-config';
import { communityActionDone, communityTransition } from '../domain/community';
import { seatAfterDeletion } from '../domain/account-deletion';
import { Refusal } from '../domain/refusal';
import { queueMail } from '../mail/queue-mail';
import {
  COMMUNITY,
  COMMUNITY_DOC,
  COMMUNITY_GATED,
  COMMUNITY_LINKS_DOC,
  type CommunityConfig,
  type CommunityLevel,
  type CommunityLinks,
  type CommunityState,
} from '../shared/community';
import { DEFAULT_COMMUNITY } from '../shared/defaults';
import { CONFIG } from '../shared/members';
import { rankOf } from '../shared/tiers';

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

/**
 * The community's level (`config/community`) and invite links (`config/community/gated/links`); the
 * seed default until an admin saved them. The rank follows config/tiers, as rules check it on save.
 */
export async function communityConfig(db: Firestore): Promise<CommunityConfig> {
  const levelRef = db.collection(CONFIG).doc(COMMUNITY_DOC);
  const [levelSnap, linksSnap] = await db.getAll(
    levelRef,
    levelRef.collection(COMMUNITY_GATED).doc(COMMUNITY_LINKS_DOC),
  );
  const level = (levelSnap?.data() as CommunityLevel | undefined) ?? DEFAULT_COMMUNITY;
  const links = linksSnap?.data() as Partial<CommunityLinks> | undefined;
  return {
    access: level.access,
    rank: rankOf(await loadTiers(db), level.access) ?? level.rank,
    slackInviteUrl: links?.slackInviteUrl ?? '',
    telegramInviteUrl: links?.telegramInviteUrl ?? '',
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
  const now = deps.now();
  const next = await deps.db.runTransaction(async (tx) => {
    const current = ((await tx.get(ref)).get('state') as CommunityState | undefined) ?? null;
    const change = communityTransition(current, member.beforeRank, member.afterRank, config.rank);
    if (!change) return null;
    tx.set(ref, { email: member.email, state: change.state, updatedAt: Timestamp.fromDate(now) }, { merge: true });
    if (change.invite) {
      const { slackInviteUrl, telegramInviteUrl } = config;
      queueMail(
        deps.db,
        tx,
        {
          key: `${uid}_community-invite`,
          to: member.email,
          uid,
          template: 'community-invite',
          data: { slackInviteUrl, telegramInviteUrl },
        },
        now,
      );
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

/** An admin (or SCIM) carried out the pending action; null when none was pending. */
export async function completeCommunityAction(
  deps: CommunityDeps,
  uid: string,
  by: string,
): Promise<CommunityState | null> {
  const ref = deps.db.collection(COMMUNITY).doc(uid);
  return deps.db.runTransaction(async (tx) => {
    const seat = await tx.get(ref);
    if (!seat.exists) throw new Refusal('not-found', 'This member has no community seat');
    const done = communityActionDone(seat.get('state') as CommunityState);
    if (done) tx.update(ref, { state: done, updatedAt: Timestamp.fromDate(deps.now()), doneBy: by });
    return done;
  });
}

/**
 * A deleted account's seat goes to the deactivate list (`seatAfterDeletion`), keeping the address the
 * admin needs to find the person in Slack, marked `accountDeleted` so the deletion sweep erases the seat
 * once it is deactivated. With SCIM the deactivation happens at once. Idempotent.
 */
export async function releaseSeatOfDeletedMember(deps: CommunityDeps, uid: string): Promise<CommunityState | null> {
  const ref = deps.db.collection(COMMUNITY).doc(uid);
  const seat = await deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const current = (snap.get('state') as CommunityState | undefined) ?? null;
    const next = seatAfterDeletion(current);
    if (!next) return null;
    if (next !== current || snap.get('accountDeleted') !== true) {
      tx.update(ref, { state: next, accountDeleted: true, updatedAt: Timestamp.fromDate(deps.now()) });
    }
    return { state: next, email: String(snap.get('email') ?? '') };
  });
  if (seat?.state === 'to-deactivate' && deps.seats && seat.email) {
    if ((await deps.seats.deactivate(seat.email)) === 'done') return completeCommunityAction(deps, uid, 'scim');
  }
  return seat?.state ?? null;
}

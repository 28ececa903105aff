import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { HttpsError, onCall } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { parseOrThrow, requireAdmin } from '../app/errors';
import { db } from '../app/firebase';
import { MEMBERS } from '../shared/members';
import { seatManager } from '../announcements/chat-config';
import { completeCommunityAction, onRankChange, type CommunityDeps } from './community-store';

const deps = (): CommunityDeps => ({ db: db(), now: () => new Date(), seats: seatManager() });

/** Any plan change (payment, grant, expiry) that crosses the community level moves the member's seat. */
export const communityOnPlanChange = onDocumentUpdated({ document: `${MEMBERS}/{uid}`, retry: true }, async (event) => {
  const before = event.data?.before.data();
  const after = event.data?.after.data();
  if (!before || !after || before.rank === after.rank) return;
  await onRankChange(deps(), event.params.uid, {
    email: String(after.email ?? ''),
    beforeRank: Number(before.rank ?? 10),
    afterRank: Number(after.rank ?? 10),
  });
});

/** Admin marks a pending deactivation or reactivation as carried out in Slack. */
export const completeCommunitySeat = onCall(async (request) => {
  requireAdmin(request.auth);
  const { uid } = parseOrThrow(z.object({ uid: z.string().min(1).max(128) }).strict(), request.data);
  const state = await completeCommunityAction(deps(), uid, String(request.auth?.token.email ?? 'admin'));
  if (!state) throw new HttpsError('failed-precondition', 'Nothing is pending for this member');
  return { uid, state };
});

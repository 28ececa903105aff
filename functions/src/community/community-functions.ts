import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { CHAT_SECRETS } from '../app/params';
import { Refusal } from '../domain/refusal';
import { completeSeatRequestSchema } from '../shared/community-schema';
import { SIGNED_IN_RANK } from '../shared/defaults';
import { MEMBERS } from '../shared/members';
import { completeCommunityAction, onRankChange } from './community-store';

/** Any plan change (payment, grant, expiry) that crosses the community level moves the member's seat. */
export const communityOnPlanChange = onDocumentUpdated(
  { document: `${MEMBERS}/{uid}`, retry: true, secrets: CHAT_SECRETS },
  async (event) => {
    const before = event.data?.before.data();
    const after = event.data?.after.data();
    if (!before || !after || before.rank === after.rank) return;
    await onRankChange(deps(), event.params.uid, {
      email: String(after.email ?? ''),
      beforeRank: Number(before.rank ?? SIGNED_IN_RANK),
      afterRank: Number(after.rank ?? SIGNED_IN_RANK),
    });
  },
);

/** Admin marks a pending deactivation or reactivation as carried out in Slack. */
export const completeCommunitySeat = callable(
  'completeCommunitySeat',
  { schema: completeSeatRequestSchema, caller: 'admin' },
  async ({ uid }, { caller }) => {
    const state = await completeCommunityAction(deps(), uid, caller.email ?? 'admin');
    if (!state) throw new Refusal('failed-precondition', 'Nothing is pending for this member');
    return { uid, state };
  },
);

import { logger } from 'firebase-functions';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { CHAT_SECRETS, STRIPE_SECRET_KEY } from '../app/params';
import { adminDeletionProblem } from '../domain/account-deletion';
import { Refusal } from '../domain/refusal';
import {
  confirmsAddress,
  deleteMemberSchema,
  deleteMyAccountSchema,
  type DeletionState,
} from '../shared/account-deletion';
import { requestAccountDeletion, runAccountDeletion, type DeletionDeps } from './account-deletion';

/** Stripe to cancel, the Slack SCIM token to deactivate the seat at once where it is set up. */
const secrets = [STRIPE_SECRET_KEY, ...CHAT_SECRETS];

/**
 * Record the request, then run the job now. A step that fails leaves the request recorded: the answer
 * is `requested` and the sweep finishes it (the member still gets their one confirmation mail).
 */
async function deleteAccount(app: DeletionDeps, uid: string, by: { kind: 'self' | 'admin'; uid: string }) {
  await requestAccountDeletion(app, uid, by);
  return runAccountDeletion(app, uid).catch((err: unknown): DeletionState => {
    logger.warn(`account deletion ${uid}: left to the sweep`, { error: String(err) });
    return 'requested';
  });
}

/** The member deletes their own account; typing the account's address is the confirmation. */
export const deleteMyAccount = callable(
  'deleteMyAccount',
  { schema: deleteMyAccountSchema, caller: 'member', secrets },
  async ({ email }, { caller }) => {
    if (!confirmsAddress(email, caller.email)) {
      throw new Refusal('invalid-argument', 'email: type the address of your account to confirm');
    }
    return { state: await deleteAccount(deps(), caller.uid, { kind: 'self', uid: caller.uid }) };
  },
);

/**
 * An admin deletes a member from the members list. Never their own account (`adminDeletionProblem`): an
 * admin's own deletion goes through the account page and its typed confirmation, like anyone's.
 */
export const deleteMember = callable(
  'deleteMember',
  { schema: deleteMemberSchema, caller: 'admin', secrets },
  async ({ uid }, { caller }) => {
    const problem = adminDeletionProblem(caller.uid, uid);
    if (problem) throw new Refusal('failed-precondition', problem);
    return { uid, state: await deleteAccount(deps(), uid, { kind: 'admin', uid: caller.uid }) };
  },
);

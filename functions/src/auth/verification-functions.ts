import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { MEMBERS } from '../shared/members';
import { resendVerificationRequestSchema } from '../shared/verification-schema';
import { resendVerification as resend, sendFirstVerification } from './email-verification';

/**
 * A new member with an unverified address (a password sign-up) gets the verification mail. A trigger,
 * not the blocking function: the link needs the Auth account, which exists only after sign-up; the
 * retry covers a trigger that runs first.
 */
export const sendVerificationOnJoin = onDocumentCreated(
  { document: `${MEMBERS}/{uid}`, retry: true },
  async (event) => {
    if (event.data?.get('emailVerified') !== false) return;
    await sendFirstVerification(deps(), event.params.uid);
  },
);

/** The signed-in member asks for another verification mail (or tells us they verified by now). */
export const resendVerification = callable(
  'resendVerification',
  { schema: resendVerificationRequestSchema, caller: 'member' },
  (_input, { caller }) => resend(deps(), caller.uid),
);

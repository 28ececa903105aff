import { callable } from '../app/callable';
import { clientKey } from '../app/client-address';
import { deps } from '../app/deps';
import {
  emailChangeRequestSchema,
  passwordResetRequestSchema,
  signInLinkRequestSchema,
} from '../shared/account-schema';
import {
  ACCOUNT_MAIL_ANSWERS,
  requestEmailChange as changeEmail,
  requestPasswordReset as reset,
  requestSignInLink,
} from './account-mail';

/**
 * "Forgot password". The same answer whether or not the address is a member's; rate limited per client,
 * per address and overall like the signup box (`resource-exhausted`), behind App Check in production.
 */
export const requestPasswordReset = callable(
  'requestPasswordReset',
  { schema: passwordResetRequestSchema, caller: 'anyone', appCheck: true },
  async ({ email, next }, { client }) => {
    await reset(deps(), email, next, clientKey(client.address, client.appId));
    return { message: ACCOUNT_MAIL_ANSWERS['password-reset'] };
  },
);

/** "Email me a sign-in link", through the outbox. Same answer for anyone; the signup box's limits. */
export const sendSignInLink = callable(
  'sendSignInLink',
  { schema: signInLinkRequestSchema, caller: 'anyone', appCheck: true },
  async ({ email, next }, { client }) => {
    await requestSignInLink(deps(), email, next ?? '/account', clientKey(client.address, client.appId));
    return { message: ACCOUNT_MAIL_ANSWERS['sign-in-link'] };
  },
);

/** The signed-in member changes their address: verify before change, the link mailed to the new address. */
export const requestEmailChange = callable(
  'requestEmailChange',
  { schema: emailChangeRequestSchema, caller: 'member' },
  async ({ newEmail }, { caller }) => {
    await changeEmail(deps(), { uid: caller.uid, email: caller.email, authTime: caller.token.auth_time }, newEmail);
    return { message: `We sent a link to ${newEmail}: your address changes when you open it.` };
  },
);

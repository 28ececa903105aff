import { z } from 'zod';
import { emailAddress } from './fields';
import { returnPath } from './return-path';

// Payloads of the account callables (functions/src/auth/account-functions.ts).

/** `requestPasswordReset`: the address, and where to land once signed in again. */
export const passwordResetRequestSchema = z
  .object({ email: emailAddress('Enter a valid email address'), next: returnPath.optional() })
  .strict();

/** `sendSignInLink`: the address, and the in-app path the link lands on (`/account` when absent). */
export const signInLinkRequestSchema = z
  .object({ email: emailAddress('Enter a valid email address'), next: returnPath.optional() })
  .strict();

/** `requestEmailChange`: the new address; the mail goes there, and the address changes once it is opened. */
export const emailChangeRequestSchema = z.object({ newEmail: emailAddress('Enter a valid email address') }).strict();

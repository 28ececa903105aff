import { callFunction } from '@/lib/firebase';

// The account mails (functions/src/auth/account-functions.ts): each answers the same for any address.

/** "Forgot password": a reset link to a member's address; `next` is where to land once signed in. */
export const requestPasswordReset = (email: string, next?: string) =>
  callFunction('requestPasswordReset', next ? { email, next } : { email });

/** "Email me a sign-in link", landing on `next`. */
export const sendSignInLink = (email: string, next?: string) =>
  callFunction('sendSignInLink', next ? { email, next } : { email });

/** A confirmation link to the new address; the address changes once it is opened. */
export const requestEmailChange = (newEmail: string) => callFunction('requestEmailChange', { newEmail });

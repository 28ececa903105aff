import { defineString } from 'firebase-functions/params';

/** Comma-separated emails that become admins on first sign-in (bootstrap). */
export const ADMIN_EMAILS = defineString('ADMIN_EMAILS', {
  default: '',
  description: 'Comma-separated emails that get the admin claim when their account is created',
});

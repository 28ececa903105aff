import { defineString } from 'firebase-functions/params';

/** Comma-separated emails that become admins on first sign-in (bootstrap). */
export const ADMIN_EMAILS = defineString('ADMIN_EMAILS', {
  default: '',
  description: 'Comma-separated emails that get the admin claim when their account is created',
});

export const APP_URL = defineString('APP_URL', {
  default: 'http://127.0.0.1:5173',
  description:
    'Public URL(s) of the web app, comma-separated: links in emails use the first; Checkout and the Portal return to the one the member came from',
});

/** The app's URLs from APP_URL, without trailing slashes; the first is the canonical one. */
export function appUrls(): string[] {
  return APP_URL.value()
    .split(',')
    .map((u) => u.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

import { defineSecret, defineString } from 'firebase-functions/params';
import { createMailTransport, type MailTransport } from '../adapters/mail';
import { db } from '../app/firebase';
import { appUrls } from '../app/config';
import type { SenderDeps } from '../newsletters/newsletter-sender';
import type { OutboxDeps } from './outbox';

// Mail settings. In the demo project everything goes to the local SMTP capture (scripts start it).
export const MAIL_FROM = defineString('MAIL_FROM', { default: 'Commons <hello@commons.example>' });
export const MAIL_TRANSPORT = defineString('MAIL_TRANSPORT', {
  default: 'smtp',
  description: '"smtp" (SMTP_URL) or "postmark" (MAIL_API_KEY is the server token)',
});
export const SMTP_URL = defineString('SMTP_URL', {
  default: 'smtp://127.0.0.1:1025',
  description: 'smtp(s)://user@host:port; the password is MAIL_API_KEY',
});
/** Postmark server token, or the SMTP password. */
export const MAIL_API_KEY = defineSecret('MAIL_API_KEY');
/** Signs one-click unsubscribe links. */
export const UNSUBSCRIBE_SECRET = defineSecret('UNSUBSCRIBE_SECRET');
export const FUNCTIONS_URL = defineString('FUNCTIONS_URL', {
  default: '',
  description: 'Public base URL of the HTTP functions; empty means https://us-central1-<project>.cloudfunctions.net',
});
export const MAIL_SECRETS = [MAIL_API_KEY, UNSUBSCRIBE_SECRET];

let transport: MailTransport | undefined;
function mailTransport(): MailTransport {
  if (!transport) {
    const key = MAIL_API_KEY.value();
    const url = new URL(SMTP_URL.value());
    if (url.username && !url.password && key) url.password = key;
    transport = createMailTransport({
      MAIL_TRANSPORT: MAIL_TRANSPORT.value(),
      SMTP_URL: url.toString(),
      POSTMARK_SERVER_TOKEN: key,
    });
  }
  return transport;
}

const appUrl = () => appUrls()[0] ?? '';
const functionsUrl = () =>
  FUNCTIONS_URL.value().replace(/\/$/, '') || `https://us-central1-${process.env.GCLOUD_PROJECT}.cloudfunctions.net`;

export function senderDeps(): SenderDeps {
  return {
    db: db(),
    transport: mailTransport(),
    now: () => new Date(),
    settings: {
      from: MAIL_FROM.value(),
      appUrl: appUrl(),
      functionsUrl: functionsUrl(),
      unsubscribeSecret: UNSUBSCRIBE_SECRET.value(),
    },
  };
}

export function outboxDeps(): OutboxDeps {
  return { db: db(), transport: mailTransport(), now: () => new Date(), from: MAIL_FROM.value(), appUrl: appUrl() };
}
export { appUrl };

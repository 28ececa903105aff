// Postmark's bounce and spam-complaint webhook deliveries to the emulated `postmarkWebhook`, with the basic
// auth Postmark sends from the webhook URL; and email links opened through the Hosting emulator.
import { basicAuthHeader } from '../../functions/src/domain/suppression';
import { FUNCTIONS } from './emulators';

/** The demo project's POSTMARK_WEBHOOK_AUTH: `MAIL_CAPTURE.webhookAuth` in scripts/emulators.mjs (.secret.local). */
export const POSTMARK_WEBHOOK_AUTH = 'postmark:demo-webhook-password';

let nextId = 7_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

/** A record as Postmark documents it; `over` replaces fields. */
export function postmarkRecord(
  kind: 'HardBounce' | 'SoftBounce' | 'SpamComplaint' | 'AutoResponder',
  email: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  const complaint = kind === 'SpamComplaint';
  return {
    RecordType: complaint ? 'SpamComplaint' : 'Bounce',
    MessageStream: 'broadcast',
    ID: nextId++,
    Type: kind,
    TypeCode: { HardBounce: 1, SoftBounce: 4096, SpamComplaint: 512, AutoResponder: 64 }[kind],
    Name: kind,
    Tag: '',
    MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
    Metadata: { commonsMessageId: 'issue:uid' },
    ServerID: 23,
    Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    Details: 'Test bounce details',
    Email: email,
    From: 'hello@commons.example',
    BouncedAt: '2026-12-01T16:33:54.9070259Z',
    DumpAvailable: true,
    Inactive: kind !== 'SoftBounce',
    CanActivate: true,
    Subject: 'Test subject',
    ...over,
  };
}

/** The request init of a delivery: JSON body (a string is sent as is) and basic auth (`null`: none). */
export function postmarkDelivery(body: unknown, auth: string | null = POSTMARK_WEBHOOK_AUTH): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth === null ? {} : { authorization: basicAuthHeader(auth) }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** POSTs a record to postmarkWebhook. */
export const postPostmark = (body: unknown, auth?: string | null) =>
  fetch(`${FUNCTIONS}/postmarkWebhook`, postmarkDelivery(body, auth));

/** Hosting emulator (firebase.json rewrites, as production's app domain). */
export const HOSTING = 'http://127.0.0.1:4173';
/** The demo's canonical APP_URL (Vite under `npm start`): where links in emails point. */
export const APP_URL = 'http://127.0.0.1:5173';

/** A link from an email, on the app's domain, opened through Hosting (which rewrites /email/* to the functions). */
export function throughHosting(link: string): string {
  if (!link.startsWith(`${APP_URL}/email/`)) throw new Error(`not an email link on the app's domain: ${link}`);
  return `${HOSTING}${link.slice(APP_URL.length)}`;
}

import { defineBoolean, defineInt, defineSecret, defineString } from 'firebase-functions/params';

// Every setting the functions read, defined once as a Firebase param (secrets live in Secret Manager;
// the demo project reads functions/.env.demo-commons and functions/.secret.local). Only app/deps.ts
// reads them, through `paramEnv`; entry points name the secrets they need in their options.

export const ADMIN_EMAILS = defineString('ADMIN_EMAILS', {
  default: '',
  description: 'Comma-separated emails that get the admin claim when their account is created',
});
export const APP_URL = defineString('APP_URL', {
  default: 'http://127.0.0.1:5173',
  description:
    'Public URL(s) of the web app, comma-separated: links in emails use the first; Checkout and the Portal return to the one the member came from',
});
export const FUNCTIONS_URL = defineString('FUNCTIONS_URL', {
  default: '',
  description: 'Public base URL of the HTTP functions; empty means https://us-central1-<project>.cloudfunctions.net',
});

// ---- billing
export const STRIPE_SECRET_KEY = defineSecret('STRIPE_SECRET_KEY');
export const STRIPE_WEBHOOK_SECRET = defineSecret('STRIPE_WEBHOOK_SECRET');
export const STRIPE_API_BASE = defineString('STRIPE_API_BASE', {
  default: '',
  description: 'Empty for api.stripe.com; the local Stripe twin (http://127.0.0.1:12111) in the emulators',
});
export const BILLING_GRACE_DAYS = defineInt('BILLING_GRACE_DAYS', {
  default: 7,
  description: 'Days a past_due subscription keeps its tier while Stripe retries the payment',
});
export const STRIPE_AUTOMATIC_TAX = defineBoolean('STRIPE_AUTOMATIC_TAX', {
  default: false,
  description: 'Let Stripe Tax compute taxes in Checkout (needs Stripe Tax set up in the dashboard)',
});
export const STRIPE_TAX_ID_COLLECTION = defineBoolean('STRIPE_TAX_ID_COLLECTION', {
  default: false,
  description: 'Let business customers enter a VAT/tax id in Checkout',
});
export const STRIPE_TAX_BEHAVIOR = defineString('STRIPE_TAX_BEHAVIOR', {
  default: 'exclusive',
  description: 'Prices made by stripe-setup: "exclusive" (tax added on top) or "inclusive" (tax included)',
});
export const STRIPE_TAX_CODE = defineString('STRIPE_TAX_CODE', {
  default: 'txcd_10000000',
  description: 'Stripe Tax code of the plan products (default: General - Electronically Supplied Services)',
});

// ---- mail (in the demo project everything goes to the local SMTP capture)
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
/**
 * Signs the links in emails (one-click unsubscribe, signup confirmation): versioned keys, newest first,
 * `2:<secret>,1:<older>` (domain/link-tokens.ts); `npm run admin -- rotate-token-secret` makes the next list.
 */
export const UNSUBSCRIBE_SECRET = defineSecret('UNSUBSCRIBE_SECRET');
export const MAIL_SECRETS = [MAIL_API_KEY, UNSUBSCRIBE_SECRET];
// ---- deliverability: the footer's postal address, the bounce webhook and when soft bounces suppress
export const MAIL_POSTAL_ADDRESS = defineString('MAIL_POSTAL_ADDRESS', {
  description:
    "The community's postal address, shown in the footer of every email (anti-spam laws and mailbox providers ask for one)",
});
/** `user:password` Postmark sends as HTTP basic auth to `postmarkWebhook` (set in the webhook's URL). */
export const POSTMARK_WEBHOOK_AUTH = defineSecret('POSTMARK_WEBHOOK_AUTH');
export const SOFT_BOUNCE_LIMIT = defineInt('SOFT_BOUNCE_LIMIT', {
  default: 3,
  description: 'Soft bounces within SOFT_BOUNCE_WINDOW_DAYS that suppress an address for newsletters',
});
export const SOFT_BOUNCE_WINDOW_DAYS = defineInt('SOFT_BOUNCE_WINDOW_DAYS', {
  default: 14,
  description: 'Days over which soft bounces are counted',
});

// ---- the signup box (signup/signup-limits.ts): limits on confirmation mails, App Check on the callable
export const SIGNUP_MAILS_PER_MINUTE = defineInt('SIGNUP_MAILS_PER_MINUTE', {
  default: 30,
  description: 'Confirmation mails the public signup box may send per minute, all visitors together',
});
export const SIGNUPS_PER_CLIENT = defineInt('SIGNUPS_PER_CLIENT', {
  default: 5,
  description: 'Sign-ups one network (IP address, IPv6 /64) may ask for per 10 minutes',
});
export const ENFORCE_APP_CHECK = defineBoolean('ENFORCE_APP_CHECK', {
  default: true,
  description:
    'Callables that opt in (subscribeVisitor) refuse calls without a valid App Check token; register the web app with reCAPTCHA Enterprise first (README, Deploying)',
});

// ---- announcements and Slack seats: leave a setting empty (or a secret "none") to turn that part off
export const SLACK_WEBHOOK_URL = defineString('SLACK_WEBHOOK_URL', {
  default: '',
  description: 'Slack incoming webhook for announcements',
});
export const TELEGRAM_CHAT_ID = defineString('TELEGRAM_CHAT_ID', {
  default: '',
  description: 'Telegram channel, e.g. @mycommunity',
});
export const TELEGRAM_API_BASE = defineString('TELEGRAM_API_BASE', { default: '' });
export const SLACK_API_BASE = defineString('SLACK_API_BASE', { default: '' });
export const TELEGRAM_BOT_TOKEN = defineSecret('TELEGRAM_BOT_TOKEN');
export const SLACK_SCIM_TOKEN = defineSecret('SLACK_SCIM_TOKEN');
export const CHAT_SECRETS = [TELEGRAM_BOT_TOKEN, SLACK_SCIM_TOKEN];

// ---- Zoom (Server-to-Server OAuth app): leave ZOOM_ACCOUNT_ID empty to run without Zoom
export const ZOOM_ACCOUNT_ID = defineString('ZOOM_ACCOUNT_ID', {
  default: '',
  description: 'Account ID of the Zoom Server-to-Server OAuth app; empty turns Zoom off',
});
export const ZOOM_CLIENT_ID = defineString('ZOOM_CLIENT_ID', { default: '' });
export const ZOOM_CLIENT_SECRET = defineSecret('ZOOM_CLIENT_SECRET');
/** Verifies Zoom's webhooks (x-zm-signature) and answers its URL validation. */
export const ZOOM_WEBHOOK_SECRET_TOKEN = defineSecret('ZOOM_WEBHOOK_SECRET_TOKEN');
export const ZOOM_API_BASE = defineString('ZOOM_API_BASE', {
  default: 'https://api.zoom.us/v2',
  description: 'Zoom REST API; the local Zoom twin (http://127.0.0.1:8100/v2) in the emulators',
});
export const ZOOM_OAUTH_BASE = defineString('ZOOM_OAUTH_BASE', {
  default: 'https://zoom.us',
  description: 'Where /oauth/token lives; the local Zoom twin (http://127.0.0.1:8100) in the emulators',
});
export const ZOOM_WAITING_ROOM = defineBoolean('ZOOM_WAITING_ROOM', {
  default: true,
  description: 'Meetings put attendees in the waiting room until the host admits them',
});
export const ZOOM_PASSCODE = defineString('ZOOM_PASSCODE', {
  default: 'random',
  description: '"random": each meeting gets its own 8-digit passcode; "none": the Zoom account default applies',
});
export const ZOOM_SECRETS = [ZOOM_CLIENT_SECRET];
// ---- event mirrors (docs/architecture.md, "Integrations"): empty (or a secret "none") turns a mirror off
export const GOOGLE_CALENDAR_ID = defineString('GOOGLE_CALENDAR_ID', {
  default: '',
  description: 'The community\'s Google Calendar (shared with the service account, "Make changes to events")',
});
/** The service account's key JSON (or its base64). */
export const GOOGLE_SERVICE_ACCOUNT_KEY = defineSecret('GOOGLE_SERVICE_ACCOUNT_KEY');
export const GOOGLE_API_BASE = defineString('GOOGLE_API_BASE', {
  default: '',
  description: 'Empty for https://www.googleapis.com; the local Google Calendar twin in the emulators',
});
export const GOOGLE_TOKEN_URL = defineString('GOOGLE_TOKEN_URL', {
  default: '',
  description: "Empty for Google's OAuth token endpoint; the twin's /token in the emulators",
});
export const GOOGLE_CALENDAR_JOIN_DETAILS = defineBoolean('GOOGLE_CALENDAR_JOIN_DETAILS', {
  default: false,
  description:
    'Put join URL and passcode into the Google Calendar copy: only for a calendar no one may read who is not allowed to join every event',
});
/** The Luma calendar's API key (a key is scoped to one calendar). */
export const LUMA_API_KEY = defineSecret('LUMA_API_KEY');
export const LUMA_API_BASE = defineString('LUMA_API_BASE', {
  default: '',
  description: 'Empty for https://public-api.luma.com; the local Luma twin in the emulators',
});
export const MIRROR_SECRETS = [GOOGLE_SERVICE_ACCOUNT_KEY, LUMA_API_KEY];

// ---- courses (docs/architecture.md, "Courses"): the GitHub repository the course sync reads on push
export const GITHUB_REPO = defineString('GITHUB_REPO', {
  default: '',
  description: 'The private course repository, owner/name; empty turns the push webhook off (content:sync still works)',
});
export const GITHUB_BRANCH = defineString('GITHUB_BRANCH', {
  default: 'main',
  description: 'The branch whose pushes publish the courses; pushes to other branches are ignored',
});
export const GITHUB_API_BASE = defineString('GITHUB_API_BASE', {
  default: '',
  description: 'Empty for https://api.github.com; the local GitHub twin (http://127.0.0.1:8130) in the emulators',
});
/** A fine-grained token with read access to the repository's contents (`contents:read`), nothing else. */
export const GITHUB_TOKEN = defineSecret('GITHUB_TOKEN');
/** The webhook's secret: GitHub signs each delivery with it (X-Hub-Signature-256). */
export const GITHUB_WEBHOOK_SECRET = defineSecret('GITHUB_WEBHOOK_SECRET');

const PARAMS = {
  ADMIN_EMAILS,
  APP_URL,
  FUNCTIONS_URL,
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  STRIPE_API_BASE,
  BILLING_GRACE_DAYS,
  STRIPE_AUTOMATIC_TAX,
  STRIPE_TAX_ID_COLLECTION,
  STRIPE_TAX_BEHAVIOR,
  STRIPE_TAX_CODE,
  MAIL_FROM,
  MAIL_TRANSPORT,
  SMTP_URL,
  MAIL_API_KEY,
  UNSUBSCRIBE_SECRET,
  MAIL_POSTAL_ADDRESS,
  POSTMARK_WEBHOOK_AUTH,
  SOFT_BOUNCE_LIMIT,
  SOFT_BOUNCE_WINDOW_DAYS,
  SIGNUP_MAILS_PER_MINUTE,
  SIGNUPS_PER_CLIENT,
  ENFORCE_APP_CHECK,
  SLACK_WEBHOOK_URL,
  TELEGRAM_CHAT_ID,
  TELEGRAM_API_BASE,
  SLACK_API_BASE,
  TELEGRAM_BOT_TOKEN,
  SLACK_SCIM_TOKEN,
  ZOOM_ACCOUNT_ID,
  ZOOM_CLIENT_ID,
  ZOOM_CLIENT_SECRET,
  ZOOM_WEBHOOK_SECRET_TOKEN,
  ZOOM_API_BASE,
  ZOOM_OAUTH_BASE,
  ZOOM_WAITING_ROOM,
  ZOOM_PASSCODE,
  GOOGLE_CALENDAR_ID,
  GOOGLE_SERVICE_ACCOUNT_KEY,
  GOOGLE_API_BASE,
  GOOGLE_TOKEN_URL,
  GOOGLE_CALENDAR_JOIN_DETAILS,
  LUMA_API_KEY,
  LUMA_API_BASE,
  GITHUB_REPO,
  GITHUB_BRANCH,
  GITHUB_API_BASE,
  GITHUB_TOKEN,
  GITHUB_WEBHOOK_SECRET,
};
export type SettingName = keyof typeof PARAMS;

/**
 * Where settings come from: a setting's value by name (read on demand, so a function only touches the
 * secrets it declared). Deployed functions use `paramEnv`; dev-cron and the CLIs use `mapEnv`.
 */
export type Env = (name: SettingName) => string;

export const paramEnv: Env = (name) => String(PARAMS[name].value());

/** Settings from a plain map (an env file, process.env); a name it lacks takes its param's default. */
export function mapEnv(map: Record<string, string | undefined>): Env {
  return (name) => {
    const fallback = 'default' in PARAMS[name].options ? PARAMS[name].options.default : undefined;
    return map[name] ?? (fallback === undefined ? '' : String(fallback));
  };
}

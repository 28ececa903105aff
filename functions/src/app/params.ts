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

// ---- Zoom recordings ingest (the Zoom API's own params are declared with the Zoom adapter)
/** Zoom app's "Secret Token": signs webhook deliveries and answers the endpoint's URL validation. */
export const ZOOM_WEBHOOK_SECRET_TOKEN = defineSecret('ZOOM_WEBHOOK_SECRET_TOKEN');

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
  MAIL_FROM,
  MAIL_TRANSPORT,
  SMTP_URL,
  MAIL_API_KEY,
  UNSUBSCRIBE_SECRET,
  SLACK_WEBHOOK_URL,
  TELEGRAM_CHAT_ID,
  TELEGRAM_API_BASE,
  SLACK_API_BASE,
  TELEGRAM_BOT_TOKEN,
  SLACK_SCIM_TOKEN,
  ZOOM_WEBHOOK_SECRET_TOKEN,
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

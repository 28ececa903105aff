import type { Env } from './params';

/** Every plain setting the areas use; each area's deps take the `Pick` they need (tests build it directly). */
export interface Settings {
  /** The app's URLs from APP_URL, without trailing slashes; the first is the canonical one. */
  appUrls: string[];
  /** The canonical app URL: links in emails and announcements. */
  appUrl: string;
  /** Base URL of the HTTP functions (webhooks); links in emails are on `appUrl` (`mail/email-links.ts`). */
  functionsUrl: string;
  /** Sender of every email. */
  from: string;
  unsubscribeSecret: string;
  stripeWebhookSecret: string;
  /** Comma-separated emails that become admins on first sign-in (bootstrap). */
  adminEmails: string;
  /** Days a past_due subscription keeps its tier. */
  graceDays: number;
  automaticTax: boolean;
  taxIdCollection: boolean;
  /** How stripe-setup taxes prices and products (STRIPE_TAX_BEHAVIOR, STRIPE_TAX_CODE). */
  taxBehavior: 'exclusive' | 'inclusive';
  taxCode: string;
  /** Zoom's webhook secret token (x-zm-signature, URL validation). */
  zoomWebhookSecret: string;
  /** Join URL and passcode go into the Google Calendar copy (GOOGLE_CALENDAR_JOIN_DETAILS). */
  googleCalendarJoinDetails: boolean;
  /** The community's postal address, in every email's footer. */
  postalAddress: string;
  /** `user:password` that Postmark's bounce webhook sends as basic auth; empty refuses every delivery. */
  postmarkWebhookAuth: string;
  /** Soft bounces within `softBounceWindowDays` that suppress an address. */
  softBounceLimit: number;
  softBounceWindowDays: number;
  /** The signup box's limits: confirmation mails per minute overall, sign-ups per client per 10 minutes. */
  signupLimits: { mailsPerMinute: number; perClient: number };
  /** The course repository's push webhook (GITHUB_REPO, GITHUB_BRANCH, GITHUB_WEBHOOK_SECRET). */
  github: { repo: string; branch: string; webhookSecret: string };
}

/**
 * The settings read from `env` on access (getters), so a function reads only the secrets it uses; a
 * secret it did not declare would only log a warning and read empty.
 */
export function settingsFrom(env: Env): Settings {
  return {
    get appUrls() {
      return env('APP_URL')
        .split(',')
        .map((u) => u.trim().replace(/\/$/, ''))
        .filter(Boolean);
    },
    get appUrl() {
      return this.appUrls[0] ?? '';
    },
    get functionsUrl() {
      return (
        env('FUNCTIONS_URL').replace(/\/$/, '') ||
        `https://us-central1-${process.env.GCLOUD_PROJECT}.cloudfunctions.net`
      );
    },
    get from() {
      return env('MAIL_FROM');
    },
    get unsubscribeSecret() {
      return env('UNSUBSCRIBE_SECRET');
    },
    get stripeWebhookSecret() {
      return env('STRIPE_WEBHOOK_SECRET');
    },
    get adminEmails() {
      return env('ADMIN_EMAILS');
    },
    get graceDays() {
      return Number(env('BILLING_GRACE_DAYS'));
    },
    get automaticTax() {
      return env('STRIPE_AUTOMATIC_TAX') === 'true';
    },
    get taxIdCollection() {
      return env('STRIPE_TAX_ID_COLLECTION') === 'true';
    },
    get taxBehavior() {
      return env('STRIPE_TAX_BEHAVIOR') === 'inclusive' ? 'inclusive' : 'exclusive';
    },
    get taxCode() {
      return env('STRIPE_TAX_CODE');
    },
    get zoomWebhookSecret() {
      return env('ZOOM_WEBHOOK_SECRET_TOKEN');
    },
    get googleCalendarJoinDetails() {
      return env('GOOGLE_CALENDAR_JOIN_DETAILS') === 'true';
    },
    get postalAddress() {
      return env('MAIL_POSTAL_ADDRESS').trim();
    },
    get postmarkWebhookAuth() {
      const value = env('POSTMARK_WEBHOOK_AUTH');
      return value === 'none' ? '' : value;
    },
    get softBounceLimit() {
      return Math.max(1, Number(env('SOFT_BOUNCE_LIMIT')) || 1);
    },
    get softBounceWindowDays() {
      return Math.max(1, Number(env('SOFT_BOUNCE_WINDOW_DAYS')) || 1);
    },
    get signupLimits() {
      return { mailsPerMinute: Number(env('SIGNUP_MAILS_PER_MINUTE')), perClient: Number(env('SIGNUPS_PER_CLIENT')) };
    },
    get github() {
      return {
        repo: env('GITHUB_REPO').trim(),
        branch: env('GITHUB_BRANCH').trim() || 'main',
        webhookSecret: env('GITHUB_WEBHOOK_SECRET'),
      };
    },
  };
}

import { appUrls } from '../app/config';
import { defineBoolean, defineInt, defineSecret, defineString } from 'firebase-functions/params';

// Billing settings. Secrets live in Secret Manager in production (`firebase functions:secrets:set`);
// the demo project reads twin values from functions/.secret.local and functions/.env.demo-commons.
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

/** Everything the billing code needs from configuration, as plain values (tests build this directly). */
export interface BillingSettings {
  /** Allowed app origins; the first is the default. */
  appUrls: string[];
  graceDays: number;
  automaticTax: boolean;
  taxIdCollection: boolean;
}

export function billingSettings(): BillingSettings {
  return {
    appUrls: appUrls(),
    graceDays: BILLING_GRACE_DAYS.value(),
    automaticTax: STRIPE_AUTOMATIC_TAX.value(),
    taxIdCollection: STRIPE_TAX_ID_COLLECTION.value(),
  };
}

/** Where to send the member back: the app origin they called from when it is allowed, else the first. */
export function appUrlFor(settings: BillingSettings, origin: string | undefined): string {
  const match = origin ? settings.appUrls.find((u) => u === origin.replace(/\/$/, '')) : undefined;
  const url = match ?? settings.appUrls[0];
  if (!url) throw new Error('APP_URL is not set');
  return url;
}

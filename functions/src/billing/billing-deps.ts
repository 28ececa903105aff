import { auth, db } from '../app/firebase';
import { stripeClient } from '../adapters/stripe/stripe-client';
import { billingSettings, STRIPE_API_BASE, STRIPE_SECRET_KEY } from './billing-config';
import type { BillingDeps } from './subscription-sync';

/** Billing dependencies from the function's params and secrets (one Stripe client per instance). */
let cached: { key: string; deps: BillingDeps } | undefined;
export function billingDeps(): BillingDeps {
  const key = STRIPE_SECRET_KEY.value();
  if (cached?.key !== key) {
    cached = {
      key,
      deps: {
        db: db(),
        auth: auth(),
        now: () => new Date(),
        stripe: stripeClient(key, STRIPE_API_BASE.value()),
        settings: billingSettings(),
      },
    };
  }
  return cached.deps;
}

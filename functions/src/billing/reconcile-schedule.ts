import { onSchedule } from 'firebase-functions/v2/scheduler';
import { STRIPE_SECRET_KEY } from './billing-config';
import { billingDeps } from './billing-deps';
import { reconcileSubscriptions } from './reconcile';

/** Daily: heal any drift between Stripe and members (a lost webhook, a manual change in the dashboard). */
export const reconcileBillingDaily = onSchedule(
  { schedule: 'every day 04:00', timeZone: 'UTC', secrets: [STRIPE_SECRET_KEY], timeoutSeconds: 540 },
  async () => {
    await reconcileSubscriptions(billingDeps());
  },
);

/**
 * How a plan change is charged, set explicitly rather than left to Stripe's default: the Customer Portal
 * configuration (`setupStripePortal`) and any API price change use it, and the pricing page says it.
 * `always_invoice`: an upgrade is invoiced (and charged) at once for the prorated difference; a
 * downgrade's unused difference becomes a credit Stripe takes off the next invoices.
 */
export const PRORATION_BEHAVIOR = 'always_invoice' as const;

/** The pricing page's one line about plan changes; it must describe PRORATION_BEHAVIOR. */
export const PRORATION_NOTE =
  'Upgrades are charged the prorated difference at once; downgrades apply at once, and the unused difference is credited to your next invoices.';

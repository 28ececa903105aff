import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { STRIPE_SECRET_KEY } from '../app/params';
import { checkoutRequestSchema, portalRequestSchema } from '../shared/billing-schema';
import { createCheckout, createPortal } from './checkout';

/** Stripe Checkout for the signed-in member (or the portal when they already pay). */
export const createCheckoutSession = callable(
  'createCheckoutSession',
  { schema: checkoutRequestSchema, caller: 'member', secrets: [STRIPE_SECRET_KEY] },
  (input, { caller, origin }) => createCheckout(deps(), caller.uid, input, origin),
);

/** Stripe Customer Portal for the signed-in member's own customer. */
export const createPortalSession = callable(
  'createPortalSession',
  { schema: portalRequestSchema, caller: 'member', secrets: [STRIPE_SECRET_KEY] },
  (_input, { caller, origin }) => createPortal(deps(), caller.uid, origin),
);

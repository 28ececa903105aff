import { z } from 'zod';
import { BILLING_INTERVALS } from './billing';
import { levelId } from './fields';
import { returnPath } from './return-path';

// Request schemas of the billing callables, apart from billing.ts so pages that only show plans do not
// carry zod.

/** Payload of `createCheckoutSession`. No uid: a member can only ever buy for itself. */
export const checkoutRequestSchema = z
  .object({
    tier: levelId('Choose a plan'),
    interval: z.enum(BILLING_INTERVALS, { message: 'interval must be monthly or yearly' }),
    returnTo: returnPath.optional(),
  })
  .strict();
/** Payload of `createPortalSession`: nothing, the portal is always the caller's own. */
export const portalRequestSchema = z.object({}).strict();

import { HttpsError, onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { asHttpsError, parseOrThrow } from '../app/errors';
import { STRIPE_SECRET_KEY } from './billing-config';
import { billingDeps } from './billing-deps';
import { checkoutRequestSchema, createCheckout, createPortal, portalRequestSchema } from './checkout';

function signedInUid(request: CallableRequest): string {
  if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in to choose a plan.');
  return request.auth.uid;
}

/** Stripe Checkout for the signed-in member (or the portal when they already pay). */
export const createCheckoutSession = onCall({ secrets: [STRIPE_SECRET_KEY] }, async (request) => {
  const uid = signedInUid(request);
  const input = parseOrThrow(checkoutRequestSchema, request.data);
  return asHttpsError(() => createCheckout(billingDeps(), uid, input, request.rawRequest.get('origin')));
});

/** Stripe Customer Portal for the signed-in member's own customer. */
export const createPortalSession = onCall({ secrets: [STRIPE_SECRET_KEY] }, async (request) => {
  const uid = signedInUid(request);
  parseOrThrow(portalRequestSchema, request.data ?? {});
  return asHttpsError(() => createPortal(billingDeps(), uid, request.rawRequest.get('origin')));
});

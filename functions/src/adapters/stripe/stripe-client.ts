import Stripe from 'stripe';

/**
 * The official Stripe SDK, against api.stripe.com or, when `apiBase` is set, the local Stripe twin
 * (same wire format), so the code path that runs in tests is the one that runs in production.
 */
export function stripeClient(secretKey: string, apiBase = ''): Stripe {
  if (!secretKey) throw new Error('STRIPE_SECRET_KEY is not set');
  const config: Stripe.StripeConfig = { maxNetworkRetries: 2, appInfo: { name: 'Commons' } };
  if (apiBase) {
    const url = new URL(apiBase);
    config.host = url.hostname;
    config.port = url.port || (url.protocol === 'https:' ? 443 : 80);
    config.protocol = url.protocol === 'https:' ? 'https' : 'http';
  }
  return new Stripe(secretKey, config);
}

/** Webhook signature check over the raw body; throws Stripe's own error on any mismatch. */
export function verifyStripeEvent(
  rawBody: Buffer | string,
  signature: string | undefined,
  secret: string,
  toleranceSeconds = 300,
): Stripe.Event {
  if (!signature) throw new Error('No Stripe-Signature header');
  return Stripe.webhooks.constructEvent(rawBody, signature, secret, toleranceSeconds);
}

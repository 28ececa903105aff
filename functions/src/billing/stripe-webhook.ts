import { logger } from 'firebase-functions';
import { FieldValue } from 'firebase-admin/firestore';
import { onRequest } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { verifyStripeEvent } from '../adapters/stripe/stripe-client';
import { deps } from '../app/deps';
import { httpHandler } from '../app/http';
import { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } from '../app/params';
import { processBillingEvent } from './billing-events';
import { BILLING_EVENTS } from './stripe-mapping';
import type { BillingDeps } from './subscription-sync';

export const WEBHOOK_EVENTS = 'webhookEvents';

export interface WebhookRequest {
  rawBody: Buffer | string;
  signature: string | undefined;
}
export interface WebhookResponse {
  status: number;
  body: string;
}

/**
 * Handle one Stripe webhook delivery. A bad signature, stale timestamp or non-JSON body is rejected
 * (400) before anything is read or written; unknown event types and duplicates are acknowledged (200)
 * and change nothing. The ledger entry is written only after the sync succeeded, so a crash mid-way
 * makes Stripe retry, and the retry converges because the sync reads Stripe's current state.
 */
export async function handleStripeWebhook(
  deps: BillingDeps,
  webhookSecret: string,
  req: WebhookRequest,
): Promise<WebhookResponse> {
  let event;
  try {
    event = verifyStripeEvent(req.rawBody, req.signature, webhookSecret);
  } catch (err) {
    const reason = (err as Error).message;
    logger.warn(`Stripe webhook rejected: ${reason}`);
    return { status: 400, body: `Webhook rejected: ${reason}` };
  }
  if (!BILLING_EVENTS.has(event.type)) {
    logger.info(`Stripe event ${event.id} (${event.type}) ignored: not a billing event we handle`);
    return { status: 200, body: 'ignored' };
  }
  const ledger = deps.db.collection(WEBHOOK_EVENTS).doc(`stripe_${event.id}`);
  if ((await ledger.get()).exists) {
    logger.info(`Stripe event ${event.id} (${event.type}) already processed; duplicate ignored`);
    return { status: 200, body: 'duplicate' };
  }
  const { customerId, result } = await processBillingEvent(deps, event);
  await ledger.set({
    provider: 'stripe',
    type: event.type,
    customerId,
    uid: result?.uid ?? null,
    tier: result?.to ?? null,
    processedAt: FieldValue.serverTimestamp(),
  });
  logger.info(`Stripe event ${event.id} (${event.type}) processed`, result ?? {});
  return { status: 200, body: 'ok' };
}

/** Stripe sends events of a few kB; anything near this is not Stripe. */
const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * Stripe's webhook endpoint. Thin glue: the raw body (needed for the signature) and the handler above.
 * A failure answers 500: Stripe retries with backoff, and the sync is idempotent, so the retry converges.
 */
export const stripeWebhook = onRequest(
  { secrets: [STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET] },
  httpHandler(
    'stripeWebhook',
    { methods: ['POST'], maxBodyBytes: MAX_EVENT_BYTES, schema: z.object({}).strict() },
    async (_input, req, res) => {
      const app = deps();
      const result = await handleStripeWebhook(app, app.settings.stripeWebhookSecret, {
        rawBody: req.rawBody,
        signature: req.get('stripe-signature'),
      });
      res.status(result.status).send(result.body);
    },
  ),
);

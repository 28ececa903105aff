// Helpers for billing tests: the real Stripe SDK pointed at the local twin that test-emulated.mjs starts
// (the same twin the functions emulator's Stripe client talks to), and Stripe-signed webhook deliveries.
import Stripe from 'stripe';
import { expect } from 'vitest';
import { stripeClient } from '../../functions/src/adapters/stripe/stripe-client';
import { setupStripePrices } from '../../functions/src/billing/stripe-prices';
import type { BillingDeps } from '../../functions/src/billing/subscription-sync';
import {
  adminSdk,
  callFunction,
  eventually,
  FUNCTIONS,
  readMember,
  type SignedIn,
  type StoredMember,
} from './emulators';

export const TWIN_URL = 'http://127.0.0.1:12111';
export const WEBHOOK_SECRET = 'whsec_commons_twin';
export const stripe = stripeClient('sk_test_commons_twin', TWIN_URL);

/** In-process billing deps, as the functions build them, against the emulators and the twin. */
export function billingTestDeps(overrides: Partial<BillingDeps> = {}): BillingDeps {
  const { db, auth } = adminSdk();
  return {
    db,
    auth,
    now: () => new Date(),
    stripe,
    settings: { appUrls: ['http://127.0.0.1:4173'], graceDays: 7, automaticTax: false, taxIdCollection: false },
    ...overrides,
  };
}

/** Empty twin, products and prices created in it, their ids written to config/tiers. */
export async function resetTwinWithPrices(): Promise<void> {
  const res = await fetch(`${TWIN_URL}/_twin/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`twin reset: ${res.status}`);
  await setupStripePrices(stripe, adminSdk().db);
}

/** POST a body to the emulated webhook with a Stripe-Signature built by the SDK's own test helper. */
export async function postWebhook(
  payload: string,
  opts: { secret?: string; timestamp?: number; signature?: string | null; contentType?: string } = {},
): Promise<{ status: number; text: string }> {
  const signature =
    opts.signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: opts.secret ?? WEBHOOK_SECRET,
          ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
        })
      : opts.signature;
  const res = await fetch(`${FUNCTIONS}/stripeWebhook`, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/json',
      ...(signature === null ? {} : { 'stripe-signature': signature }),
    },
    body: payload,
  });
  return { status: res.status, text: await res.text() };
}

export const checkout = (user: SignedIn, data: unknown) => callFunction('createCheckoutSession', data, user.idToken);

/** Pay a Checkout session on the twin's dev page as its form does (a good card); answers once its webhooks were delivered. */
export async function payCheckoutPage(url: string): Promise<Response> {
  return fetch(`${url}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card: '4242424242424242' }),
    redirect: 'manual',
  });
}

/** The id of a twin Checkout session from its page URL. */
export const sessionIdOf = (url: string) => /\/checkout\/([^/?]+)/.exec(url)?.[1] ?? '';

/** Buy a plan (monthly unless told), end to end: callable -> twin checkout page -> signed webhooks -> the member at `tier`. */
export async function buyPlan(
  user: SignedIn,
  tier: string,
  interval: 'monthly' | 'yearly' = 'monthly',
): Promise<StoredMember> {
  const session = await checkout(user, { tier, interval });
  expect(session.result?.kind).toBe('checkout');
  // Pay on the twin's dev page as its form does (a good card); it answers once the webhooks were delivered.
  const paid = await fetch(`${session.result!.url}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card: '4242424242424242' }),
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  return eventually(
    () => readMember(user.uid),
    (m) => m.tier === tier,
  );
}

/** The twin's test clock and dunning controls for one subscription. */
export async function twinAction(
  subscriptionId: string,
  action: 'advance' | 'fail-renewal' | 'pay' | 'require-action' | 'trial-will-end' | 'upcoming',
): Promise<void> {
  const res = await fetch(`${TWIN_URL}/_twin/subscriptions/${subscriptionId}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`twin ${action}: ${res.status} ${await res.text()}`);
}

/** The twin's payment reversals: refund a charge (all, or `amount`), open a dispute on it, decide a dispute. */
export async function twinPayment(
  path: `charges/${string}/refund` | `charges/${string}/dispute` | `disputes/${string}/close`,
  params: Record<string, string> = {},
): Promise<{ events: Array<{ id: string; type: string; object: { id?: string } }> }> {
  const res = await fetch(`${TWIN_URL}/_twin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  if (!res.ok) throw new Error(`twin ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { events: Array<{ id: string; type: string; object: { id?: string } }> };
}

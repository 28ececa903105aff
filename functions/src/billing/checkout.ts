import { logger } from 'firebase-functions';
import { Refusal } from '../domain/refusal';
import type Stripe from 'stripe';
import { readTiers } from '../app/tiers-config';
import { subscriptionFact } from '../members/member-store';
import {
  subscriptionGrantsTier,
  type BillingRedirect,
  type CheckoutRequest,
  type MemberBillingFields,
} from '../shared/billing';
import { MEMBERS, type MemberDoc } from '../shared/members';
import { tierById } from '../shared/tiers';
import { isSafeReturnPath } from '../shared/return-path';
import { coveredMessage, grantCover } from '../shared/grant-cover';
import type { Timestamp } from 'firebase-admin/firestore';
import type { BillingDeps, BillingSettings } from './subscription-sync';

/** Where to send the member back: the app origin they called from when it is allowed, else the first. */
export function appUrlFor(settings: BillingSettings, origin: string | undefined): string {
  const match = origin ? settings.appUrls.find((u) => u === origin.replace(/\/$/, '')) : undefined;
  const url = match ?? settings.appUrls[0];
  if (!url) throw new Error('APP_URL is not set');
  return url;
}

/**
 * Checkout's success page: the account page's `CheckoutNotice`, which waits for the plan to reach the
 * claims and then goes on to `returnTo` (the item that led to paying), when it is a safe in-app path.
 * `{CHECKOUT_SESSION_ID}` stays literal: Stripe fills it in.
 */
export function checkoutSuccessUrl(appUrl: string, returnTo: string | undefined): string {
  const back = isSafeReturnPath(returnTo) ? `&returnTo=${encodeURIComponent(returnTo)}` : '';
  return `${appUrl}/account?checkout=success&session_id={CHECKOUT_SESSION_ID}${back}`;
}

type Member = MemberDoc<Timestamp> & MemberBillingFields<Timestamp>;

async function memberOrThrow(deps: BillingDeps, uid: string): Promise<Member> {
  const snap = await deps.db.collection(MEMBERS).doc(uid).get();
  if (!snap.exists)
    throw new Refusal('not-found', 'Your member profile is still being created; try again in a moment.');
  return snap.data() as Member;
}

/**
 * The member's Stripe customer, created once. The Stripe idempotency key makes concurrent first clicks
 * get the same customer from Stripe; the transaction makes sure only one id is ever stored. A customer
 * left over from an earlier failed attempt (keys expire after 24 h) is found by its uid metadata.
 */
export async function ensureCustomer(deps: BillingDeps, uid: string, member: Member): Promise<string> {
  if (member.stripeCustomerId) return member.stripeCustomerId;
  const existing = await deps.stripe.customers.list({ email: member.email, limit: 100 });
  const customer =
    existing.data.find((c) => c.metadata.firebaseUID === uid) ??
    (await deps.stripe.customers.create(
      { email: member.email, name: member.name || undefined, metadata: { firebaseUID: uid } },
      { idempotencyKey: `commons-customer-${uid}` },
    ));
  const ref = deps.db.collection(MEMBERS).doc(uid);
  return deps.db.runTransaction(async (tx) => {
    const stored = (await tx.get(ref)).get('stripeCustomerId') as string | undefined;
    if (stored) return stored;
    tx.set(ref, { stripeCustomerId: customer.id }, { merge: true });
    return customer.id;
  });
}

async function portalSession(deps: BillingDeps, customerId: string, appUrl: string): Promise<BillingRedirect> {
  const session = await deps.stripe.billingPortal.sessions.create({
    customer: customerId,
    return_url: `${appUrl}/account`,
  });
  return { url: session.url, kind: 'portal' };
}

/**
 * Expire the member's earlier open Checkout sessions, so two tabs cannot both be paid. One already
 * completed or expired meanwhile (a concurrent click) is not an error. A session paid in the race
 * that remains is caught by the sync (`endDuplicates`).
 */
export async function expireOpenSessions(stripe: Stripe, customer: string): Promise<void> {
  const open = await stripe.checkout.sessions.list({ customer, status: 'open', limit: 100 });
  for (const session of open.data) {
    try {
      await stripe.checkout.sessions.expire(session.id);
    } catch (err) {
      if (!(err instanceof Error && 'type' in err && err.type === 'StripeInvalidRequestError')) throw err;
      logger.info(`Checkout session ${session.id} was no longer open: ${err.message}`);
    }
  }
}

/**
 * Where a member goes to buy `tier`: a Checkout session, or the Customer Portal when they already pay
 * (a second subscription would charge them twice; plan changes belong in the portal).
 */
export async function createCheckout(
  deps: BillingDeps,
  uid: string,
  input: CheckoutRequest,
  origin?: string,
): Promise<BillingRedirect> {
  // Stripe receipts and our billing mail go to this address: it must be the member's own. The Auth
  // account is asked, not the mirror, so a link opened a minute ago counts at once.
  if (!(await deps.auth.getUser(uid)).emailVerified) {
    throw new Refusal(
      'failed-precondition',
      'Verify your email first: open the link we emailed you, or send a new one from your account page.',
    );
  }
  const appUrl = appUrlFor(deps.settings, origin);
  const tiers = await readTiers(deps.db);
  const tier = tierById(tiers, input.tier);
  if (!tier) throw new Refusal('invalid-argument', `Unknown plan "${input.tier}".`);
  const priceId = tier.prices?.[input.interval]?.priceId;
  if (!priceId) throw new Refusal('invalid-argument', `${tier.name} cannot be bought ${input.interval}.`);

  const member = await memberOrThrow(deps, uid);
  const fact = subscriptionFact(member.subscription);
  if (member.stripeCustomerId && fact && subscriptionGrantsTier(fact, deps.now())) {
    return portalSession(deps, member.stripeCustomerId, appUrl);
  }
  // Never paying for nothing: an open-ended grant at or above the plan refuses; a dated one defers the
  // first payment to the day it ends (a trial until then, so the member is not charged twice over).
  const grant = member.grant ? { tier: member.grant.tier, endsAt: member.grant.endsAt?.toDate() ?? null } : null;
  const cover = grantCover(tiers, grant, input.tier, deps.now());
  if (cover.kind === 'covered') {
    throw new Refusal('failed-precondition', coveredMessage(tiers, cover.grantTier, input.tier));
  }
  const firstTrial = tier.trialDays && !member.subscription ? deps.now().getTime() + tier.trialDays * 86_400_000 : 0;
  const deferTo = cover.kind === 'until' && cover.billingStartsAt ? cover.billingStartsAt.getTime() : 0;

  const customer = await ensureCustomer(deps, uid, member);
  await expireOpenSessions(deps.stripe, customer);
  const { settings } = deps;
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'subscription',
    customer,
    client_reference_id: uid,
    line_items: [{ price: priceId, quantity: 1 }],
    subscription_data: {
      metadata: { firebaseUID: uid, tier: input.tier },
      // A trial is for a member's first subscription only; a dated grant defers the first payment further.
      ...(deferTo > firstTrial
        ? { trial_end: Math.ceil(deferTo / 1000) }
        : firstTrial
          ? { trial_period_days: tier.trialDays }
          : {}),
    },
    allow_promotion_codes: true,
    success_url: checkoutSuccessUrl(appUrl, input.returnTo),
    cancel_url: `${appUrl}/pricing?checkout=cancelled`,
    metadata: { firebaseUID: uid },
  };
  if (settings.automaticTax) params.automatic_tax = { enabled: true };
  if (settings.taxIdCollection) params.tax_id_collection = { enabled: true };
  // Stripe requires customer_update for an existing customer with either: Checkout saves the address
  // (tax) and the business name (tax id) it collects onto the customer.
  if (settings.automaticTax || settings.taxIdCollection) params.customer_update = { address: 'auto', name: 'auto' };
  const session = await deps.stripe.checkout.sessions.create(params);
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  return { url: session.url, kind: 'checkout' };
}

/** The Customer Portal for the member's own customer (upgrade, downgrade, cancel, card, invoices). */
export async function createPortal(deps: BillingDeps, uid: string, origin?: string): Promise<BillingRedirect> {
  const member = await memberOrThrow(deps, uid);
  if (!member.stripeCustomerId) {
    throw new Refusal('failed-precondition', 'You have no billing account yet: choose a plan first.');
  }
  return portalSession(deps, member.stripeCustomerId, appUrlFor(deps.settings, origin));
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import { sortedTiers, type Tier } from '@shared/tiers';
import {
  billingErrorMessage,
  billingUrl,
  checkoutIntent,
  grantNote,
  intervalFor,
  isPaying,
  parseSubscription,
  planAction,
  signUpToBuyHref,
  statusLabel,
  subscriptionStatusLine,
  toDate,
  yearlySaving,
  type PlanViewer,
  type SubscriptionView,
} from './billing';

const stamp = (iso: string) => ({ toDate: () => new Date(iso) });
const d = (iso: string) => new Date(iso);

const sub = (over: Partial<SubscriptionView> = {}): SubscriptionView => ({
  id: 'sub_1',
  status: 'active',
  tier: 'main',
  interval: 'monthly',
  priceId: 'price_main_m',
  amount: 1900,
  currency: 'eur',
  currentPeriodStart: d('2026-11-01T12:00:00Z'),
  currentPeriodEnd: d('2026-12-01T12:00:00Z'),
  cancelAtPeriodEnd: false,
  trialEnd: null,
  graceUntil: null,
  syncedAt: d('2026-11-01T12:00:05Z'),
  ...over,
});

describe('toDate', () => {
  it('reads Timestamps and Dates, and nothing else', () => {
    expect(toDate(stamp('2026-11-01T00:00:00Z'))).toEqual(d('2026-11-01T00:00:00Z'));
    expect(toDate(d('2026-11-01T00:00:00Z'))).toEqual(d('2026-11-01T00:00:00Z'));
    expect(toDate(new Date('nope'))).toBeNull();
    expect(toDate('2026-11-01')).toBeNull();
    expect(toDate(1762000000)).toBeNull();
    expect(toDate({ toDate: () => 'x' })).toBeNull();
    expect(toDate(null)).toBeNull();
  });
});

describe('parseSubscription', () => {
  it('turns the stored mirror into Dates', () => {
    expect(
      parseSubscription({
        id: 'sub_1',
        status: 'trialing',
        tier: 'main',
        interval: 'yearly',
        priceId: 'price_main_y',
        amount: 19000,
        currency: 'eur',
        currentPeriodStart: stamp('2026-11-01T12:00:00Z'),
        currentPeriodEnd: stamp('2026-11-15T12:00:00Z'),
        cancelAtPeriodEnd: false,
        trialEnd: stamp('2026-11-15T12:00:00Z'),
        graceUntil: null,
        syncedAt: stamp('2026-11-01T12:00:05Z'),
      }),
    ).toEqual(
      sub({
        status: 'trialing',
        interval: 'yearly',
        priceId: 'price_main_y',
        amount: 19000,
        currentPeriodEnd: d('2026-11-15T12:00:00Z'),
        trialEnd: d('2026-11-15T12:00:00Z'),
      }),
    );
  });
  it('refuses what is not a subscription', () => {
    expect(parseSubscription(null)).toBeNull();
    expect(parseSubscription(undefined)).toBeNull();
    expect(parseSubscription('sub_1')).toBeNull();
    expect(parseSubscription({ status: 'active' })).toBeNull();
    expect(parseSubscription({ id: 'sub_1', status: 'weird' })).toBeNull();
  });
  it('gives missing or malformed fields neutral values', () => {
    expect(
      parseSubscription({
        id: 'sub_1',
        status: 'past_due',
        tier: '',
        interval: 'weekly',
        amount: 'lots',
        cancelAtPeriodEnd: 'yes',
      }),
    ).toEqual({
      id: 'sub_1',
      status: 'past_due',
      tier: null,
      interval: null,
      priceId: '',
      amount: 0,
      currency: 'eur',
      currentPeriodStart: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      trialEnd: null,
      graceUntil: null,
      syncedAt: null,
    });
  });
});

describe('isPaying', () => {
  const now = d('2026-11-10T00:00:00Z');
  it('agrees with the functions: active, trialing, past_due within grace', () => {
    expect(isPaying(sub(), now)).toBe(true);
    expect(isPaying(sub({ status: 'trialing' }), now)).toBe(true);
    expect(isPaying(sub({ cancelAtPeriodEnd: true }), now)).toBe(true);
    expect(isPaying(sub({ status: 'past_due', graceUntil: d('2026-11-12T00:00:00Z') }), now)).toBe(true);
    expect(isPaying(sub({ status: 'past_due', graceUntil: d('2026-11-09T00:00:00Z') }), now)).toBe(false);
    expect(isPaying(sub({ status: 'past_due', graceUntil: null }), now)).toBe(false);
    for (const status of ['canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'] as const)
      expect(isPaying(sub({ status }), now)).toBe(false);
    expect(isPaying(null, now)).toBe(false);
  });
});

describe('subscriptionStatusLine', () => {
  it.each<[string, Partial<SubscriptionView>, string | null]>([
    ['active', {}, 'Renews on 1 Dec 2026'],
    ['trialing', { status: 'trialing', trialEnd: d('2026-11-15T12:00:00Z') }, 'Free trial until 15 Nov 2026'],
    ['trialing without trialEnd', { status: 'trialing' }, 'Free trial until 1 Dec 2026'],
    ['cancel at period end', { cancelAtPeriodEnd: true }, 'Cancels on 1 Dec 2026 — you keep access until then'],
    [
      'trial that will not convert',
      { status: 'trialing', cancelAtPeriodEnd: true, trialEnd: d('2026-12-01T12:00:00Z') },
      'Cancels on 1 Dec 2026 — you keep access until then',
    ],
    [
      'past_due',
      { status: 'past_due', graceUntil: d('2026-11-08T12:00:00Z') },
      'Payment failed — update your card by 8 Nov 2026 to keep access',
    ],
    [
      'past_due that also cancels',
      { status: 'past_due', cancelAtPeriodEnd: true, graceUntil: d('2026-11-08T12:00:00Z') },
      'Payment failed — update your card by 8 Nov 2026 to keep access',
    ],
    ['unpaid', { status: 'unpaid' }, 'Payment failed — update your card to restore access'],
    ['canceled', { status: 'canceled' }, null],
    ['incomplete_expired', { status: 'incomplete_expired' }, null],
  ])('%s', (_name, over, line) => {
    expect(subscriptionStatusLine(sub(over))).toBe(line);
  });
  it('says nothing without a subscription', () => {
    expect(subscriptionStatusLine(null)).toBeNull();
  });
});

describe('statusLabel', () => {
  it('names every status', () => {
    expect(statusLabel('active')).toBe('Active');
    expect(statusLabel('past_due')).toBe('Past due');
    expect(statusLabel('incomplete_expired')).toBe('Expired');
  });
});

describe('prices', () => {
  it('computes the yearly saving when there is one', () => {
    expect(yearlySaving(DEFAULT_TIERS.tiers.main?.prices)).toEqual({ amount: 3800, currency: 'eur', percent: 17 });
    expect(
      yearlySaving({ monthly: { amount: 1000, currency: 'eur' }, yearly: { amount: 12000, currency: 'eur' } }),
    ).toBeNull();
    expect(
      yearlySaving({ monthly: { amount: 1000, currency: 'eur' }, yearly: { amount: 9000, currency: 'usd' } }),
    ).toBeNull();
    expect(yearlySaving({ monthly: { amount: 1000, currency: 'eur' } })).toBeNull();
    expect(yearlySaving(undefined)).toBeNull();
  });
  it('falls back to the interval a tier is sold at', () => {
    expect(intervalFor({ prices: { monthly: { amount: 1, currency: 'eur' } } }, 'yearly')).toBe('monthly');
    expect(intervalFor({ prices: { yearly: { amount: 1, currency: 'eur' } } }, 'yearly')).toBe('yearly');
    expect(intervalFor({}, 'monthly')).toBeNull();
  });
});

describe('checkout after sign-in', () => {
  it('sends a visitor to sign in and back to a checkout of the chosen plan', () => {
    const href = signUpToBuyHref('main', 'yearly');
    expect(href).toBe('/sign-up?plan=main&redirect=%2Fpricing%3Fplan%3Dmain%26interval%3Dyearly%26checkout%3Dstart');
    const back = new URL(`http://x${new URL(`http://x${href}`).searchParams.get('redirect')}`);
    expect(checkoutIntent(Object.fromEntries(back.searchParams))).toEqual({ tier: 'main', interval: 'yearly' });
  });
  it('carries the item that led to pricing through sign-up and checkout, when it is a safe path', () => {
    const href = signUpToBuyHref('main', 'monthly', '/materials/m1');
    const back = new URL(`http://x${new URL(`http://x${href}`).searchParams.get('redirect')}`);
    expect(checkoutIntent(Object.fromEntries(back.searchParams))).toEqual({
      tier: 'main',
      interval: 'monthly',
      returnTo: '/materials/m1',
    });
    expect(signUpToBuyHref('main', 'monthly', '//evil.example')).toBe(signUpToBuyHref('main', 'monthly'));
    expect(checkoutIntent({ checkout: 'start', plan: 'main', returnTo: 'https://evil.example' })).toEqual({
      tier: 'main',
      interval: 'monthly',
    });
  });
  it('starts only on checkout=start with a plan', () => {
    expect(checkoutIntent({ plan: 'main' })).toBeNull();
    expect(checkoutIntent({ checkout: 'start' })).toBeNull();
    expect(checkoutIntent({ checkout: 'cancelled', plan: 'main' })).toBeNull();
    expect(checkoutIntent({ checkout: 'start', plan: 'main', interval: 'weekly' })).toEqual({
      tier: 'main',
      interval: 'monthly',
    });
  });
});

describe('planAction', () => {
  const tiers = Object.fromEntries(sortedTiers(DEFAULT_TIERS).map((t) => [t.id, t])) as Record<string, Tier>;
  const free = tiers.free!;
  const main = tiers.main!;
  const premium = tiers.premium!;
  const trial: Tier = { ...main, trialDays: 14 };
  const now = d('2026-11-10T00:00:00Z');
  const visitor: PlanViewer = { signedIn: false, currentTier: '', subscription: null, now };
  const freeMember: PlanViewer = { signedIn: true, currentTier: 'free', subscription: null, now };
  const payingMain: PlanViewer = { signedIn: true, currentTier: 'main', subscription: sub(), now };

  it('visitors sign up for free and sign in to buy', () => {
    expect(planAction(free, 'monthly', visitor)).toEqual({ kind: 'sign-up', label: 'Create a free account' });
    expect(planAction(main, 'yearly', visitor)).toEqual({
      kind: 'sign-in',
      label: 'Join Main',
      href: signUpToBuyHref('main', 'yearly'),
    });
  });
  it('offers nothing to buy while the session is unknown or lost, paying or not', () => {
    for (const viewer of [visitor, freeMember, payingMain]) {
      for (const tier of [free, main, premium]) {
        expect(planAction(tier, 'monthly', { ...viewer, known: false, returnTo: '/materials/m1' })).toEqual({
          kind: 'unknown',
          label: 'Sign in to see your plan',
          href: '/sign-in?redirect=%2Fpricing%3FreturnTo%3D%252Fmaterials%252Fm1',
        });
      }
    }
  });
  it('members who do not pay go to checkout, with a trial on their first subscription', () => {
    expect(planAction(free, 'monthly', freeMember)).toEqual({ kind: 'none' });
    expect(planAction(main, 'monthly', freeMember)).toEqual({
      kind: 'checkout',
      label: 'Join Main',
      interval: 'monthly',
    });
    expect(planAction(trial, 'monthly', freeMember)).toEqual({
      kind: 'checkout',
      label: 'Start free trial',
      interval: 'monthly',
    });
    const lapsed = { ...freeMember, subscription: sub({ status: 'canceled' }) };
    expect(planAction(trial, 'yearly', lapsed)).toEqual({ kind: 'checkout', label: 'Join Main', interval: 'yearly' });
    // a complimentary plan is theirs already
    expect(planAction(main, 'monthly', { ...freeMember, currentTier: 'main' })).toEqual({ kind: 'none' });
  });
  it('paying members manage their plan and switch through the portal', () => {
    expect(planAction(main, 'monthly', payingMain)).toEqual({ kind: 'portal', label: 'Manage billing' });
    expect(planAction(premium, 'yearly', payingMain)).toEqual({ kind: 'portal', label: 'Switch to Premium' });
    expect(planAction(tiers.basic!, 'monthly', payingMain)).toEqual({ kind: 'portal', label: 'Switch to Basic' });
    expect(planAction(free, 'monthly', payingMain)).toEqual({ kind: 'none' });
    const lapsedGrace = {
      ...payingMain,
      subscription: sub({ status: 'past_due', graceUntil: d('2026-11-01T00:00:00Z') }),
    };
    expect(planAction(premium, 'monthly', lapsedGrace).kind).toBe('checkout');
  });
});

describe('a complimentary grant on the pricing page', () => {
  const tiers = Object.fromEntries(sortedTiers(DEFAULT_TIERS).map((t) => [t.id, t])) as Record<string, Tier>;
  const now = d('2027-01-10T12:00:00Z');
  const member = (grant: PlanViewer['grant']): PlanViewer => ({
    signedIn: true,
    currentTier: grant?.tier ?? 'free',
    subscription: null,
    grant,
    tiers: DEFAULT_TIERS,
    now,
  });
  const openEnded = member({ tier: 'premium', endsAt: null });
  const dated = member({ tier: 'premium', endsAt: d('2027-03-01T12:00:00Z') });

  it('offers nothing at or below an open-ended grant, and says why', () => {
    for (const id of ['basic', 'main', 'premium']) {
      expect(planAction(tiers[id]!, 'monthly', openEnded)).toEqual({ kind: 'none' });
      expect(grantNote(tiers[id]!, openEnded)).toBe('Included in your complimentary Premium, which has no end date.');
    }
    expect(grantNote(tiers.free!, openEnded)).toBeNull();
  });
  it('a plan above an open-ended grant is bought as usual, without a note', () => {
    const basicGrant = member({ tier: 'basic', endsAt: null });
    expect(planAction(tiers.main!, 'monthly', basicGrant)).toMatchObject({ kind: 'checkout' });
    expect(grantNote(tiers.main!, basicGrant)).toBeNull();
  });
  it('a dated grant: the plan is offered (its own tier too) and the card says when the grant ends', () => {
    expect(planAction(tiers.basic!, 'monthly', dated)).toMatchObject({ kind: 'checkout', label: 'Join Basic' });
    expect(planAction(tiers.premium!, 'monthly', dated)).toMatchObject({ kind: 'checkout', label: 'Join Premium' });
    expect(grantNote(tiers.basic!, dated)).toBe(
      'Your complimentary Premium ends on 1 Mar 2027, then Basic starts and is first charged that day.',
    );
  });
  it('an expired grant changes nothing', () => {
    const expired = member({ tier: 'premium', endsAt: d('2027-01-01T00:00:00Z') });
    expect(grantNote(tiers.basic!, expired)).toBeNull();
    expect(planAction(tiers.basic!, 'monthly', { ...expired, currentTier: 'free' })).toMatchObject({
      kind: 'checkout',
    });
  });
});

describe('billingErrorMessage', () => {
  it('shows the readable message of a refusal', () => {
    expect(
      billingErrorMessage({
        code: 'functions/failed-precondition',
        message: 'You have no billing account yet: choose a plan first.',
      }),
    ).toBe('You have no billing account yet: choose a plan first.');
    expect(billingErrorMessage({ code: 'functions/invalid-argument', message: 'Main cannot be bought yearly.' })).toBe(
      'Main cannot be bought yearly.',
    );
  });
  it('replaces bare codes and outages with something a member can act on', () => {
    expect(billingErrorMessage({ code: 'functions/unauthenticated', message: 'unauthenticated' })).toMatch(
      /sign in again/i,
    );
    expect(billingErrorMessage({ code: 'functions/internal', message: 'internal' })).toMatch(/nothing was charged/i);
    expect(billingErrorMessage({ code: 'functions/invalid-argument', message: 'invalid-argument' })).toMatch(
      /try again/i,
    );
    expect(billingErrorMessage(new Error('Failed to fetch'))).toBe('Failed to fetch');
    expect(billingErrorMessage(undefined)).toMatch(/try again/i);
  });
});

describe('billingUrl', () => {
  it('accepts web pages only', () => {
    expect(billingUrl('https://checkout.stripe.com/c/pay/cs_test_1')).toBe(
      'https://checkout.stripe.com/c/pay/cs_test_1',
    );
    expect(billingUrl('http://127.0.0.1:12111/checkout/cs_1')).toBe('http://127.0.0.1:12111/checkout/cs_1');
    expect(() => billingUrl('javascript:alert(1)')).toThrow(/no page/);
    expect(() => billingUrl('')).toThrow();
    expect(() => billingUrl(undefined)).toThrow();
  });
});

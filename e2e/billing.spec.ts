import { expect, test, type Locator, type Page } from '@playwright/test';
import { signUp } from '../tests/support/emulators';
import { verifyThroughInbox } from '../tests/support/inbox';
import { materialAt, PASSWORD, shot, signIn } from './support';

/**
 * A member of its own per test, so a failure here never leaves a demo account on a paid plan. A
 * password sign-up must verify its address before checkout: through the link in the dev inbox.
 */
async function newMember(label: string): Promise<string> {
  const email = `${label}-${Date.now()}@example.com`;
  await signUp(email, PASSWORD);
  await verifyThroughInbox(email);
  return email;
}

// Stripe is the local twin (http://127.0.0.1:12111): its Checkout and Customer Portal pages post signed
// webhooks to our function, which updates members/{uid}, the claims and `claimsUpdatedAt`; the open
// pages follow through their live member document. Every step after a twin action waits for that.
const WEBHOOK = { timeout: 15_000 };

/** Submits a twin form (its pages are plain HTML: post, then redirect back) and waits for the new page. */
async function submit(page: Page, button: Locator) {
  const loaded = page.waitForEvent('load');
  await button.click();
  await loaded;
}

/** The portal's section of the subscription in force (after a rerun the customer also has canceled ones). */
function currentPlan(portal: Page): Locator {
  return portal
    .locator('section')
    .filter({ has: portal.getByRole('button', { name: 'Update card' }) })
    .filter({ hasNotText: /canceled/i })
    .first();
}

async function openPortal(account: Page) {
  await account.getByRole('button', { name: 'Manage billing' }).click();
  await expect(account).toHaveURL(/\/portal\//, WEBHOOK);
}

async function backToCommons(portal: Page) {
  await portal.getByRole('link', { name: 'Return to Commons' }).click();
  await expect(portal).toHaveURL(/\/account$/);
}

test.describe('billing', () => {
  test('a visitor picks a plan, signs in, reaches the checkout and can cancel it without being charged', async ({
    page,
  }) => {
    await page.goto('/pricing?plan=main');
    const join = page.getByTestId('plan-main').getByRole('link', { name: 'Join Main' });
    await expect(join).toHaveAttribute(
      'href',
      /^\/sign-up\?plan=main&redirect=%2Fpricing%3Fplan%3Dmain%26interval%3Dmonthly%26checkout%3Dstart$/,
    );
    await join.click();
    // Sign-up names the plan; a member signs in from there, on to the same checkout.
    await expect(page.getByTestId('sign-up-plan')).toHaveText(
      "You're joining Main — create your account, then checkout.",
    );
    await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in\?redirect=/);
    await page.locator('input[name="email"]').fill(await newMember('visitor'));
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // Straight on to Stripe Checkout for the plan chosen before signing in.
    await expect(page).toHaveURL(/\/checkout\//, WEBHOOK);
    await page.getByRole('link', { name: 'Cancel', exact: true }).click();
    await expect(page).toHaveURL(/\/pricing\?checkout=cancelled/);
    await expect(page.getByRole('status')).toHaveText('Checkout cancelled — you have not been charged.');
    await expect(page.getByTestId('plan-free')).toContainText('Your plan');
  });

  test('a free member subscribes, upgrades, cancels and lapses; open pages follow without a reload', async ({
    page,
    context,
  }, info) => {
    test.setTimeout(180_000);
    const main = await materialAt('main');
    const premium = await materialAt('premium');
    await signIn(page, await newMember('buyer'));

    // Page A: a main-level material, behind the paywall. It stays open, never reloaded.
    await page.goto(`/materials/${main.id}`);
    await expect(page.getByTestId('paywall')).toBeVisible();
    await expect(page.getByTestId('material-body')).toHaveCount(0);

    // Page B: pricing -> the twin's Checkout -> back on the account page.
    const billing = await context.newPage();
    await billing.goto('/pricing');
    await billing.getByRole('radio', { name: 'Monthly' }).check();
    await billing
      .getByTestId('plan-main')
      .getByRole('button', { name: /^(Join Main|Start free trial)$/ })
      .click();
    await expect(billing).toHaveURL(/\/checkout\//, WEBHOOK);
    await shot(billing, info, 'billing-checkout');
    await billing.getByRole('button', { name: 'Subscribe' }).click(); // the default card succeeds
    await expect(billing).toHaveURL(/\/account\?checkout=success/, WEBHOOK);
    await expect(billing.getByText('You are now on Main.')).toBeVisible(WEBHOOK);
    await expect(billing.getByTestId('current-plan')).toContainText('Main');

    // Page A unlocks by itself; a premium material is still locked, and offers the upgrade.
    await expect(page.getByTestId('material-body')).toContainText(main.secret, WEBHOOK);
    await expect(page.getByTestId('paywall')).toHaveCount(0);
    const locked = await context.newPage();
    await locked.goto(`/materials/${premium.id}`);
    await expect(locked.getByTestId('paywall')).toBeVisible();
    await expect(locked.getByTestId('paywall').getByRole('link', { name: 'Upgrade to Premium' })).toBeVisible(WEBHOOK);
    await expect(locked.getByTestId('material-body')).toHaveCount(0);

    // Upgrade to Premium in the Customer Portal: the open premium page unlocks.
    await openPortal(billing);
    const plan = currentPlan(billing);
    const select = plan.getByLabel(/^(New plan|Change plan)$/);
    const premiumMonthly = select
      .locator('option')
      .filter({ hasText: /premium/i })
      .filter({ hasText: /month/i });
    const label = (await premiumMonthly.first().textContent())?.trim() ?? '';
    expect(label).not.toBe('');
    await select.selectOption({ label });
    await submit(billing, plan.getByRole('button', { name: 'Update plan' }));
    await backToCommons(billing);
    await expect(billing.getByTestId('current-plan')).toContainText('Premium', WEBHOOK);
    await expect(locked.getByTestId('material-body')).toContainText(premium.secret, WEBHOOK);
    await expect(locked.getByTestId('paywall')).toHaveCount(0);
    await shot(billing, info, 'billing-after-upgrade');

    // Cancel at period end: access stays until then.
    await openPortal(billing);
    await submit(billing, currentPlan(billing).getByRole('button', { name: 'Cancel plan' }));
    await backToCommons(billing);
    await expect(billing.getByTestId('billing-status')).toContainText('Cancels on', WEBHOOK);
    await expect(billing.getByTestId('current-plan')).toContainText('Premium');
    await expect(locked.getByTestId('material-body')).toContainText(premium.secret);
    await shot(billing, info, 'billing-after-cancel');

    // The test clock reaches the period end: the plan lapses and both open pages lock again.
    await openPortal(billing);
    await submit(billing, currentPlan(billing).getByRole('button', { name: 'Advance to period end' }));
    await backToCommons(billing);
    await expect(billing.getByTestId('current-plan')).toContainText('Free', WEBHOOK);
    await expect(billing.getByTestId('billing-status')).toHaveCount(0);
    await expect(locked.getByTestId('paywall')).toBeVisible(WEBHOOK);
    await expect(locked.getByTestId('material-body')).toHaveCount(0);
    await expect(page.getByTestId('paywall')).toBeVisible(WEBHOOK);
    await expect(page.getByTestId('material-body')).toHaveCount(0);
    await shot(page, info, 'billing-lapsed');
  });
});

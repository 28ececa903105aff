import { expect, test } from '@playwright/test';
import { verifyThroughInbox } from '../tests/support/inbox';
import { PASSWORD, shot, signIn } from './support';

test.describe('account', () => {
  test('shows the plan and its grant, and saves name and email preferences', async ({ page }, info) => {
    await signIn(page, 'basic@demo.test');
    await page.goto('/account');
    await expect(page.getByTestId('current-plan')).toContainText('Basic');
    await expect(page.getByText('Complimentary Basic with no end date')).toBeVisible();
    await page.getByLabel('Display name').fill('Bo B.');
    await page.getByLabel('Send me the newsletter').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await page.reload();
    await expect(page.getByLabel('Display name')).toHaveValue('Bo B.');
    await expect(page.getByLabel('Send me the newsletter')).not.toBeChecked();
    await shot(page, info, 'account');
  });

  test('a wrong password and an unknown address get the same message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill(`nobody-${Date.now()}@example.com`);
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  });

  test('a wrong password gets a clear message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill('basic@demo.test');
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  });

  test('a password sign-up is asked to verify its address before buying; the emailed link clears that', async ({
    page,
  }, info) => {
    const email = `new-${Date.now()}@example.com`;
    await page.goto('/sign-up');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    const notice = page.getByTestId('verify-email');
    await expect(notice).toContainText(`Check your inbox. We sent a link to ${email}`);
    await shot(page, info, 'verify-email');

    await page.goto('/pricing');
    await page
      .getByTestId('plan-main')
      .getByRole('button', { name: /^(Join Main|Start free trial)$/ })
      .click();
    await expect(page.getByRole('alert')).toContainText('Verify your email first');
    await expect(page).toHaveURL(/\/pricing/); // no checkout

    await verifyThroughInbox(email);
    await notice.getByRole('button', { name: 'I have verified' }).click();
    await expect(notice).toHaveCount(0);
  });
});

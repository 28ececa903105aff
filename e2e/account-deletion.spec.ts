import { expect, test } from '@playwright/test';
import { PASSWORD } from './support';

test.describe('account deletion', () => {
  test('deletes the account only after the typed address, then signs out onto the confirmation', async ({ page }) => {
    const email = `leaving-${Date.now()}@example.com`;
    await page.goto('/sign-up');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByTestId('verify-email')).toBeVisible();
    await page.goto('/account');

    const card = page.getByTestId('delete-account');
    await card.getByRole('button', { name: 'Delete my account…' }).click();
    const submit = page.getByTestId('delete-account-submit');
    await expect(submit).toBeDisabled();
    await page.getByTestId('delete-confirm').fill('someone-else@example.com');
    await expect(submit).toBeDisabled();
    await card.getByRole('button', { name: 'Keep my account' }).click();
    await expect(submit).toHaveCount(0);

    await card.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByTestId('delete-confirm').fill(email.toUpperCase());
    await submit.click();
    await expect(page).toHaveURL(/\/account-deleted$/);
    await expect(page.getByTestId('account-deleted')).toContainText('Your account is deleted');
    // Signed out: the account page asks to sign in, and the password no longer works.
    await page.goto('/account');
    await expect(page).toHaveURL(/\/sign-in/);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
  });
});

import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

test.describe('newsletters', () => {
  test('an admin composes a newsletter with a premium section and sends it', async ({ page }, info) => {
    test.setTimeout(120_000);
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/newsletters');
    await expect(page.getByRole('heading', { name: 'Newsletters' })).toBeVisible();
    await page.getByRole('link', { name: 'New newsletter' }).click();
    await expect(page).toHaveURL(/\/admin\/newsletters\/new$/);

    // Nothing is sent while the form is incomplete.
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect(page.getByText('Write a subject')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByRole('textbox', { name: /^Subject/ }).fill('Window functions, part 2');
    await page.getByLabel('Audience').selectOption('everyone');
    const first = page.getByRole('group', { name: 'Section 1', exact: true });
    await first.getByLabel('Readable by').selectOption('public');
    await first.getByLabel('Text (markdown)').fill('Everyone reads this intro.');
    await page.getByRole('button', { name: 'Add section' }).click();
    const second = page.getByRole('group', { name: 'Section 2', exact: true });
    await second.getByLabel('Readable by').selectOption('premium');
    await second.getByLabel('Text (markdown)').fill('Premium deep dive: frames and peers.');
    await expect(second.getByRole('region', { name: 'Preview' })).toHaveText('Premium deep dive: frames and peers.');
    await expect(page.getByTestId('newsletter-section')).toHaveCount(2);

    // A time in the past is refused before anything is saved.
    await page.getByLabel('Schedule for').fill('2020-01-01T09:00');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(page.getByText('Choose a time in the future')).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/newsletters\/new$/);

    await page.getByRole('button', { name: 'Send now' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this newsletter now?' });
    await expect(confirm).toContainText('Window functions, part 2');
    await confirm.getByRole('button', { name: 'Yes, send it' }).click();
    await expect(page).toHaveURL(/\/admin\/newsletters\/(?!new$)[^/]+$/);

    // The delivery panel follows the newsletter document live, without a reload.
    const progress = page.getByTestId('newsletter-progress');
    await expect(progress.getByTestId('progress-status')).toHaveText('Sent', { timeout: 60_000 });
    const sent = Number((await progress.getByTestId('progress-sent').textContent())?.replace(/\D/g, ''));
    expect(sent).toBeGreaterThan(0);
    await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '100');
    await expect(page.getByTestId('newsletter-status')).toHaveText('Sent');
    await expect(page.getByRole('textbox', { name: /^Subject/ })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Send now' })).toHaveCount(0);
    await shot(page, info, 'newsletter-sent');

    await page.getByRole('link', { name: 'All newsletters' }).click();
    const row = page
      .getByTestId('admin-newsletters')
      .getByRole('row', { name: /Window functions, part 2/ })
      .first();
    await expect(row).toContainText('Everyone');
    await expect(row).toContainText('Sent');
  });

  test('the unsubscribe landing page explains what happened', async ({ page }) => {
    await page.goto('/unsubscribed?status=ok');
    await expect(
      page.getByText('You are unsubscribed from the newsletter. You can turn it back on in your account.'),
    ).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'your account' })).toHaveAttribute(
      'href',
      '/account',
    );

    await page.goto('/unsubscribed?status=invalid');
    await expect(
      page.getByText('This unsubscribe link is not valid or has expired. Sign in to manage your email preferences.'),
    ).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      /^\/sign-in\?redirect=(%2F|\/)account$/,
    );
  });
});

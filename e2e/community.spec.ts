import { expect, test } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { shot, signIn } from './support';

test.describe('community', () => {
  test('a visitor subscribes from the catalog with an email address', async ({ page }, info) => {
    await page.goto('/');
    const box = page.getByTestId('signup-box');
    await expect(box.getByRole('heading', { name: 'Get the free tutorials by email' })).toBeVisible();
    await box.getByLabel('Email address').fill(`visitor-${Date.now()}@example.com`);
    await box.getByRole('button', { name: 'Subscribe' }).click();
    await expect(box.getByRole('status')).toContainText('Check your inbox');
    await expect(box.getByLabel('Email address')).toHaveCount(0);
    await shot(page, info, 'catalog-signup-done');
  });

  test('a free material offers a visitor the signup box', async ({ page }) => {
    const snap = await adminSdk()
      .db.collection('materials')
      .where('status', '==', 'published')
      .where('access', '==', 'free')
      .limit(1)
      .get();
    const free = snap.docs[0];
    if (!free) throw new Error('no published free material in the seed');
    const kind = String(free.get('kind'));
    await page.goto(`/materials/${free.id}`);
    const paywall = page.getByTestId('paywall');
    await expect(paywall).toContainText(
      `Free for members: ${kind === 'download' ? 'download' : 'read'} it with your email`,
    );
    await expect(paywall.getByTestId('lead-magnet-steps')).toContainText('signs you in');
    await expect(paywall.getByLabel('Email address')).toBeVisible();
    await expect(paywall.getByRole('button', { name: 'Email me the link' })).toBeVisible();
  });

  test('the confirmation landing page says what happened', async ({ page }) => {
    await page.goto('/subscribed?status=ok');
    await expect(
      page.getByText('You are subscribed. Sign in with your email any time to read free materials.'),
    ).toBeVisible();
    await expect(page.getByTestId('subscribed').getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      '/sign-in',
    );

    await page.goto('/subscribed?status=invalid');
    await expect(page.getByText('This confirmation link is not valid or has expired.')).toBeVisible();
    await expect(page.getByTestId('signup-box').getByLabel('Email address')).toBeVisible();
  });

  test('an admin sees the community settings and the seat lists', async ({ page }, info) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/community');
    await expect(page.getByRole('heading', { name: 'To deactivate' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'To reactivate' })).toBeVisible();
    await expect(page.getByText('Everyone in the community')).toBeVisible();
    await expect(page.getByTestId('community-count')).toHaveText(/^\d+$/);
    await expect(page.getByLabel('Plan that gets the community')).toHaveValue('main');
    await expect(page.getByLabel('Slack invite link')).toHaveValue(/^https:\/\/join\.slack\.com\//);
    await shot(page, info, 'admin-community');
  });

  test('a Main member gets the Slack invite in their account', async ({ page }, info) => {
    await signIn(page, 'main@demo.test');
    await page.goto('/account');
    const join = page.getByRole('link', { name: 'Join us on Slack' });
    await expect(join).toBeVisible();
    await expect(join).toHaveAttribute('href', /^https:\/\/join\.slack\.com\//);
    await shot(page, info, 'account-community');
  });

  test('a Basic member is offered Main instead of the invite', async ({ page }) => {
    await signIn(page, 'basic@demo.test');
    await page.goto('/account');
    const upsell = page.getByTestId('community-upsell');
    await expect(upsell).toContainText('The Slack community comes with Main');
    await expect(upsell.getByRole('link', { name: 'Main' })).toHaveAttribute('href', '/pricing?plan=main');
    await expect(page.getByRole('link', { name: 'Join us on Slack' })).toHaveCount(0);
  });

  test('an admin publishes a material with an announcement that reaches Slack and Telegram', async ({ page }, info) => {
    const title = `Announced joins ${Date.now()}`;
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin');
    await page.getByRole('link', { name: 'New material' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Plan needed').selectOption('basic');
    await page.getByLabel('Teaser (shown to everyone)').fill('Interval joins, temporal joins and the state they keep.');
    await page.getByLabel('Tags (comma separated)').fill('kafka, architecture');
    await page
      .getByLabel('Body (markdown, members only)')
      .fill('## Interval joins\n\nKeyed state grows with the join window size.');
    await page.getByLabel('Announce on Slack and Telegram').check();
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Published.')).toBeVisible();
    await expect(page.getByTestId('announce-result')).toHaveText('Announced.');
    await expect(page.getByLabel('Announce on Slack and Telegram')).not.toBeChecked();

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Announcements' }).click();
    await expect(page).toHaveURL(/\/admin\/announcements$/);
    const row = page.getByTestId('announcement').filter({ hasText: title });
    await expect(row).toHaveCount(1);
    for (const channel of ['slack', 'telegram']) {
      await expect(row.getByTestId(`channel-${channel}`).getByTestId('channel-state')).toHaveText('sent', {
        timeout: 20_000,
      });
    }
    await expect(row.getByRole('button', { name: /Retry/ })).toHaveCount(0);
    await shot(page, info, 'admin-announcements');
  });
});

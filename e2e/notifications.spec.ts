import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

// The seed puts the published demo materials in the tier feeds and a welcome into the main member's news.
test.describe('notifications', () => {
  test('the bell shows the unread count, lists feed and personal news, and marks all read', async ({ page }, info) => {
    await signIn(page, 'main@demo.test');
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toHaveAttribute('aria-label', /^Notifications, \d+ unread$/);
    await expect(page.getByTestId('notification-count')).toBeVisible();
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    // The panel shows the newest entries: after the other specs' events and courses the seeded welcome may be
    // further down, so it is looked for on the full list below.
    await expect(panel.getByRole('link').first()).toBeVisible();
    await shot(page, info, 'notification-panel');
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect(bell).toHaveAttribute('aria-label', 'Notifications, none unread');
    await expect(page.getByTestId('notification-count')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('notification-bell')).toHaveAttribute('aria-label', 'Notifications, none unread');
    await page.goto('/notifications');
    await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
    await expect(page.getByTestId('notification-list')).toContainText('Welcome to Main');
  });

  test('a member chooses where each kind goes on the account page', async ({ page }) => {
    await signIn(page, 'premium@demo.test');
    await page.goto('/account');
    const prefs = page.getByTestId('notification-prefs');
    await expect(prefs).toContainText('always sent');
    await prefs.getByLabel('New materials').selectOption('none');
    await prefs.getByLabel('Polls opening').selectOption('none');
    await prefs.getByRole('button', { name: 'Update notifications' }).click();
    await expect(prefs.getByRole('status')).toHaveText('Saved.');
    await page.reload();
    await expect(page.getByTestId('notification-prefs').getByLabel('New materials')).toHaveValue('none');
    await expect(page.getByTestId('notification-prefs').getByLabel('Polls opening')).toHaveValue('none');
  });
});

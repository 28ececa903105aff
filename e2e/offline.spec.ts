import { expect, test } from '@playwright/test';
import { hydrated, shot } from './support';

// Issue 15, "errors people can act on": a network failure on the catalog says so plainly with "Try again",
// and the list recovers by itself when the network returns, without a reload.
test('the catalog recovers by itself when the network returns', async ({ page, context }, info) => {
  await page.goto('/');
  await hydrated(page);
  const cards = page.locator('.material-card');
  await expect(cards).toHaveCount(12);
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Load more' }).click();
  const notice = page.getByTestId('load-error');
  await expect(notice).toContainText('Could not load the materials.');
  await expect(notice).toContainText('offline');
  await expect(notice).not.toContainText(/firestore|unavailable|fetch/i); // no SDK words
  await expect(cards).toHaveCount(12); // what was shown stays
  await notice.getByRole('button', { name: 'Try again' }).click(); // still offline: the same plain message
  await expect(page.getByTestId('load-error')).toContainText('offline');
  await shot(page, info, 'catalog-offline');

  await context.setOffline(false);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await expect.poll(() => cards.count()).toBeGreaterThan(12);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
});

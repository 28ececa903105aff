import { expect, test } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { shot } from './support';

test.describe('catalog', () => {
  test('pages with a cursor, searches titles, filters by tag and hides drafts', async ({ page }, info) => {
    await page.goto('/');
    const cards = page.locator('.material-card');
    await expect(cards).toHaveCount(12);
    await shot(page, info, 'catalog-visitor');
    const published = (
      await adminSdk().db.collection('materials').where('status', '==', 'published').count().get()
    ).data().count;
    expect(published).toBeGreaterThan(12);
    expect(published).toBeLessThanOrEqual(24);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(cards).toHaveCount(published);
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
    await expect(page.getByText('Polars vs pandas')).toHaveCount(0); // the draft

    await page.getByLabel('Search titles').fill('parquet');
    await expect(page).toHaveURL(/q=parquet/);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText('Parquet for beginners');

    await page.goto('/?tag=dbt&kind=download');
    await expect(cards).toHaveCount(2);
    await page.goto('/?q=nothing-matches-this');
    await expect(page.getByText('No materials match.')).toBeVisible();
  });

  test('the pricing page lists the plans from config/tiers', async ({ page }) => {
    await page.goto('/pricing?plan=main');
    await expect(page.getByTestId('plan-main')).toHaveClass(/highlighted/);
    await expect(page.getByTestId('plan-premium')).toContainText('Premium');
    await expect(page.getByTestId('proration-note')).toContainText(
      'Upgrades are charged the prorated difference at once; downgrades apply at once',
    );
  });
});

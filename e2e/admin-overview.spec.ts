import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { shot, signIn } from './support';

test.describe('admin overview', () => {
  test('an admin sees the figures, takes a snapshot now and exports members as CSV', async ({ page }, info) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    // "Update now" takes today's snapshot with the job's function: it counts every member there is.
    await page.getByTestId('refresh-overview').click();
    await expect(page.getByTestId('refresh-overview')).toHaveText('Update now');
    // The seed's demo history draws the chart (marked as demo), with its table for screen readers.
    await expect(page.getByTestId('tier-chart').locator('polyline').first()).toBeVisible();
    await expect(page.getByTestId('overview-demo')).toBeVisible();
    const total = (await adminSdk().db.collection('members').count().get()).data().count;
    await expect(page.getByTestId('overview-total')).toHaveText(String(total));
    await expect(page.getByTestId('overview-mrr').first()).toHaveText(/€|—/);
    await expect(page.getByTestId('overview-opens')).toHaveText('not reported by the provider');
    await page.getByText('Members by tier, day by day (table)').click();
    await expect(page.getByTestId('tier-table').locator('tbody tr').first()).toContainText(String(total));
    await shot(page, info, 'admin-overview');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-members').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^commons-members-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^uid,email,name,tier,/);
    expect(csv).toContain('premium@demo.test');
  });

  test('an admin finds members by a word of the name and by the start of the address', async ({ page }) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/members');
    const rows = page.getByTestId('admin-members').locator('tbody tr');
    await page.getByLabel('Find a member').fill('priya');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('premium@demo.test');
    await page.getByLabel('Find a member').fill('MAIN@demo');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('main@demo.test');
    await page.getByLabel('Find a member').fill('nobody-here');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('no-match')).toBeVisible();
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect(rows.nth(1)).toBeVisible();
  });
});

import { expect, test } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { shot, signIn } from './support';

test.describe('admin area', () => {
  test('visitors are sent to sign in and members are refused', async ({ page }) => {
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/sign-in\?redirect=(%2F|\/)admin$/);
    await signIn(page, 'basic@demo.test');
    await page.goto('/admin');
    await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
    await expect(page.getByTestId('admin-materials')).toHaveCount(0);
  });

  test('an admin writes, validates and publishes a material that members then see by plan', async ({ page }, info) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin');
    await expect(page.getByTestId('admin-materials')).toContainText('Polars vs pandas'); // drafts are listed
    await page.getByRole('link', { name: 'New material' }).click();

    await page.getByLabel('Title').fill('Hi');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Title is too short')).toBeVisible();
    await expect(page.getByText('Write a teaser of at least 10 characters')).toBeVisible();

    await page.getByLabel('Title').fill('Streaming joins in Flink');
    await expect(page.getByLabel('Address (/materials/…)')).toHaveValue('streaming-joins-in-flink');
    await page.getByLabel('Plan needed').selectOption('basic');
    await page.getByLabel('Teaser (shown to everyone)').fill('Interval joins, temporal joins and the state they keep.');
    await page.getByLabel('Tags (comma separated)').fill('kafka, architecture');
    await page
      .getByLabel('Body (markdown, members only)')
      .fill('## Interval joins\n\nKeyed state grows with the join window size.');
    await expect(page.locator('.preview h2')).toHaveText('Interval joins');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Published.')).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/materials\/streaming-joins-in-flink$/);
    await shot(page, info, 'admin-editor');

    // Functions index the saved teaser for search (materialSearch) and render the body's HTML.
    await expect
      .poll(async () => (await adminSdk().db.doc('materialSearch/streaming-joins-in-flink').get()).exists)
      .toBe(true);
    await page.goto('/?q=flink');
    await expect(page.getByRole('link', { name: 'Streaming joins in Flink' })).toBeVisible();
    await page.getByRole('link', { name: 'Streaming joins in Flink' }).click();
    await expect(page.getByTestId('material-body').locator('h2')).toHaveText('Interval joins');
    await expect(page.getByTestId('material-updating')).toHaveCount(0);
  });

  test('an admin grants and revokes a complimentary plan', async ({ page }, info) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/members');
    // The summary counts on the server: every member, whether or not it has billing fields yet.
    const total = (await adminSdk().db.collection('members').count().get()).data().count;
    const summary = page.getByTestId('members-summary');
    await expect(
      summary
        .locator('div')
        .filter({ has: page.getByText('Members', { exact: true }) })
        .locator('dd'),
    ).toHaveText(String(total));
    await page.getByLabel('Member email').fill('free@demo.test');
    await page.locator('select[name="grant-tier"]').selectOption('main');
    await page.getByLabel('Until (optional)').fill('2030-01-31');
    await page.getByRole('button', { name: 'Grant' }).click();
    await expect(page.getByRole('status')).toContainText('free@demo.test now has Main until');
    const row = page.getByTestId('admin-members').getByRole('row', { name: /free@demo\.test/ });
    await expect(row).toContainText('Main');
    await shot(page, info, 'admin-members');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);

    await page.getByLabel('Member email').fill('nobody@demo.test');
    await page.getByRole('button', { name: 'Grant' }).click();
    await expect(page.getByRole('alert')).toContainText('No member with the email nobody@demo.test');
  });
});

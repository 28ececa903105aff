import { expect, test } from '@playwright/test';
import { asAdmin, materialAt, recordFirestore, shot, signIn } from './support';

test.describe('paywall', () => {
  test('a visitor sees the catalog and the teaser of a premium material, never its body', async ({ page }, info) => {
    const premium = await materialAt('premium');
    const responses = recordFirestore(page);
    await page.goto('/');
    await page.getByLabel('Plan').selectOption('premium');
    await expect(page).toHaveURL(/access=premium/);
    await expect(page.locator('.material-card')).toHaveCount(4);
    await shot(page, info, 'catalog-premium-filter');

    await page.getByRole('link', { name: premium.title }).click();
    const paywall = page.getByTestId('paywall');
    await expect(paywall).toBeVisible();
    await expect(paywall.getByRole('link', { name: /join/i })).toHaveAttribute('href', /\/pricing\?plan=premium/);
    await expect(page.getByTestId('material-body')).toHaveCount(0);
    expect(await page.content()).not.toContain(premium.secret);
    expect(responses.join('\n')).not.toContain(premium.secret);
    await shot(page, info, 'premium-as-visitor');
  });

  test('signed in as basic: premium shows the paywall and its body reaches neither page nor network', async ({
    page,
  }, info) => {
    const premium = await materialAt('premium');
    const basic = await materialAt('basic');
    const responses = recordFirestore(page);
    await signIn(page, 'basic@demo.test');

    await page.goto(`/materials/${premium.id}`);
    const paywall = page.getByTestId('paywall');
    await expect(paywall).toBeVisible();
    await expect(paywall.getByRole('link', { name: /upgrade to premium/i })).toBeVisible();
    await expect(page.getByTestId('material-body')).toHaveCount(0);
    await shot(page, info, 'premium-as-basic');
    expect(await page.content()).not.toContain(premium.secret);

    await page.goto(`/materials/${basic.id}`);
    await expect(page.getByTestId('material-body')).toContainText(basic.secret);
    await expect(page.getByTestId('paywall')).toHaveCount(0);
    expect(responses.join('\n')).not.toContain(premium.secret);
    expect(responses.join('\n')).toContain(basic.secret.slice(0, 20));
  });

  test('signed in as premium: the premium body is shown', async ({ page }, info) => {
    const premium = await materialAt('premium');
    await signIn(page, 'premium@demo.test');
    await page.goto(`/materials/${premium.id}`);
    await expect(page.getByTestId('material-body')).toContainText(premium.secret);
    await expect(page.getByTestId('paywall')).toHaveCount(0);
    await shot(page, info, 'premium-as-premium');
  });

  test('a granted upgrade unlocks the open page without a reload', async ({ page }, info) => {
    const premium = await materialAt('premium');
    await signIn(page, 'free@demo.test');
    await page.goto(`/materials/${premium.id}`);
    await expect(page.getByTestId('paywall')).toBeVisible();
    const { uid } = await asAdmin<{ uid: string }>('grantComplimentary', { email: 'free@demo.test', tier: 'premium' });
    try {
      await expect(page.getByTestId('material-body')).toContainText(premium.secret);
      await shot(page, info, 'unlocked-after-grant');
    } finally {
      await asAdmin('revokeComplimentary', { uid });
    }
    await expect(page.getByTestId('paywall')).toBeVisible();
  });

  test('an unknown material URL gives a not-found page', async ({ page }, info) => {
    await page.goto('/materials/no-such-material');
    await expect(page.getByText(/not found/i).first()).toBeVisible();
    await page.goto('/no/such/page');
    await expect(page.getByText(/not found/i).first()).toBeVisible();
    await shot(page, info, 'not-found');
  });
});

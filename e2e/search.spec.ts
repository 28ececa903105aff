// Find things (issue 15) in Chromium: the header's search box finds a public material by a word of its summary;
// a gated material's body reaches no response (search documents, search page, material pages); the newsletter
// archive shows an issue as each plan received it; a material page shows related materials.
import { expect, test } from '@playwright/test';
import { Timestamp } from 'firebase-admin/firestore';
import { adminSdk } from '../tests/support/emulators';
import { allResponses, hydrated, signIn } from './support';

const BODY_WORD = 'e2ehushbodyword';

test.beforeAll(async () => {
  // A main-only material whose body holds a word that appears nowhere else, written as the editor writes it.
  const { db } = adminSdk();
  const at = Timestamp.now();
  const shared = { access: 'main', rank: 30, status: 'published' };
  await db.doc('materials/e2e-hush').set({
    ...shared,
    kind: 'article',
    title: 'Hushed partitions for members',
    summary: 'A members-only note on partition pruning.',
    tags: ['parquet'],
    author: 'E2E',
    readingMinutes: 2,
    publishedAt: at,
    updatedAt: at,
  });
  await db.doc('materials/e2e-hush/gated/body').set({
    ...shared,
    markdown: `Only members read this: ${BODY_WORD}.`,
    files: [],
  });
});

test('the header search finds a public material by a word of its summary, by keyboard', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  const box = page.getByRole('searchbox', { name: 'Search' }).first();
  await box.focus();
  await page.keyboard.type('gentle tour');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=gentle/);
  const result = page.getByTestId('search-result').filter({ hasText: 'Parquet for beginners' });
  await expect(result).toBeVisible();
  await expect(result.locator('.badge-kind')).toHaveText(/tutorial|article/i);
  // Prefix and typo: still found.
  await page.getByTestId('search-input').fill('parqet begin');
  await expect(page).toHaveURL(/q=parqet\+begin/);
  await expect(page.getByTestId('search-status')).toContainText('for “parqet begin”');
  await expect(page.getByTestId('search-result').filter({ hasText: 'Parquet for beginners' })).toBeVisible();
  await result.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/materials\/parquet-for-beginners/);
});

test('a gated body is found nowhere: not in the documents, the search page or its results', async ({ page }) => {
  const responses = allResponses(page);
  await page.goto('/search?q=hushed');
  const result = page.getByTestId('search-result').filter({ hasText: 'Hushed partitions for members' });
  await expect(result).toBeVisible();
  await expect(result.locator('.badge.locked')).toContainText('Main');
  await page.getByTestId('search-input').fill(BODY_WORD);
  await expect(page.getByTestId('search-status')).toHaveText(`0 results for “${BODY_WORD}”`);
  // The index and the page as served never held the body's word (the query itself is echoed, so it is typed last).
  const served = responses.filter((r) => r.url.includes('/search'));
  expect(served.some((r) => r.url.endsWith('/search-index.json'))).toBe(true);
  for (const r of served) expect(r.body, r.url).not.toContain(BODY_WORD);
});

test('the newsletter archive shows an issue as each plan received it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Newsletter archive' }).click();
  await expect(page).toHaveURL(/\/newsletters$/);
  await page.getByRole('link', { name: /January notes/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('January notes');
  // A visitor: the public section, a paywall for basic, main and premium.
  await expect(page.getByTestId('issue-section-s00')).toContainText('Hello, everyone');
  for (const s of ['s01', 's02', 's03']) await expect(page.getByTestId(`issue-locked-${s}`)).toBeVisible();
  await expect(page.getByTestId('issue-locked-s02')).toContainText('Main members');

  await signIn(page, 'main@demo.test');
  await page.goto('/newsletters/issue-2027-01');
  await expect(page.getByTestId('issue-section-s01')).toContainText('For Basic members');
  await expect(page.getByTestId('issue-section-s02')).toContainText('For Main members');
  await expect(page.getByTestId('issue-locked-s03')).toContainText('Premium members');
});

test('a material page shows related materials sharing its tags', async ({ page }) => {
  await page.goto('/materials/parquet-for-beginners');
  const related = page.getByTestId('related');
  await expect(related.getByRole('heading', { name: 'Related' })).toBeVisible();
  const links = related.locator('.related-title');
  expect(await links.count()).toBeGreaterThan(0);
  expect(await links.count()).toBeLessThanOrEqual(4);
  await expect(related.locator('a[href="/materials/parquet-for-beginners"]')).toHaveCount(0);
});

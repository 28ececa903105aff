// Public pages as Hosting serves them: rendered by the `ssr` function, then hydrated in the browser.
import { expect, test } from '@playwright/test';
import { firestoreRequests, hydrated, hydrationWarnings, materialAt, MEASURE_CLS, PASSWORD, shot } from './support';

test('the HTML has the content before any JavaScript runs', async ({ browser, request }) => {
  const paid = await materialAt('main');
  const html = await (await request.get(`/materials/${paid.id}`)).text();
  expect(html).toContain(paid.title);
  expect(html).not.toContain(paid.secret);

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await page.goto('/');
  await expect(page.locator('.material-card')).toHaveCount(12);
  await page.goto(`/materials/${paid.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(paid.title);
  await expect(page.getByTestId('paywall')).toBeVisible();
  // A material anyone may read arrives with its text: no read, no script needed for the article.
  const open = await materialAt('public');
  await page.goto(`/materials/${open.id}`);
  await expect(page.getByTestId('material-body')).toContainText(open.secret);
  await page.goto('/pricing');
  await expect(page.getByTestId('plan-premium')).toContainText('Premium');
  const missing = await page.goto('/materials/no-such-material');
  expect(missing?.status()).toBe(404);
  await noJs.close();
});

const MATERIAL_PAGES: Record<string, string> = { 'paid material': 'premium', 'public material': 'public' };
for (const path of ['/', '/pricing', 'paid material', 'public material']) {
  test(`${path} hydrates without a layout shift and without reading again what the page has`, async ({
    page,
  }, info) => {
    const access = MATERIAL_PAGES[path];
    const url = access ? `/materials/${(await materialAt(access)).id}` : path;
    await page.addInitScript(MEASURE_CLS);
    const reads = firestoreRequests(page);
    const warnings = hydrationWarnings(page);
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    await hydrated(page);
    await shot(page, info, `hydrated${url.replace(/\W+/g, '-')}`);
    expect(reads).toEqual([]);
    expect(warnings).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(0.02);
  });
}

test('a material page names in its HTML every script its hydration loads, its lazy view among them', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname);
  });
  const res = await page.goto(`/materials/${(await materialAt('premium')).id}`);
  const html = await res!.text();
  await hydrated(page);
  // The entry and the view's chunks are requested from the HTML, beside each other, not once the entry has run.
  const named = [...html.matchAll(/<(?:link rel="modulepreload"|script type="module")[^>]*?(?:href|src)="([^"]+)"/g)];
  const linked = named.map((m) => m[1]!);
  expect(linked.some((path) => /^\/assets\/MaterialView-[\w-]+\.js$/.test(path))).toBe(true);
  // In few files: the entry, the view, and what public views share by area (vite.config's PUBLIC_AREAS).
  expect(linked.length).toBeLessThanOrEqual(3);
  expect(scripts.length).toBeGreaterThan(1);
  expect(scripts.filter((path) => !linked.includes(path))).toEqual([]);
});

test('the entry asks Chrome to compile it while it downloads, off the boot task', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const entry = /<script type="module"[^>]*?src="([^"]+)"/.exec(html)?.[1];
  expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/);
  // V8 reads the explicit compile hint on the first line only.
  expect((await (await request.get(entry!)).text()).startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
});

test('the hydrated catalog is the live app: filters read Firestore, links route in the page', async ({ page }) => {
  const reads = firestoreRequests(page);
  await page.goto('/');
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.locator('.tags a').first().click();
  await expect(page).toHaveURL(/\?tag=/);
  await expect.poll(() => reads.some((u) => u.includes(':runQuery'))).toBe(true);
  // No full page load happened: the marker set before the click is still there.
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('from a server-rendered paywall, signing in opens the material', async ({ page }) => {
  const paid = await materialAt('main');
  await page.goto(`/materials/${paid.id}`);
  await hydrated(page);
  await expect(page.getByTestId('paywall')).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.locator('input[name="email"]').fill('main@demo.test');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto(`/materials/${paid.id}`);
  await expect(page.getByTestId('material-body')).toContainText(paid.secret);
  await expect(page.getByTestId('paywall')).toHaveCount(0);
});

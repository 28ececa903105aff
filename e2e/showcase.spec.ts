// The project showcase and the curated links in Chromium: a main member submits a project, an admin approves it
// from the queue, and it appears on the public pages the `ssr` function renders (title, Open Graph, JSON-LD);
// a basic member is offered the upgrade; a gated link's URL reaches no public HTML.
import { expect, test } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { allResponses, firestoreRequests, hydrated, hydrationWarnings, shot, signIn } from './support';

const TITLE = `E2E lineage explorer ${Date.now()}`;
const REPO = 'https://github.com/commons-demo/e2e-lineage-explorer';
/** The seed's main-only link (seed-materials.ts) and its URL, which must stay in its body. */
const GATED_LINK = 'link-designing-data-intensive-applications';
const GATED_URL = 'dataintensive.net';
const PUBLIC_URL = 'oreilly.com/library/view/fundamentals-of-data';

test('a main member submits, an admin approves, and the project is on the public pages', async ({ browser }, info) => {
  const member = await browser.newPage();
  await signIn(member, 'main@demo.test');
  await member.goto('/showcase');
  await member.getByTestId('showcase-new').click();
  const form = member.getByTestId('showcase-form');
  await form.getByLabel('Title').fill(TITLE);
  await form.getByLabel('What it does').fill('Draws the lineage of every dbt model from its manifest, in the browser.');
  await form.getByLabel('Repository (https://…)').fill('http://not-https.example.com/x');
  await member.getByTestId('showcase-send').click();
  // The shared schema refuses it in the form, before any call.
  await expect(form.getByText('must be an https:// address')).toBeVisible();
  await form.getByLabel('Repository (https://…)').fill(REPO);
  await member.getByTestId('showcase-send').click();
  await expect(member.getByTestId('showcase-message')).toContainText('Submitted');
  const mine = member.getByTestId('showcase-mine').locator('li', { hasText: TITLE });
  await expect(mine.getByTestId('showcase-status')).toHaveText('Waiting for review');
  await shot(member, info, 'showcase-member-pending');

  const snap = await adminSdk().db.collection('showcase').where('title', '==', TITLE).get();
  expect(snap.size).toBe(1);
  const id = snap.docs[0]!.id;

  // Not public while pending.
  expect((await member.request.get(`/showcase/${id}`)).status()).toBe(404);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@demo.test');
  await admin.goto('/admin/showcase');
  const row = admin.getByTestId(`showcase-row-${id}`);
  await expect(row).toContainText(TITLE);
  await expect(row.getByRole('link', { name: 'Repository ↗' })).toHaveAttribute('href', REPO);
  await row.getByTestId('showcase-approve').click();
  await expect(row).toHaveCount(0);

  // The member sees it approved, live.
  await expect(mine.getByTestId('showcase-status')).toHaveText('Approved');

  // A visitor: the listing and the page, rendered on the server.
  const visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await visitor.goto('/showcase');
  await expect(visitor.getByTestId('showcase-list').getByRole('link', { name: TITLE })).toBeVisible();
  await visitor.goto(`/showcase/${id}`);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(visitor.getByTestId('showcase-repo')).toHaveAttribute('href', REPO);

  // The HTML as a crawler gets it: title, Open Graph tags and the SoftwareSourceCode JSON-LD.
  const html = await (await visitor.request.get(`/showcase/${id}`)).text();
  expect(html).toContain(`<title>${TITLE} · Commons</title>`);
  expect(html).toMatch(new RegExp(`<meta property="og:title" content="${TITLE}"`));
  expect(html).toMatch(/<meta property="og:url" content="[^"]+\/showcase\//);
  const ld = /<script type="application\/ld\+json"[^>]*>([^<]+)<\/script>/.exec(html)?.[1];
  expect(JSON.parse(ld ?? 'null')).toMatchObject({
    '@type': 'SoftwareSourceCode',
    name: TITLE,
    codeRepository: REPO,
    author: { name: 'Mia Main' },
  });
});

test('a basic member is offered "Upgrade to submit"', async ({ page }) => {
  await signIn(page, 'basic@demo.test');
  await page.goto('/showcase');
  const upgrade = page.getByTestId('showcase-upgrade');
  await expect(upgrade).toHaveText('Upgrade to submit');
  await expect(upgrade).toHaveAttribute('href', '/pricing?plan=main');
  await expect(page.getByTestId('showcase-new')).toHaveCount(0);
});

test('a gated project shows its teaser, never its repository, to a visitor', async ({ page }) => {
  await page.goto('/showcase/warehouse-cost-radar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Warehouse cost radar');
  await expect(page.getByTestId('showcase-paywall')).toBeVisible();
  const html = await (await page.request.get('/showcase/warehouse-cost-radar')).text();
  expect(html).not.toContain('github.com/commons-demo/warehouse-cost-radar');
});

test('/showcase hydrates without reading again what the page has', async ({ page }) => {
  const reads = firestoreRequests(page);
  const warnings = hydrationWarnings(page);
  const res = await page.goto('/showcase');
  expect(res?.status()).toBe(200);
  await hydrated(page);
  // The submit box reads who may submit once mounted; the projects themselves are not read again.
  expect(reads.filter((url) => url.includes('/documents/showcase'))).toEqual([]);
  expect(warnings).toEqual([]);
});

test('curated links: listed with their source; a gated link’s URL is in no public HTML', async ({ page }) => {
  const responses = allResponses(page);
  await page.goto('/links');
  await hydrated(page);
  const list = page.getByTestId('links-list');
  await expect(list.locator('.material-card')).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Links');
  const open = list.locator('.material-card', { hasText: 'The data engineering lifecycle' }).getByTestId('link-out');
  await expect(open).toHaveAttribute('href', new RegExp(PUBLIC_URL));
  await expect(open).toHaveAttribute('rel', 'noopener nofollow');
  await expect(list.locator('.material-card', { hasText: 'Replication and partitioning' })).toContainText(
    'via Martin Kleppmann',
  );
  await page.goto(`/materials/${GATED_LINK}`);
  await expect(page.getByTestId('paywall')).toBeVisible();
  await expect(page.getByTestId('link-out')).toHaveCount(0);
  for (const path of ['/links', '/', `/materials/${GATED_LINK}`, '/sitemap.xml', '/feed.xml', '/?kind=link']) {
    const body = await (await page.request.get(path)).text();
    expect(body, path).not.toContain(GATED_URL);
  }
  for (const r of responses) expect(r.body, r.url).not.toContain(GATED_URL);
});

test('a main member opens the gated link', async ({ page }) => {
  await signIn(page, 'main@demo.test');
  await page.goto(`/materials/${GATED_LINK}`);
  await expect(page.getByTestId('link-out')).toHaveAttribute('href', `https://${GATED_URL}/`);
  await expect(page.getByTestId('link-out')).toHaveAttribute('target', '_blank');
});

import { expect, test, type Locator, type Page } from '@playwright/test';
import { hostingHeaders, localPreviewHeaders } from '../scripts/hosting-headers.mjs';
import { materialAt, signIn } from './support';

// Every page of the app under the Content-Security-Policy Hosting sends (firebase.json; the preview
// server adds only the emulators to connect-src): no violation anywhere, and the headers really arrive.

const EXPECTED: Record<string, string> = localPreviewHeaders();

/** Every violation the page reports, from the DOM event and from Chromium's console message. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) violations.push(msg.text());
  });
  return violations;
}

/** Loads `path` as a fresh document, checks the response's headers and waits for the page's content. */
async function visit(page: Page, path: string, ready: (page: Page) => Locator) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  const headers = res!.headers();
  for (const [name, value] of Object.entries(EXPECTED))
    expect(headers[name.toLowerCase()], `${name} on ${path}`).toBe(value);
  await expect(ready(page), path).toBeVisible();
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name, level: 1 });
const testId = (id: string) => (page: Page) => page.getByTestId(id).first();
const card = (page: Page) => page.locator('.material-card').first();

test.describe('Content-Security-Policy', () => {
  test('is the one from firebase.json, with no inline code allowed, and the browser enforces it', async ({ page }) => {
    const hosting = hostingHeaders();
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(hosting).sort());
    const csp = EXPECTED['Content-Security-Policy']!;
    expect(csp).not.toContain("'unsafe-");
    for (const directive of hosting['Content-Security-Policy']!.split(';').map((d: string) => d.trim()))
      expect(csp).toContain(directive.startsWith('connect-src') ? `${directive} http://127.0.0.1:` : directive);

    const violations = await watchCsp(page);
    await visit(page, '/', card);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      document.body.setAttribute('style', 'outline: 1px solid red');
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.join('\n')).toContain('script-src-elem blocked inline');
    await expect.poll(() => violations.join('\n')).toContain('style-src-attr blocked inline');
  });

  test('visitor pages load without a violation', async ({ page }) => {
    const violations = await watchCsp(page);
    const open = await materialAt('public');
    const gated = await materialAt('basic');
    await visit(page, '/', card);
    await visit(page, `/materials/${open.id}`, testId('material-body'));
    await visit(page, `/materials/${gated.id}`, testId('paywall'));
    await visit(page, '/pricing', testId('plan-main'));
    await visit(page, '/sign-in', heading('Sign in'));
    await visit(page, '/subscribed?status=ok', heading('You are subscribed'));
    await visit(page, '/unsubscribed?status=ok', heading('You are unsubscribed'));
    await visit(page, '/unsubscribed?status=invalid', heading('This link did not work'));
    await visit(page, '/no-such-page', heading(/not found/));
    expect(violations).toEqual([]);
  });

  test('a member’s pages load without a violation', async ({ page }) => {
    const violations = await watchCsp(page);
    const main = await materialAt('main');
    await signIn(page, 'main@demo.test');
    await visit(page, '/account', testId('current-plan'));
    await expect(page.getByTestId('current-plan')).toContainText('Main');
    await visit(page, `/materials/${main.id}`, testId('material-body'));
    await visit(page, '/admin', heading('Admins only'));
    expect(violations).toEqual([]);
  });

  test('the admin pages load without a violation', async ({ page }) => {
    const violations = await watchCsp(page);
    const material = await materialAt('premium');
    await signIn(page, 'admin@demo.test');
    await visit(page, '/admin', testId('admin-materials'));
    await visit(page, '/admin/materials/new', heading('New material'));
    await visit(page, `/admin/materials/${material.id}`, heading('Edit material'));
    await expect(page.getByLabel('Title')).toHaveValue(material.title);
    await visit(page, '/admin/members', testId('admin-members'));
    await visit(page, '/admin/newsletters', heading('Newsletters'));
    await visit(page, '/admin/newsletters/new', heading('New newsletter'));
    await visit(page, '/admin/community', heading('Community'));
    await visit(page, '/admin/announcements', heading('Announcements'));
    expect(violations).toEqual([]);
  });
});

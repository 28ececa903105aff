import { expect, type Page, type TestInfo } from '@playwright/test';
import { adminSdk, callFunction, signIn as restSignIn } from '../tests/support/emulators';
import type { CallableName } from '../functions/src/shared/callables';
import type { MaterialBody, MaterialTeaser } from '../functions/src/shared/materials';

export const PASSWORD = 'commons-demo';

export async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** A published seed material at `access`, with a sentence of its body that appears nowhere public. */
export async function materialAt(access: string) {
  const { db } = adminSdk();
  const snap = await db
    .collection('materials')
    .where('status', '==', 'published')
    .where('access', '==', access)
    .limit(1)
    .get();
  const doc = snap.docs[0];
  if (!doc) throw new Error(`no published ${access} material in the seed`);
  const teaser = doc.data() as MaterialTeaser;
  const body = (await doc.ref.collection('gated').doc('body').get()).data() as MaterialBody;
  const secret = body.markdown
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^[A-Za-z][A-Za-z0-9 ,.]{39}/.test(l) && !teaser.summary.includes(l.slice(0, 30)));
  // Plain words only: markdown and typographic quotes would render differently from the source.
  if (!secret) throw new Error(`material ${doc.id} has no distinctive body sentence`);
  return { id: doc.id, title: teaser.title, secret: secret.slice(0, 40) };
}

/** Sums layout shifts from the first paint on (window.__cls), as CLS counts them; pass to page.addInitScript. */
export const MEASURE_CLS = () => {
  (window as unknown as { __cls: number }).__cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
      if (!entry.hadRecentInput) (window as unknown as { __cls: number }).__cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

/** Firestore requests the page makes (REST reads of the lite SDK and listeners alike). */
export function firestoreRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes(':8080/')) urls.push(req.url());
  });
  return urls;
}

/** Vue has taken over the server's HTML (it marks the container with the app). */
export const vueMounted = (page: Page) =>
  page.waitForFunction(() => !!(document.getElementById('app') as { __vue_app__?: unknown } | null)?.__vue_app__);

/** Hydrated and settled: for a visitor, whose page keeps no listener open. */
export async function hydrated(page: Page) {
  await vueMounted(page);
  await page.waitForLoadState('networkidle');
}

/** Vue's hydration warnings in the console. */
export function hydrationWarnings(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (msg) => {
    if (/hydrat/i.test(msg.text())) messages.push(msg.text());
  });
  return messages;
}

/** Every response body a page receives (documents, scripts, Firestore and function answers), to prove what never reached it. */
export function allResponses(page: Page): { url: string; body: string }[] {
  const seen: { url: string; body: string }[] = [];
  page.on('response', async (res) => {
    try {
      seen.push({ url: res.url(), body: await res.text() });
    } catch {
      // redirects, media and streaming listeners have no complete text body
    }
  });
  return seen;
}

/** Collects every Firestore response body the page receives, to prove what never reached it. */
export function recordFirestore(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (res) => {
    if (!res.url().includes(':8080/')) return;
    try {
      bodies.push(await res.text());
    } catch {
      // streaming (listen) responses have no complete body; the lite reads we care about do
    }
  });
  return bodies;
}

export async function asAdmin<T>(name: CallableName, data: unknown): Promise<T> {
  const admin = await restSignIn('admin@demo.test', PASSWORD);
  const res = await callFunction(name, data, admin.idToken);
  if (res.error) throw new Error(`${name}: ${res.error.message}`);
  return res.result as T;
}

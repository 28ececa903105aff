import { expect, test, type Page } from '@playwright/test';
import { adminSdk, eventually } from '../tests/support/emulators';
import { inbox } from '../tests/support/inbox';
import { shot } from './support';

// Issue 15, "lead magnets that deliver": a visitor on a free download enters an address, opens the mailed
// sign-in link, lands signed in on the material, and the file downloads (from the page and from the mail).
const ID = 'window-functions-cheat-sheet';
const TITLE = 'SQL window functions cheat sheet';

/**
 * The mailed link is the Auth action URL; Firebase's action handler sends the browser to its `continueUrl`
 * with the link's code (what account.spec.ts does for the sign-in page's link). Opened on this server.
 */
function landingOf(actionLink: string): string {
  const action = new URL(actionLink);
  const finish = new URL(action.searchParams.get('continueUrl') ?? '');
  for (const [k, v] of action.searchParams) if (k !== 'continueUrl') finish.searchParams.set(k, v);
  return `${finish.pathname}${finish.search}`;
}

/** Clicks through the finish page: it asks for the address only when this browser does not know it. */
async function finishSignIn(page: Page, email: string) {
  const asked = page.getByLabel('Confirm your email');
  const onMaterial = page.waitForURL((u) => u.pathname === `/materials/${ID}`);
  await Promise.race([onMaterial, asked.waitFor().catch(() => {})]);
  if (await asked.isVisible()) {
    await asked.fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  // SignInFinishView follows the link's `next`: the material.
  await onMaterial;
}

test('lead magnet: from visitor to downloaded file', async ({ page }, info) => {
  await adminSdk().db.recursiveDelete(adminSdk().db.collection('rateLimits')); // this client's allowance, fresh
  const email = `lead-${Date.now()}@example.com`;

  await page.goto(`/materials/${ID}`);
  const paywall = page.getByTestId('paywall');
  await expect(paywall.getByTestId('lead-magnet-steps')).toContainText('signs you in');
  await paywall.getByLabel('Email address').fill(email);
  await paywall.getByRole('button', { name: 'Email me the link' }).click();
  await expect(paywall.getByRole('status')).toContainText('signs you in and brings you back here');
  await shot(page, info, 'lead-magnet-sent');

  const mails = await eventually(
    async () => (await inbox(email)).filter((m) => m.subject === `Your free copy of ${TITLE}`),
    (m) => m.length === 1,
    20_000,
  );
  const text = mails[0]!.text;
  const signInLink = /Sign in and open it: (\S+)/.exec(text)?.[1];
  const fileLink = /\(opens once you are signed in\): (\S+)/.exec(text)?.[1];
  expect(signInLink).toBeDefined();
  expect(fileLink).toMatch(new RegExp(`/materials/${ID}\\?download=`));

  await page.goto(landingOf(signInLink!));
  await finishSignIn(page, email);
  await expect(page.getByTestId('paywall')).toHaveCount(0);
  const button = page.getByRole('button', { name: /^Download / });
  await expect(button).toBeVisible();
  const fromPage = page.waitForEvent('download');
  await button.click();
  expect((await fromPage).suggestedFilename()).toBeTruthy();

  // The file's link in the mail: the material page, which starts that file for a signed-in reader.
  const fromMail = page.waitForEvent('download');
  const link = new URL(fileLink!);
  await page.goto(`${link.pathname}${link.search}`);
  const download = await fromMail;
  expect(download.suggestedFilename()).toBe(new URL(fileLink!).searchParams.get('download'));
  await shot(page, info, 'lead-magnet-downloaded');
});

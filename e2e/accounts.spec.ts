import { spawnSync } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientEnv, ROOT } from '../scripts/emulators.mjs';
import { eventually, signUp } from '../tests/support/emulators';
import { inbox, verifyThroughInbox } from '../tests/support/inbox';
import { materialAt, PASSWORD, shot, signIn } from './support';

// Accounts as a member meets them: "Forgot password" through the dev inbox, a sign-in link that lands
// where it was asked from, a session that ends under the member (told, and back to the same page), and
// a checkout that returns to the material that led to it, unlocked.

const WEBHOOK = { timeout: 15_000 };

/** A fresh password account (verified when asked: checkout needs it), and its uid. */
async function newAccount(label: string, verified = false): Promise<{ email: string; uid: string }> {
  const email = `${label}-${Date.now()}@example.com`;
  const { uid } = await signUp(email, PASSWORD);
  if (verified) await verifyThroughInbox(email);
  return { email, uid };
}

/** The newest mail to `to` with `subject`, and the link after `label:` in its text. */
async function mailedLink(to: string, subject: string, label: string): Promise<URL> {
  const text = await eventually(
    async () => (await inbox(to)).filter((m) => m.subject === subject).at(-1)?.text ?? '',
    (t) => t !== '',
    20_000,
  );
  const link = new RegExp(`${label}: (\\S+)`).exec(text)?.[1];
  if (!link) throw new Error(`no "${label}" link in the mail to ${to}`);
  return new URL(link);
}

/** The same path and query on the app under test (mails link to APP_URL's first entry). */
const onApp = (url: URL) => `${url.pathname}${url.search}`;

/** `npm run admin -- disable|enable <email>`, the admin CLI as an admin runs it. */
function admin(command: 'disable' | 'enable', email: string) {
  const run = spawnSync('npx', ['tsx', 'functions/src/scripts/admin-cli.ts', command, email], {
    cwd: ROOT,
    env: { ...process.env, ...clientEnv() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}

async function otherDevice(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.describe('accounts', () => {
  test('sign-up is apart from sign-in and names the plan it was opened for', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
    await page.goto('/sign-up?plan=main');
    await expect(page.getByTestId('sign-up-plan')).toHaveText(
      "You're joining Main — create your account, then checkout.",
    );
  });

  test('forgot password: the reset mail reaches the dev inbox, and the new password signs in', async ({
    page,
  }, info) => {
    const { email } = await newAccount('forgot');
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill(email);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password/);
    await expect(page.locator('input[name="email"]')).toHaveValue(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'If this address belongs to a member, a link to choose a new password is on its way. Check your inbox.',
    );

    const link = await mailedLink(email, 'Reset your Commons password', 'Choose a new password');
    await page.goto(onApp(link));
    await expect(page.getByText(`For ${email}.`)).toBeVisible();
    await page.locator('input[name="password"]').fill('a-brand-new-password');
    await shot(page, info, 'reset-password');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-email')).toHaveText(email);

    // The link works once; the old password no longer does, the new one does.
    await page.goto(onApp(link));
    await expect(page.getByRole('alert')).toContainText('invalid or has already been used');
    const fresh = await otherDevice(page.context().browser()!);
    await fresh.goto('/sign-in');
    await fresh.locator('input[name="email"]').fill(email);
    await fresh.locator('input[name="password"]').fill(PASSWORD);
    await fresh.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(fresh.getByRole('alert')).toHaveText('Wrong email or password.');
    await fresh.locator('input[name="password"]').fill('a-brand-new-password');
    await fresh.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(fresh).toHaveURL(/\/account$/);
  });

  test('a sign-in link arrives in the dev inbox and lands on the page it was asked from, on any device', async ({
    page,
    browser,
  }) => {
    const { email } = await newAccount('link');
    await page.goto('/sign-in?redirect=%2Fpricing%3Finterval%3Dyearly');
    await page.locator('input[name="email"]').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'If this address belongs to a member, a sign-in link is on its way. Check your inbox.',
    );

    // The Auth emulator's action link continues to /sign-in/finish (with `next` and `email`) and its code.
    const action = await mailedLink(email, 'Your Commons sign-in link', 'Sign in to Commons');
    const finish = new URL(action.searchParams.get('continueUrl') ?? '');
    for (const [key, value] of action.searchParams) finish.searchParams.set(key, value);
    // Another device: nothing remembered there, the link alone signs in.
    const phone = await otherDevice(browser);
    await phone.goto(onApp(finish));
    await expect(phone).toHaveURL(/\/pricing\?interval=yearly$/);
    await expect(phone.getByTestId('account-link')).toBeVisible();
  });

  test('a session that ends under the member is told, shows no offer, and signing in again returns to the page', async ({
    page,
  }, info) => {
    const paid = await materialAt('main');
    const { email } = await newAccount('ended');
    await signIn(page, email);
    await page.goto(`/materials/${paid.id}`);
    const paywall = page.getByTestId('paywall');
    await expect(paywall.getByRole('link', { name: 'Join Main' })).toBeVisible();

    // The account is disabled (`npm run admin -- disable`): refresh tokens revoked, tokens stamped old.
    // The open page refreshes its token at the stamp, the refresh is refused, and the SDK signs out.
    admin('disable', email);
    const notice = page.getByTestId('session-lost');
    await expect(notice).toContainText('Your session has ended.', WEBHOOK);
    await expect(paywall.getByRole('link', { name: 'Sign in to see your plan' })).toBeVisible();
    await expect(paywall.getByRole('link', { name: /Join|Upgrade/ })).toHaveCount(0);
    await shot(page, info, 'session-ended');

    // Let back in (as an admin would), the member signs in again and is back on the material.
    admin('enable', email);
    await notice.getByRole('link', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/sign-in\?redirect=/);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/materials/${paid.id}$`));
    await expect(page.getByTestId('session-lost')).toHaveCount(0);
    await expect(paywall.getByRole('link', { name: 'Join Main' })).toBeVisible();
  });

  test('checkout from a paywall returns to the material, unlocked', async ({ page }) => {
    test.setTimeout(90_000);
    const paid = await materialAt('main');
    const { email } = await newAccount('return', true);
    await signIn(page, email);
    await page.goto(`/materials/${paid.id}`);
    await page.getByTestId('paywall').getByRole('link', { name: 'Join Main' }).click();
    await expect(page).toHaveURL(new RegExp(`/pricing\\?plan=main&returnTo=(%2F|/)materials(%2F|/)${paid.id}$`));
    await page
      .getByTestId('plan-main')
      .getByRole('button', { name: /^(Join Main|Start free trial)$/ })
      .click();
    await expect(page).toHaveURL(/\/checkout\//, WEBHOOK);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    // The account page waits until the plan is in the claims, then goes back to the material.
    await expect(page).toHaveURL(new RegExp(`/materials/${paid.id}$`), { timeout: 30_000 });
    await expect(page.getByTestId('material-body')).toContainText(paid.secret);
    await expect(page.getByTestId('paywall')).toHaveCount(0);
  });
});

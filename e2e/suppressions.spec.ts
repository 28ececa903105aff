import { expect, test } from '@playwright/test';
import { FUNCTIONS, adminSdk } from '../tests/support/emulators';
import { shot, signIn } from './support';

// The suppression list in Admin → Newsletters: a hard bounce posted in Postmark's format (with the demo's
// basic auth, POSTMARK_WEBHOOK_AUTH) shows up live, and Lift takes the address off the list.
const EMAIL = 'e2e-gone@bounce.test';
const AUTH = `Basic ${Buffer.from('postmark:demo-webhook-password').toString('base64')}`;

test('an admin sees a bounced address on the suppression list and lifts it', async ({ page }, info) => {
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/newsletters');
  const section = page.getByRole('region', { name: 'Suppressed addresses' });
  await expect(section).toBeVisible();

  const res = await fetch(`${FUNCTIONS}/postmarkWebhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: AUTH },
    body: JSON.stringify({
      RecordType: 'Bounce',
      ID: Date.now(),
      Type: 'HardBounce',
      TypeCode: 1,
      Name: 'Hard bounce',
      MessageStream: 'broadcast',
      Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
      Email: EMAIL,
      BouncedAt: new Date().toISOString(),
    }),
  });
  expect(res.status).toBe(200);

  const row = section.getByTestId('suppression').filter({ hasText: EMAIL });
  await expect(row).toContainText('Hard bounce');
  await shot(page, info, 'suppression-list');
  await row.getByRole('button', { name: `Lift suppression: ${EMAIL}` }).click();
  await expect(section.getByRole('status')).toHaveText(`${EMAIL} may receive mail again.`);
  await expect(row).toHaveCount(0);
  const { db } = adminSdk();
  const entries = await db.collection('suppressions').where('email', '==', EMAIL).get();
  expect(entries.docs.map((d) => d.get('suppressed'))).toEqual([false]);
});

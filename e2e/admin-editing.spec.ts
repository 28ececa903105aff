import { expect, test, type Page } from '@playwright/test';
import type { TiersConfig } from '../functions/src/shared/tiers';
import { adminSdk } from '../tests/support/emulators';
import { shot, signIn } from './support';

const members = (page: Page) => page.getByRole('link', { name: 'Members', exact: true }).first();

// Issue 15, "admin editing that does not lose work": the app's own dialogs instead of the browser's, a
// warning before unsaved work is left, field messages that go when the field changes, and the newsletter's
// recipient count and preview as a plan.
test.describe('admin editing', () => {
  test('unsaved changes ask before leaving; stale messages go; a material is deleted through the in-app dialog', async ({
    page,
  }, info) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/materials/new');
    await expect(page.getByRole('heading', { name: 'New material' })).toBeVisible();
    // Every kind but a recording (whose files come from the ingest) has the file field.
    await page.getByLabel('Kind').selectOption('tutorial');
    await expect(page.getByRole('group', { name: 'Files for download' })).toBeVisible();

    // A form-level message points at the fields above; each field's message goes once the field changes.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Please fix the fields marked above.' })).toBeVisible();
    await expect(page.getByText('Title is too short')).toBeVisible();
    const title = `Unsaved work ${Date.now()}`;
    await page.getByLabel('Title').fill(title);
    await expect(page.getByText('Title is too short')).toHaveCount(0);
    // Only the changed field's message goes; the teaser's stays until the teaser changes.
    const teaserMessage = page.getByText('Write a teaser of at least 10 characters');
    await expect(teaserMessage).toBeVisible();
    await page.getByLabel('Teaser (shown to everyone)').fill('A teaser long enough to save.');
    await expect(teaserMessage).toHaveCount(0);
    await expect(page.getByText('Please fix the fields marked above.')).toHaveCount(0);

    // Leaving with unsaved changes asks in the app's dialog: "Keep editing" stays with the work intact.
    const browserDialogs: string[] = [];
    page.on('dialog', (d) => {
      browserDialogs.push(`${d.type()}: ${d.message()}`);
      void d.accept(); // never left open: a test that fails here fails on the assertion below, not a hang
    });
    await members(page).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(leave).toBeVisible();
    await shot(page, info, 'admin-leave-dialog');
    await leave.getByRole('button', { name: 'Keep editing' }).click();
    await expect(page).toHaveURL(/\/admin\/materials\/new$/);
    await expect(page.getByLabel('Title')).toHaveValue(title);

    // Saved: leaving asks nothing.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as draft.' })).toBeVisible();
    // The message comes a moment before the address moves from /new to the material's id.
    await expect(page).toHaveURL(/\/admin\/materials\/(?!new$)[^/?#]+$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await members(page).click();
    await expect(page).toHaveURL(/\/admin\/members$/);

    // Back, edited, then leave for real.
    await page.goto(`/admin/materials/${id}`);
    await page.getByLabel('Author').fill('Someone else');
    await members(page).click();
    await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave' }).click();
    await expect(page).toHaveURL(/\/admin\/members$/);

    // Delete asks in the app's dialog too.
    await page.goto(`/admin/materials/${id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const del = page.getByRole('dialog', { name: `Delete “${title}” for good?` });
    await expect(del).toContainText('Members lose access at once.');
    await del.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect.poll(async () => (await adminSdk().db.doc(`materials/${id}`).get()).exists).toBe(false);
    expect(browserDialogs).toEqual([]); // never the browser's confirm()
  });

  test('the send dialog counts the recipients; the preview shows the issue as a chosen plan', async ({ page }) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/newsletters/new');
    await page.getByRole('textbox', { name: /^Subject/ }).fill('Preview check');
    await page.getByLabel('Audience').selectOption('everyone');
    const first = page.getByRole('group', { name: 'Section 1', exact: true });
    await first.getByLabel('Readable by').selectOption('public');
    await first.getByLabel('Text (markdown)').fill('Everyone reads this intro.');
    await page.getByRole('button', { name: 'Add section' }).click();
    const second = page.getByRole('group', { name: 'Section 2', exact: true });
    await second.getByLabel('Readable by').selectOption('premium');
    await second.getByLabel('Text (markdown)').fill('Premium deep dive.');

    const preview = page.getByTestId('newsletter-preview');
    await preview.getByLabel('Preview as').selectOption({ label: 'Free' });
    await expect(preview).toContainText('Everyone reads this intro.');
    await expect(preview).not.toContainText('Premium deep dive.');
    await expect(preview.getByTestId('preview-locked')).toContainText('This part is for Premium members.');
    await preview.getByLabel('Preview as').selectOption({ label: 'Premium' });
    await expect(preview).toContainText('Premium deep dive.');
    await expect(preview.getByTestId('preview-locked')).toHaveCount(0);

    // The members the sender would pick now: newsletters on, at or above the audience's (lowest) rank. Other
    // specs may add members meanwhile, so the count lies between a count before and one after.
    const { db } = adminSdk();
    const tiers = (await db.doc('config/tiers').get()).data() as TiersConfig | undefined;
    if (!tiers) throw new Error('the seed writes config/tiers');
    const rank = Math.min(...Object.values(tiers.tiers).map((t) => t.rank));
    const recipients = async () =>
      (
        await db
          .collection('members')
          .where('emailPrefs.newsletter', '==', true)
          .where('rank', '>=', rank)
          .count()
          .get()
      ).data().count;
    const before = await recipients();
    await page.getByRole('button', { name: 'Send now' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this newsletter now?' });
    const count = confirm.getByTestId('recipient-count');
    await expect(count).toContainText(/\d+ members? with newsletters on will receive it\./);
    const shown = Number(/(\d+)/.exec((await count.textContent()) ?? '')?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeGreaterThanOrEqual(before);
    expect(shown).toBeLessThanOrEqual(await recipients());
    await confirm.getByRole('button', { name: 'Keep editing' }).click();
    await expect(confirm).toHaveCount(0);
  });
});

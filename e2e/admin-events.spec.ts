import { expect, test } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { shot, signIn } from './support';

test.describe('admin events', () => {
  test('an admin sees the seeded events with their registrations', async ({ page }) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/events');
    const list = page.getByTestId('admin-events');
    await expect(list).toContainText('Workshop: testing dbt models');
    await expect(list.locator('tr', { hasText: 'Workshop: testing dbt models' })).toContainText('2 / 2');
    await list.getByRole('link', { name: 'Workshop: testing dbt models' }).click();
    await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
    await expect(page.getByLabel('Starts')).toHaveValue(/T17:00$/);
    const registrations = page.getByTestId('event-registrations');
    await expect(registrations).toContainText('Mia Main');
    await expect(registrations).toContainText('Priya Premium');
    await expect(page.getByTestId('event-mirrors')).toContainText('Zoom');
  });

  test('an admin validates, publishes and cancels an event', async ({ page }, info) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/events/new');
    await expect(page.getByLabel('Time zone')).not.toHaveValue('');
    await page.getByLabel('Title').fill('Hi');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Title is too short')).toBeVisible();

    await page.getByLabel('Title').fill('Data contracts round table');
    await page.getByLabel('Teaser (shown to everyone)').fill('How teams agree on schemas between producers and users.');
    await page.getByLabel('Kind').selectOption('link');
    await page.getByLabel('Who can join').selectOption('main');
    await page.getByLabel('Starts').fill('2027-01-14T18:00');
    await page.getByLabel('Ends').fill('2027-01-14T17:00');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Join link (https://…)').fill('http://meet.example.com/contracts');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('The event must end after it starts')).toBeVisible();
    await expect(page.getByText('An external event needs its https:// link')).toBeVisible();

    await page.getByLabel('Ends').fill('2027-01-14T19:30');
    await page.getByLabel('Join link (https://…)').fill('https://meet.example.com/contracts');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Published.')).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/events\/[^/]+$/);
    await expect(page.getByTestId('event-status')).toContainText('Published');
    const id = page.url().split('/').pop()!;
    const stored = (await adminSdk().db.doc(`events/${id}`).get()).data()!;
    expect(stored.startAt.toDate().toISOString()).toBe('2027-01-14T17:00:00.000Z');
    await shot(page, info, 'admin-event-editor');

    await page.getByRole('button', { name: 'Cancel event' }).click();
    await page.getByTestId('cancel-notify').uncheck();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel event' }).click();
    await expect(page.getByTestId('event-status')).toContainText('Cancelled');
    const changes = await adminSdk().db.collection(`events/${id}/changes`).get();
    expect(changes.docs.map((d) => [d.id, d.get('kind'), d.get('notify')])).toEqual([
      ['0', 'published', true],
      ['1', 'cancelled', false],
    ]);
  });
});

import { expect, test, type Page } from '@playwright/test';
import { hydrated, materialAt, shot, signIn } from './support';

// A 390 px phone: nothing wider than the screen, the header on one row with its links behind a menu button,
// the catalog's filters behind one button, tap targets of at least 44 px, admin tables scrolling in their
// card. Then, at any size: after an in-app page change focus is on the new page's h1 and its title announced.

const PHONE = { width: 390, height: 844 };
const TAP = 44;

/** The page is no wider than the screen (no sideways scrolling); a failure names what sticks out. */
async function expectNoOverflow(page: Page, path: string) {
  const { scroll, inner, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
  }));
  expect(scroll, `${path} is ${scroll} px wide on a ${inner} px screen: ${wide.join(', ')}`).toBeLessThanOrEqual(inner);
}

/** The header is one row: the brand and the menu button side by side, no taller than a tap target and a margin. */
async function expectHeaderOnOneRow(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const brand = await nav.getByRole('link', { name: 'Commons, home' }).boundingBox();
  const menu = await nav.getByRole('button', { name: 'Menu' }).boundingBox();
  const box = await nav.boundingBox();
  expect(brand && menu && box).toBeTruthy();
  expect(box!.height).toBeLessThanOrEqual(64);
  expect(Math.abs(brand!.y + brand!.height / 2 - (menu!.y + menu!.height / 2))).toBeLessThan(4);
  expect(menu!.x).toBeGreaterThan(brand!.x + brand!.width);
  // Nothing else of the header shows until the menu opens.
  await expect(nav.getByRole('link', { name: 'Pricing' })).toBeHidden();
}

/** Every matching element that shows is at least 44 px tall (and wide). */
async function expectTapTargets(page: Page, selector: string, what: string) {
  const boxes = await page.locator(selector).evaluateAll((els) =>
    els
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => ({ width: r.width, height: r.height })),
  );
  expect(boxes.length, `${what} on the page`).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.height, `${what} height`).toBeGreaterThanOrEqual(TAP);
    expect(box.width, `${what} width`).toBeGreaterThanOrEqual(TAP);
  }
}

test.describe('on a 390 px phone', () => {
  test.use({ viewport: PHONE });

  test('the public pages fit the screen with the header on one row', async ({ page }, info) => {
    const open = await materialAt('public');
    const paid = await materialAt('main');
    const pages = [
      '/',
      `/materials/${open.id}`,
      `/materials/${paid.id}`,
      '/pricing',
      '/events',
      '/events/demo-community-call',
      '/courses',
      '/courses/data-pipelines',
      '/courses/data-pipelines/units/welcome',
      '/sign-in',
    ];
    for (const path of pages) {
      await page.goto(path);
      await hydrated(page);
      await expectNoOverflow(page, path);
      await expectHeaderOnOneRow(page);
      await shot(page, info, `phone${path.replace(/\W+/g, '-')}`);
    }
  });

  test('the menu button opens and closes the links, from the keyboard too', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const button = nav.getByRole('button', { name: 'Menu' });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toHaveAttribute('aria-controls', 'site-menu');

    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'Pricing' })).toBeVisible();
    await expectTapTargets(page, '#site-menu a', 'menu links');
    await expectNoOverflow(page, 'the open menu');

    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(nav.getByRole('link', { name: 'Pricing' })).toBeHidden();
    await expect(button).toBeFocused();

    // Enter opens it; Tab reaches its links; following one closes it.
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Catalog' })).toBeFocused();
    // Tabbing past its last link closes it.
    for (let i = 0; i < 20 && (await page.evaluate(() => !!document.activeElement?.closest('header'))); i++)
      await page.keyboard.press('Tab');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.click();
    await nav.getByRole('link', { name: 'Pricing' }).click();
    await expect(page).toHaveURL(/\/pricing$/);
    await expect(button).toHaveAttribute('aria-expanded', 'false');

    // A tap outside closes it too.
    await button.click();
    await page.mouse.click(PHONE.width / 2, PHONE.height - 40); // below the open menu
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  test('the catalog filters sit behind one button; tags are 44 px tap targets', async ({ page }, info) => {
    await page.goto('/');
    await hydrated(page);
    const toggle = page.getByTestId('filters-toggle');
    const search = page.getByRole('searchbox', { name: 'Search titles' });
    await expect(toggle).toHaveText('Filters');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(search).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Kind' })).toBeHidden();
    await expectTapTargets(page, '[data-testid="filters-toggle"]', 'the filters button');
    await expectTapTargets(page, '.material-card .tags a', 'tags');

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(search).toBeVisible();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('download');
    await expect(page).toHaveURL(/kind=download/);
    await expect(toggle).toHaveText('Filters (1)');
    await expectNoOverflow(page, 'the open filters');
    await shot(page, info, 'phone-filters-open');

    await toggle.click();
    await expect(search).toBeHidden();

    const open = await materialAt('public');
    await page.goto(`/materials/${open.id}`);
    await hydrated(page);
    await expectTapTargets(page, '.material-header .tags a', 'tags of a material');
  });

  test('an admin table scrolls inside its card, as a labelled focusable region', async ({ page }, info) => {
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/members');
    const region = page.getByRole('region', { name: 'Members' });
    await expect(region.getByRole('table')).toBeVisible();
    await expect(region).toHaveAttribute('tabindex', '0');
    await expectNoOverflow(page, '/admin/members');
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await shot(page, info, 'phone-admin-members');
  });
});

test('after an in-app page change focus is on the new h1 and the title is announced', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  const announcer = page.getByTestId('route-announcer');
  // The first page (server-rendered, hydrated) moves nothing and announces nothing.
  await expect(announcer).toHaveText('');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pricing' }).click();
  const h1 = page.getByRole('heading', { level: 1, name: 'Plans' });
  await expect(h1).toBeFocused();
  await expect(h1).toHaveAttribute('tabindex', '-1');
  await expect(announcer).toHaveText('Pricing · Commons');
  await expect(page).toHaveTitle('Pricing · Commons');

  // A material, whose heading arrives with its data: the focus waits for it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const card = page.locator('.material-card .card-title a').first();
  const title = (await card.textContent())!.trim();
  await card.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await expect(announcer).toHaveText(`${title} · Commons`);

  // A filter changes the query only: the focus stays in the field.
  await page.goto('/');
  await hydrated(page);
  const search = page.getByRole('searchbox', { name: 'Search titles' });
  await search.fill('dbt');
  await expect(page).toHaveURL(/q=dbt/);
  await expect(search).toBeFocused();
});

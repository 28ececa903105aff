// The calendar and event pages in Chromium: rendered by the `ssr` function, hydrated without moving or reading
// again, the member's buttons after sign-in, and an event's join URL reaching only a registered member of its
// rank inside the join window. Events are written with the Admin SDK (the event callables are another part).
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { Firestore } from 'firebase-admin/firestore';
import { adminSdk } from '../tests/support/emulators';
import {
  allResponses,
  firestoreRequests,
  hydrated,
  hydrationWarnings,
  MEASURE_CLS,
  shot,
  signIn,
  vueMounted,
} from './support';

const JOIN_URL = 'https://zoom.example/j/5550001?pwd=E2eJoinSecret';
const SOON_URL = 'https://zoom.example/j/5550002?pwd=E2eSoonSecret';
const DAY = 86_400_000;
const at = (days: number, utcHour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(utcHour, 0, 0, 0);
  return d;
};

/**
 * Writes an event's teaser and join details as the event callables store them (the shape of
 * functions/src/testing/factories.ts `makeEventDocs`, which Playwright's loader cannot import from CommonJS
 * functions/). Main access unless `access`/`rank` say otherwise.
 */
async function writeEvent(
  db: Firestore,
  id: string,
  over: { title: string; startAt: Date; endAt: Date; url: string | null } & Record<string, unknown>,
) {
  const { url, ...fields } = over;
  const teaser = {
    summary: 'What we will do together',
    descriptionHtml: '<p>Agenda for everyone.</p>',
    kind: 'zoom',
    status: 'published',
    access: 'main',
    rank: 30,
    timeZone: 'Europe/Berlin',
    capacity: null,
    registered: 0,
    waitlisted: 0,
    joinWindowMinutes: 15,
    place: null,
    seriesId: null,
    recordingId: null,
    sequence: 0,
    publishedAt: new Date(),
    updatedAt: new Date(),
    ...fields,
  };
  const join = {
    access: teaser.access,
    rank: teaser.rank,
    status: teaser.status,
    opensAt: new Date(over.startAt.getTime() - 15 * 60_000),
    url,
    passcode: null,
    detailsHtml: '',
  };
  const batch = db.batch();
  batch.set(db.doc(`events/${id}`), teaser);
  batch.set(db.doc(`events/${id}/gated/join`), join);
  await batch.commit();
}

test.beforeAll(async () => {
  const { db } = adminSdk();
  const start = at(7, 17);
  await writeEvent(db, 'e2e-main-zoom', {
    title: 'Main members’ modelling clinic',
    summary: 'Bring a model, leave with a better one.',
    startAt: start,
    endAt: new Date(start.getTime() + 90 * 60_000),
    url: JOIN_URL,
  });
  await writeEvent(db, 'e2e-open-meetup', {
    access: 'public',
    rank: 0,
    title: 'Open community meetup',
    kind: 'in-person',
    place: 'Berlin',
    startAt: at(9, 16),
    endAt: at(9, 18),
    url: null,
  });
  // Starts in five minutes: inside the join window (15 minutes) for a registered main member.
  const soon = new Date(Date.now() + 5 * 60_000);
  await writeEvent(db, 'e2e-starting-soon', {
    title: 'Starting soon: live debugging',
    startAt: soon,
    endAt: new Date(soon.getTime() + 60 * 60_000),
    url: SOON_URL,
  });
  await db.doc('events/e2e-starting-soon/registrations/demo-main').set({
    uid: 'demo-main',
    email: 'main@demo.test',
    name: 'Mia Main',
    status: 'registered',
    source: 'web',
    createdAt: new Date(),
  });
});

test('a visitor sees the calendar and an event page without JavaScript', async ({ browser }) => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  const res = await page.goto('/events');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Events');
  const upcoming = page.locator('[aria-labelledby="upcoming-title"]');
  await expect(upcoming.getByRole('link', { name: 'Main members’ modelling clinic' })).toBeVisible();
  await expect(upcoming.getByRole('link', { name: 'Open community meetup' })).toBeVisible();
  await page.goto('/events/e2e-main-zoom');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Main members’ modelling clinic');
  await expect(page.locator('.event-when')).toContainText(/18:00–19:30 CES?T/);
  await expect(page.getByTestId('event-actions')).toContainText('Sign in to register');
  await noJs.close();
});

/** Counts the Intl formatters a page builds (as `__intl`): a phone's first one starts ICU, 100 to 200 ms at 4x CPU. */
const COUNT_INTL = () => {
  const w = window as unknown as { __intl: number };
  w.__intl = 0;
  for (const name of ['DateTimeFormat', 'NumberFormat'] as const) {
    const real = Intl[name] as unknown as new (...args: unknown[]) => object;
    const counted = new Proxy(real, {
      construct: (target, args) => (w.__intl++, Reflect.construct(target, args)),
      apply: (target, self, args) => (w.__intl++, Reflect.apply(target as unknown as () => object, self, args)),
    });
    Object.defineProperty(Intl, name, { value: counted });
  }
};

// Intl formatters each page builds: the calendar none; an event page one, for its JSON-LD price (lib/format's
// priceAmount reads the currency's digits from Intl).
const INTL_FORMATTERS = { '/events': 0, '/events/e2e-main-zoom': 1 };
for (const [path, formatters] of Object.entries(INTL_FORMATTERS)) {
  test(`${path} hydrates without a layout shift and without reading again what the page has`, async ({
    browser,
  }, info) => {
    // A viewer in New York: the times move to their zone after hydration, and still nothing shifts.
    const context = await browser.newContext({ timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await page.addInitScript(MEASURE_CLS);
    await page.addInitScript(COUNT_INTL);
    const reads = firestoreRequests(page);
    const warnings = hydrationWarnings(page);
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await hydrated(page);
    await shot(page, info, `hydrated${path.replace(/\W+/g, '-')}`);
    expect(reads).toEqual([]);
    expect(warnings).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(0.02);
    // The viewer's zone, with the event's own time beside it.
    const when = page.locator('.event-when').first();
    await expect(when).toContainText('GMT-5');
    await expect(when).toContainText('Europe/Berlin');
    // Times come from the clock the server wrote and from Date's local getters, then and after: no Intl for them.
    expect(await page.evaluate(() => (window as unknown as { __intl: number }).__intl)).toBe(formatters);
    await context.close();
  });
}

test('the calendar’s first route stays small, and FullCalendar loads only for the month grid', async ({ page }) => {
  const scripts = new Map<string, number>();
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script') scripts.set(res.url(), gzipSync(await res.body()).length);
  });
  await page.goto('/events');
  await hydrated(page);
  const firstRoute = [...scripts.values()].reduce((a, b) => a + b, 0);
  test.info().annotations.push({ type: 'first-route JS (gzip)', description: `${(firstRoute / 1024).toFixed(1)} KB` });
  console.log(`/events first-route JS: ${(firstRoute / 1024).toFixed(1)} KB gzipped in ${scripts.size} files`);
  // The catalog's budget is 100 KB; the calendar adds its own view chunk on top of the shared entry.
  expect(firstRoute).toBeLessThanOrEqual(105 * 1024);
  expect([...scripts.keys()].some((u) => u.includes('EventsCalendar'))).toBe(false);

  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|FullCalendar/i.test(msg.text())) violations.push(msg.text());
  });
  await page.getByRole('link', { name: 'Month' }).click();
  await expect(page).toHaveURL(/view=month/);
  const grid = page.getByTestId('events-calendar');
  await expect(grid.locator('.fc-daygrid')).toBeVisible();
  expect([...scripts.keys()].some((u) => u.includes('EventsCalendar'))).toBe(true);
  // Its styles arrived as a file (the CSP blocks injected <style>): the toolbar is laid out by FullCalendar's CSS.
  expect(await grid.locator('.fc-header-toolbar').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
  await page.getByRole('link', { name: 'Week' }).click();
  await expect(grid.locator('.fc-timegrid')).toBeVisible();
  expect(violations).toEqual([]);
});

test('a basic member sees "Upgrade to join" on a main event, and the join URL reaches them nowhere', async ({
  page,
}, info) => {
  const responses = allResponses(page);
  await signIn(page, 'basic@demo.test');
  await page.goto('/events');
  // Signed in, the member document's listener keeps the network busy: wait for Vue, not for silence.
  await vueMounted(page);
  await page.getByRole('link', { name: 'Main members’ modelling clinic' }).click();
  await expect(page).toHaveURL(/\/events\/e2e-main-zoom$/);
  const upgrade = page.getByTestId('event-upgrade');
  await expect(upgrade).toHaveText('Upgrade to join');
  await expect(upgrade).toHaveAttribute('href', /^\/pricing\?plan=main&returnTo=(%2F|\/)events(%2F|\/)e2e-main-zoom$/);
  await page.goto('/events/e2e-starting-soon');
  await expect(page.getByTestId('event-upgrade')).toBeVisible();
  await page.waitForLoadState('load');
  await shot(page, info, 'basic-upgrade');
  expect(responses.length).toBeGreaterThan(5);
  for (const { url, body } of responses) {
    expect(body, url).not.toContain('5550001');
    expect(body, url).not.toContain('5550002');
    expect(body, url).not.toContain('E2eJoinSecret');
    expect(body, url).not.toContain('E2eSoonSecret');
  }
});

test('a registered main member gets the Join link inside the window, and only for that event', async ({
  page,
}, info) => {
  await signIn(page, 'main@demo.test');
  await page.goto('/events/e2e-starting-soon');
  await expect(page.getByTestId('event-registered')).toHaveText('Registered');
  await expect(page.getByTestId('event-join')).toHaveAttribute('href', SOON_URL);
  await shot(page, info, 'main-join');
  // Entitled but not registered: Register, and no join link.
  await page.goto('/events/e2e-main-zoom');
  await expect(page.getByRole('button', { name: 'Register' })).toBeVisible();
  await expect(page.getByTestId('event-join')).toHaveCount(0);
});

test('a main member cancels and registers again; on a full event they are waitlisted, without a Join link', async ({
  page,
}) => {
  const { db } = adminSdk();
  await signIn(page, 'main@demo.test');
  await page.goto('/events/e2e-starting-soon');
  await expect(page.getByTestId('event-join')).toHaveAttribute('href', SOON_URL);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Register' })).toBeVisible();
  await expect(page.getByTestId('event-join')).toHaveCount(0);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByTestId('event-registered')).toHaveText('Registered');
  await expect(page.getByTestId('event-join')).toHaveAttribute('href', SOON_URL);

  // Its one seat taken by someone else: the member joins the waitlist, which does not open the join details.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Register' })).toBeVisible();
  await db.doc('events/e2e-starting-soon').update({ capacity: 1, registered: 1 });
  await page.reload();
  await page.getByRole('button', { name: 'Join waitlist' }).click();
  await expect(page.getByTestId('event-registered')).toHaveText('On the waitlist');
  await expect(page.getByTestId('event-join')).toHaveCount(0);
  expect((await db.doc('events/e2e-starting-soon/registrations/demo-main').get()).get('status')).toBe('waitlisted');
});

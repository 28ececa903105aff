// The calendar and event pages as a crawler or a link preview sees them (the `ssr` function, plain HTTP, no
// JavaScript): teasers with their structured data, and never an event's join details.
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE_CONTROL, SSR_STATE_ID } from '../../functions/src/shared/public-pages';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { adminSdk, clearEmulators } from '../support/emulators';
import { SSR, publicPage } from '../support/public-page';
import { writeEvent } from '../support/factories';

const { db } = adminSdk();
/** The main-only event's join URL and passcode: they must appear in no public answer. */
const JOIN_URL = 'https://zoom.example/j/987654321?pwd=JoinSecretMainOnly';
const DETAILS = 'Room 4B behind the blue door';
const xml = new XMLParser({ ignoreAttributes: false });
const DAY = 86_400_000;
// Whole minutes, a week ahead: 18:00 Berlin time is the page's text whatever the day.
const inDays = (days: number, utcHour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(utcHour, 0, 0, 0);
  return d;
};

const mainStart = inDays(7, 17);
beforeAll(async () => {
  await clearEmulators();
  await writeEvent(db, 'main', {
    id: 'main-office-hours',
    title: 'Main office hours',
    summary: 'Questions about incremental models.',
    descriptionHtml: '<p>We look at <strong>your</strong> models.</p>',
    startAt: mainStart,
    endAt: new Date(mainStart.getTime() + 90 * 60_000),
    capacity: 20,
    registered: 18,
    url: JOIN_URL,
    detailsHtml: `<p>${DETAILS}</p>`,
  });
  await writeEvent(db, 'public', {
    id: 'open-meetup',
    title: 'Open meetup in Berlin',
    kind: 'in-person',
    place: 'Berlin, Alexanderplatz',
    startAt: inDays(10, 16),
    endAt: inDays(10, 18),
    url: null,
  });
  await writeEvent(db, 'basic', {
    id: 'called-off',
    title: 'Called-off workshop',
    status: 'cancelled',
    sequence: 1,
    startAt: inDays(3, 9),
    endAt: inDays(3, 10),
  });
  await writeEvent(db, 'main', {
    id: 'secret-draft',
    title: 'Unannounced event',
    status: 'draft',
    startAt: inDays(5, 9),
    endAt: inDays(5, 10),
  });
  await writeEvent(db, 'premium', {
    id: 'last-month',
    title: 'Last month’s review',
    startAt: inDays(-30, 9),
    endAt: inDays(-30, 10),
    recordingId: 'rec-review',
  });
});

describe('an event page', () => {
  it('is rendered with its teaser, time in its zone, link-preview tags and canonical URL, cacheable', async () => {
    const { res, doc, meta } = await publicPage('/events/main-office-hours');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    expect(doc.title).toBe('Main office hours · Commons');
    expect(doc.querySelector('h1')?.textContent).toBe('Main office hours');
    expect(doc.querySelector('.event-when')?.textContent).toMatch(/18:00–19:30 CES?T$/);
    expect(doc.querySelector('[data-testid="event-description"]')?.innerHTML).toBe(
      '<p>We look at <strong>your</strong> models.</p>',
    );
    expect(doc.querySelector('[data-testid="event-capacity"]')?.textContent).toBe('2 spots left');
    // A visitor is asked to sign in; the page names the plan it takes, but offers "Join" only once the
    // reader's own plan is known in the browser (a paying member never reads "Join Main").
    const actions = doc.querySelector('[data-testid="event-actions"]');
    expect(actions?.getAttribute('data-action')).toBe('sign-in');
    expect(actions?.textContent).toContain('Sign in to register');
    expect(actions?.textContent).toContain('For Main members and up');
    expect(actions?.textContent).not.toContain('Join Main');
    expect(doc.querySelector('[data-testid="event-ics"]')?.getAttribute('href')).toBe(
      '/ics/event/main-office-hours.ics',
    );
    expect(doc.querySelector('[data-testid="event-google"]')?.getAttribute('href')).toMatch(
      /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/,
    );
    expect(meta('description')).toBe('Questions about incremental models.');
    expect(meta('og:title')).toBe('Main office hours');
    expect(meta('og:image')).toMatch(/^https?:\/\/.+\/og-card\.png$/);
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
    expect(canonical).toMatch(/^https?:\/\/[^/]+\/events\/main-office-hours$/);
    expect(meta('og:url')).toBe(canonical);
  });

  it('declares an online Event with offset times, the page as its location and the lowest plan as its offer', async () => {
    const { doc, jsonLd } = await publicPage('/events/main-office-hours');
    const ld = jsonLd();
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
    const main = DEFAULT_TIERS.tiers.main!.prices!.monthly!;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Main office hours',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: canonical },
      organizer: { '@type': 'Organization', name: 'Commons' },
      isAccessibleForFree: false,
      offers: { '@type': 'Offer', price: main.amount / 100, availability: 'https://schema.org/LimitedAvailability' },
    });
    expect(ld.startDate).toMatch(/^\d{4}-\d\d-\d\dT18:00:00\+0[12]:00$/);
    expect(new Date(ld.startDate).getTime()).toBe(mainStart.getTime());
    expect(new Date(ld.endDate).getTime()).toBe(mainStart.getTime() + 90 * 60_000);
  });

  it('carries its teaser as JSON data for hydration, without the join details', async () => {
    const { doc } = await publicPage('/events/main-office-hours');
    const state = JSON.parse(doc.getElementById(SSR_STATE_ID)?.textContent ?? '') as {
      events: { served: Record<string, Record<string, unknown>> };
    };
    const served = state.events.served['main-office-hours']!;
    expect(served.title).toBe('Main office hours');
    // Its times on its own clock, so hydration writes them without Intl.
    expect(served.clock).toMatchObject({
      start: expect.stringMatching(/T18:00:00\+0[12]:00$/),
      zone: expect.stringMatching(/^CES?T$/),
    });
    expect(Object.keys(served)).not.toContain('url');
    const inline = [...doc.querySelectorAll('script:not([src])')].map((s) => s.getAttribute('type'));
    expect(inline.every((t) => t === 'application/json' || t === 'application/ld+json')).toBe(true);
  });

  it('marks an in-person public event free, at its place', async () => {
    const { res, jsonLd } = await publicPage('/events/open-meetup');
    expect(res.status).toBe(200);
    expect(jsonLd()).toMatchObject({
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Berlin, Alexanderplatz' },
      isAccessibleForFree: true,
    });
  });

  it('says a cancelled event is cancelled', async () => {
    const { res, doc, jsonLd } = await publicPage('/events/called-off');
    expect(res.status).toBe(200);
    expect(doc.querySelector('[data-testid="event-cancelled"]')?.textContent).toContain('cancelled');
    expect(doc.querySelector('[data-testid="event-actions"]')?.getAttribute('data-action')).toBe('cancelled');
    expect(jsonLd().eventStatus).toBe('https://schema.org/EventCancelled');
  });

  it('links a past event to its recording', async () => {
    const { doc } = await publicPage('/events/last-month');
    expect(doc.querySelector('[data-testid="event-actions"]')?.getAttribute('data-action')).toBe('ended');
    expect(doc.querySelector('[data-testid="event-recording"]')?.getAttribute('href')).toBe('/materials/rec-review');
  });

  it.each(['/events/secret-draft', '/events/no-such-event', '/events/__bad__'])('answers 404 for %s', async (path) => {
    const { res, doc } = await publicPage(path);
    expect(res.status).toBe(404);
    expect(doc.querySelector('h1')?.textContent).toBe('Event not found');
    expect(doc.body.textContent).not.toContain('Unannounced event');
  });
});

it('renders the calendar: upcoming soonest first, past apart, no draft, an ItemList', async () => {
  const { res, doc, jsonLd } = await publicPage('/events');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
  expect(doc.title).toBe('Events · Commons');
  const titles = (section: string) =>
    [...doc.querySelectorAll(`[aria-labelledby="${section}"] .card-title`)].map((h) => h.textContent?.trim());
  expect(titles('upcoming-title')).toEqual(['Called-off workshop', 'Main office hours', 'Open meetup in Berlin']);
  expect(titles('past-title')).toEqual(['Last month’s review']);
  expect(doc.querySelector('[data-testid="events-subscribe"]')?.getAttribute('href')).toBe('/ics/public.ics');
  const ld = jsonLd() as { '@type': string; itemListElement: { name: string; url: string }[] };
  expect(ld['@type']).toBe('ItemList');
  expect(ld.itemListElement.map((i) => i.name)).toEqual([
    'Called-off workshop',
    'Main office hours',
    'Open meetup in Berlin',
    'Last month’s review',
  ]);
});

it('filters the calendar by access', async () => {
  const { doc } = await publicPage('/events?access=main');
  expect([...doc.querySelectorAll('.card-title')].map((h) => h.textContent?.trim())).toEqual(['Main office hours']);
});

it('lists the calendar and public events in the sitemap, never a draft', async () => {
  const res = await fetch(`${SSR}/sitemap.xml`);
  const urls = (xml.parse(await res.text()) as { urlset: { url: { loc: string }[] | { loc: string } } }).urlset.url;
  const paths = [urls].flat().map((u) => new URL(u.loc).pathname);
  expect(paths).toEqual(
    expect.arrayContaining(['/events', '/events/main-office-hours', '/events/open-meetup', '/events/last-month']),
  );
  expect(paths).not.toContain('/events/secret-draft');
});

it('publishes upcoming events in the events RSS feed', async () => {
  const res = await fetch(`${SSR}/events/rss.xml`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
  const items = (xml.parse(await res.text()) as { rss: { channel: { item: Record<string, string>[] } } }).rss.channel
    .item;
  expect(items.map((i) => i.title)).toEqual([
    'Cancelled: Called-off workshop',
    'Main office hours',
    'Open meetup in Berlin',
  ]);
});

it('never carries an event’s join details in any public answer', async () => {
  const paths = [
    '/events',
    '/events?access=main',
    '/events?view=month',
    '/events/main-office-hours',
    '/events/open-meetup',
    '/sitemap.xml',
    '/events/rss.xml',
    '/feed.xml',
    '/',
  ];
  for (const path of paths) {
    const text = await (await fetch(`${SSR}${path}`)).text();
    expect(text, path).not.toContain('987654321');
    expect(text, path).not.toContain('JoinSecretMainOnly');
    expect(text, path).not.toContain(DETAILS);
  }
});

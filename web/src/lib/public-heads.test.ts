import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import { sortedTiers } from '@shared/tiers';
import { headOf } from './page-head';
import { calendarHead, eventHead } from './event-heads';
import { catalogHead, materialHead, pricingHead } from './public-heads';
import { recordingHead } from './recording-head';

const ORIGIN = 'https://commons.example';
const at = (iso: string) => ({ toDate: () => new Date(iso) });
const teaser = (rank: number) => ({
  kind: 'article' as const,
  title: 'Window functions </script>',
  summary: 'Rank, lag and lead.',
  tags: ['sql', 'analytics'],
  access: rank ? 'main' : 'public',
  rank,
  status: 'published' as const,
  author: 'Ann',
  readingMinutes: 4,
  publishedAt: at('2027-01-02T00:00:00Z'),
  updatedAt: at('2027-01-03T00:00:00Z'),
});

describe('headOf', () => {
  it('makes every URL absolute and the card image the default', () => {
    const head = headOf(ORIGIN, { title: 'Pricing', description: 'Plans', path: '/pricing' });
    expect(head.title).toBe('Pricing · Commons');
    expect(head.link).toEqual([{ rel: 'canonical', href: `${ORIGIN}/pricing` }]);
    expect(head.meta).toContainEqual({ property: 'og:image', content: `${ORIGIN}/og-card.png` });
    expect(head.meta).toContainEqual({ property: 'og:url', content: `${ORIGIN}/pricing` });
    expect(head.script).toEqual([]);
  });

  it('writes JSON-LD that cannot close its script element', () => {
    const head = headOf(ORIGIN, materialHead(ORIGIN, 'w', teaser(30)));
    const json = head.script[0]!.innerHTML;
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json)).toMatchObject({
      '@context': 'https://schema.org',
      headline: 'Window functions </script>',
    });
  });
});

describe('materialHead', () => {
  it('marks a paid material as a paywalled Article', () => {
    const head = materialHead(ORIGIN, 'w f', teaser(30));
    expect(head).toMatchObject({ path: '/materials/w%20f', type: 'article', description: 'Rank, lag and lead.' });
    expect(head.jsonLd).toMatchObject({
      '@type': 'Article',
      isAccessibleForFree: false,
      hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.prose' },
      datePublished: '2027-01-02T00:00:00.000Z',
      author: { '@type': 'Person', name: 'Ann' },
    });
  });

  it('marks a public material free, without paywall markup', () => {
    const ld = materialHead(ORIGIN, 'w', teaser(0)).jsonLd;
    expect(ld).toMatchObject({ isAccessibleForFree: true });
    expect(ld).not.toHaveProperty('hasPart');
  });
});

describe('recordingHead', () => {
  const recording = (rank: number) => ({
    ...teaser(rank),
    kind: 'recording' as const,
    eventId: 'ev-1',
    durationSeconds: 3723,
    chapters: [
      { at: 0, label: 'Welcome' },
      { at: 754, label: 'Keyed state' },
    ],
  });

  it('describes a VideoObject with ISO duration, thumbnail and its chapters as Clips with ?t= links', () => {
    const ld = recordingHead(ORIGIN, 'rec-ev-1', recording(30)).jsonLd as Record<string, unknown>;
    expect(ld).toMatchObject({
      '@type': 'VideoObject',
      name: 'Window functions </script>',
      uploadDate: '2027-01-02T00:00:00.000Z',
      duration: 'PT1H2M3S',
      thumbnailUrl: `${ORIGIN}/og-card.png`,
      isAccessibleForFree: false,
    });
    expect(ld.hasPart).toEqual([
      { '@type': 'Clip', name: 'Welcome', startOffset: 0, endOffset: 754, url: `${ORIGIN}/materials/rec-ev-1?t=0` },
      {
        '@type': 'Clip',
        name: 'Keyed state',
        startOffset: 754,
        endOffset: 3723,
        url: `${ORIGIN}/materials/rec-ev-1?t=754`,
      },
      { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.recording' },
    ]);
  });

  it('marks a public recording free, without paywall markup', () => {
    const ld = recordingHead(ORIGIN, 'r', { ...recording(0), chapters: [] }).jsonLd as Record<string, unknown>;
    expect(ld.isAccessibleForFree).toBe(true);
    expect(ld.hasPart).toBeUndefined();
  });
});

it('lists the catalog page as an ItemList beside the WebSite', () => {
  const ld = catalogHead(ORIGIN, [
    { ...teaser(0), id: 'a' },
    { ...teaser(30), id: 'b' },
  ]).jsonLd as {
    '@graph': { '@type': string; itemListElement?: { position: number; url: string }[] }[];
  };
  expect(ld['@graph'].map((n) => n['@type'])).toEqual(['WebSite', 'ItemList']);
  expect(ld['@graph'][1]!.itemListElement!.map((i) => [i.position, i.url])).toEqual([
    [1, `${ORIGIN}/materials/a`],
    [2, `${ORIGIN}/materials/b`],
  ]);
});

it('offers each plan at each interval it is sold, in main currency units', () => {
  const tiers = sortedTiers(DEFAULT_TIERS);
  const ld = pricingHead(ORIGIN, tiers).jsonLd as { '@type': string; offers: { name: string; price: number }[] };
  const sold = tiers.flatMap((t) => Object.values(t.prices ?? {}));
  expect(ld['@type']).toBe('Product');
  expect(ld.offers).toHaveLength(sold.length);
  expect(ld.offers.map((o) => o.price)).toEqual(sold.map((p) => p!.amount / 100));
});

describe('eventHead', () => {
  const base = {
    id: 'office-hours',
    title: 'Office hours',
    summary: 'Bring questions.',
    kind: 'zoom' as const,
    status: 'published' as const,
    access: 'main',
    rank: 30,
    startAt: new Date('2027-01-14T17:00:00Z'),
    endAt: new Date('2027-01-14T18:30:00Z'),
    timeZone: 'Europe/Berlin',
    capacity: 10,
    registered: 10,
    waitlisted: 0,
    joinWindowMinutes: 15,
    place: null,
    seriesId: null,
    recordingId: null,
    sequence: 0,
    publishedAt: new Date('2027-01-01T00:00:00Z'),
    updatedAt: new Date('2027-01-01T00:00:00Z'),
  };

  it('describes a paid online event: offset times, virtual location on the page, the lowest plan as the offer', () => {
    const head = eventHead(ORIGIN, base, DEFAULT_TIERS);
    expect(head.path).toBe('/events/office-hours');
    const main = DEFAULT_TIERS.tiers.main!;
    expect(head.jsonLd).toMatchObject({
      '@type': 'Event',
      name: 'Office hours',
      startDate: '2027-01-14T18:00:00+01:00',
      endDate: '2027-01-14T19:30:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: `${ORIGIN}/events/office-hours` },
      organizer: { '@type': 'Organization', name: 'Commons' },
      isAccessibleForFree: false,
      offers: {
        '@type': 'Offer',
        price: main.prices!.monthly!.amount / 100,
        priceCurrency: main.prices!.monthly!.currency.toUpperCase(),
        url: `${ORIGIN}/pricing?plan=main`,
        availability: 'https://schema.org/SoldOut',
      },
    });
  });

  it('describes a free in-person or cancelled event', () => {
    const head = eventHead(
      ORIGIN,
      { ...base, access: 'public', rank: 0, kind: 'in-person', place: 'Berlin', status: 'cancelled', capacity: null },
      DEFAULT_TIERS,
    );
    expect(head.jsonLd).toMatchObject({
      eventStatus: 'https://schema.org/EventCancelled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Berlin' },
      isAccessibleForFree: true,
      offers: { price: 0, availability: 'https://schema.org/InStock' },
    });
  });

  it('lists the calendar’s events in an ItemList', () => {
    const head = calendarHead(ORIGIN, [{ id: 'a b', title: 'A' }]);
    expect(head.jsonLd).toMatchObject({
      '@type': 'ItemList',
      itemListElement: [{ position: 1, url: `${ORIGIN}/events/a%20b`, name: 'A' }],
    });
  });
});

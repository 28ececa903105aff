import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTERS } from '../shared/catalog';
import { PUBLIC_CACHE_CONTROL, type PublicReader, type PublicTeaser } from '../shared/public-pages';
import { DEFAULT_TIERS } from '../shared/defaults';
import { publicEvent, type EventListQuery, type PublicEvent } from '../shared/public-events';
import { publicCourse } from '../shared/public-courses';
import type { PublicShowcaseProject } from '../shared/public-showcase';
import type { PublicIssue } from '../shared/newsletter-archive';
import type { SearchDoc } from '../shared/search-index';
import { makeCourseDocs } from '../testing/course-factories';
import { makeEvent, type EventOverrides } from '../testing/factories';
import { publicResponse, type PublicPageDeps } from './public-response';

const ORIGIN = 'https://commons.example';
const teaser = (id: string, publishedAt: number): PublicTeaser => ({
  id,
  kind: 'article',
  title: `Title ${id} & more`,
  summary: `Summary of ${id}`,
  tags: ['sql'],
  access: 'main',
  rank: 30,
  status: 'published',
  author: 'Ann',
  readingMinutes: 3,
  publishedAt,
  updatedAt: publishedAt + 1000,
});
const MATERIALS = [teaser('newer', Date.UTC(2027, 0, 2)), teaser('older', Date.UTC(2027, 0, 1))];
const event = (id: string, startAt: number, over: EventOverrides = {}): PublicEvent =>
  publicEvent(
    id,
    makeEvent('main', { title: `Event ${id}`, summary: `About ${id}`, startAt: new Date(startAt), ...over }).teaser,
    (d) => d.getTime(),
  );
const UPCOMING = [
  event('soon', Date.UTC(2027, 0, 14, 17)),
  event('off', Date.UTC(2027, 0, 15), { status: 'cancelled' }),
];
const PAST = [event('gone', Date.UTC(2026, 0, 1))];

const COURSES = [publicCourse('data-engineering', makeCourseDocs().teaser, (d) => d.getTime())];
const SHOWCASE: PublicShowcaseProject[] = [
  {
    id: 'doctor',
    title: 'Pipeline doctor',
    summary: 'Finds slow steps',
    images: [],
    authorName: 'Ada',
    access: 'public',
    rank: 0,
    approvedAt: Date.UTC(2027, 0, 3),
    updatedAt: Date.UTC(2027, 0, 3),
  },
];
const ISSUES: PublicIssue[] = [
  {
    id: 'issue-1',
    subject: 'March notes',
    preview: 'What we shipped',
    audience: 'everyone',
    sentAt: Date.UTC(2027, 0, 3),
    sections: [{ id: 's00', access: 'public', rank: 0 }],
  },
];

function setup() {
  const reader: PublicReader = {
    catalog: vi.fn(async (_filters, limit: number) => MATERIALS.slice(0, limit)),
    material: vi.fn(async () => null),
    publicBody: vi.fn(async () => null),
    tiers: vi.fn(async () => DEFAULT_TIERS),
    events: vi.fn(async ({ when }: EventListQuery) => (when === 'upcoming' ? UPCOMING : PAST)),
    event: vi.fn(async () => null),
    courses: vi.fn(async () => COURSES),
    course: vi.fn(async () => null),

    certificate: vi.fn(async () => null),

    previewUnit: vi.fn(async () => null),

    showcase: vi.fn(async () => SHOWCASE),
    showcaseProject: vi.fn(async () => null),
    polls: vi.fn(async () => []),
    poll: vi.fn(async () => null),
    related: vi.fn(async () => []),
    newsletters: vi.fn(async () => ISSUES),
    newsletter: vi.fn(async () => null),
  };
  const render = vi.fn(async () => ({ status: 404, html: '<!doctype html><title>x</title>' }));
  const deps: PublicPageDeps = { reader, origin: ORIGIN, render: () => render };
  return { deps, reader, render };
}
const xml = new XMLParser({ ignoreAttributes: false });

describe('publicResponse', () => {
  it('renders pages through the server bundle with their status, cacheable', async () => {
    const { deps, render } = setup();
    const res = await publicResponse(deps, 'GET', '/materials/nope?x=1');
    expect(render).toHaveBeenCalledWith({ url: '/materials/nope?x=1', origin: ORIGIN, reader: deps.reader });
    expect(res).toMatchObject({
      status: 404,
      contentType: 'text/html; charset=utf-8',
      cacheControl: PUBLIC_CACHE_CONTROL,
    });
  });

  it('refuses anything but GET and HEAD, uncached', async () => {
    const { deps, render } = setup();
    const res = await publicResponse(deps, 'POST', '/');
    expect(res.status).toBe(405);
    expect(res.cacheControl).toBeUndefined();
    expect(render).not.toHaveBeenCalled();
  });

  it('lists the catalog, pricing and every published material in the sitemap', async () => {
    const { deps, reader } = setup();
    const res = await publicResponse(deps, 'GET', '/sitemap.xml');
    expect(res).toMatchObject({ status: 200, contentType: 'application/xml; charset=utf-8' });
    expect(reader.catalog).toHaveBeenCalledWith(EMPTY_FILTERS, expect.any(Number));
    const urls = (xml.parse(res.body) as { urlset: { url: { loc: string }[] } }).urlset.url.map((u) => u.loc);
    expect(urls).toEqual([
      `${ORIGIN}/`,
      `${ORIGIN}/pricing`,
      `${ORIGIN}/materials/newer`,
      `${ORIGIN}/materials/older`,
      `${ORIGIN}/events`,
      `${ORIGIN}/events/soon`,
      `${ORIGIN}/events/off`,
      `${ORIGIN}/events/gone`,
      `${ORIGIN}/courses`,
      `${ORIGIN}/courses/data-engineering`,
      `${ORIGIN}/showcase`,
      `${ORIGIN}/showcase/doctor`,
      `${ORIGIN}/links`,
      `${ORIGIN}/newsletters`,
      `${ORIGIN}/newsletters/issue-1`,
    ]);
    expect(reader.courses).toHaveBeenCalledWith({ kind: '' });
    expect(reader.events).toHaveBeenCalledWith(
      { when: 'upcoming', access: '' },
      expect.any(Number),
      expect.any(Number),
    );
  });

  it('publishes an RSS 2.0 feed of teasers, newest first', async () => {
    const { deps } = setup();
    const res = await publicResponse(deps, 'GET', '/feed.xml');
    expect(res.contentType).toBe('application/rss+xml; charset=utf-8');
    const rss = (xml.parse(res.body) as { rss: { '@_version': string; channel: { item: Record<string, string>[] } } })
      .rss;
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.item.map((i) => [i.title, i.link, i.description])).toEqual([
      ['Title newer & more', `${ORIGIN}/materials/newer`, 'Summary of newer'],
      ['Title older & more', `${ORIGIN}/materials/older`, 'Summary of older'],
    ]);
    expect(new Date(rss.channel.item[0]!.pubDate!).getTime()).toBe(MATERIALS[0]!.publishedAt);
  });

  it('publishes an RSS 2.0 feed of upcoming events, saying when in the event’s zone', async () => {
    const { deps } = setup();
    const res = await publicResponse(deps, 'GET', '/events/rss.xml');
    expect(res).toMatchObject({ status: 200, contentType: 'application/rss+xml; charset=utf-8' });
    const items = (xml.parse(res.body) as { rss: { channel: { item: Record<string, string>[] } } }).rss.channel.item;
    expect(items.map((i) => [i.title, i.link])).toEqual([
      ['Event soon', `${ORIGIN}/events/soon`],
      ['Cancelled: Event off', `${ORIGIN}/events/off`],
    ]);
    expect(items[0]!.description).toBe('14 Jan 2027, 18:00 (Europe/Berlin). About soon');
  });

  it('serves the search documents of every source, public teaser fields only, cacheable', async () => {
    const { deps } = setup();
    const res = await publicResponse(deps, 'GET', '/search-index.json');
    expect(res).toMatchObject({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      cacheControl: PUBLIC_CACHE_CONTROL,
    });
    const docs = JSON.parse(res.body) as SearchDoc[];
    expect(docs.map((d) => [d.id, d.kind, d.url])).toEqual([
      ['material:newer', 'Article', '/materials/newer'],
      ['material:older', 'Article', '/materials/older'],
      ['event:soon', 'Event', '/events/soon'],
      // the cancelled event is left out; past events stay findable
      ['event:gone', 'Event', '/events/gone'],
      ['course:data-engineering', 'Course', '/courses/data-engineering'],
      ['newsletter:issue-1', 'Newsletter', '/newsletters/issue-1'],
      ['showcase:doctor', 'Project', '/showcase/doctor'],
    ]);
    expect(docs[0]).toEqual({
      id: 'material:newer',
      kind: 'Article',
      title: 'Title newer & more',
      summary: 'Summary of newer',
      tags: ['sql'],
      access: 'main',
      rank: 30,
      url: '/materials/newer',
    });
  });

  it('points crawlers at the sitemap and keeps them out of members and admin pages', async () => {
    const { deps } = setup();
    const res = await publicResponse(deps, 'GET', '/robots.txt');
    expect(res.body.split('\n')).toEqual(
      expect.arrayContaining([
        'Disallow: /admin',
        'Disallow: /account',
        'Disallow: /ics/member/',
        'Disallow: /search',
        `Sitemap: ${ORIGIN}/sitemap.xml`,
      ]),
    );
  });
});

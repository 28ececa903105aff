// The machine-readable public pages: sitemap, RSS 2.0 and robots.txt. Teasers only (title, summary,
// link, date): a feed never carries a body.
import { Readable } from 'node:stream';
import { Feed } from 'feed';
import { SitemapStream, streamToPromise } from 'sitemap';
import { SITE_DESCRIPTION, SITE_NAME, type PublicTeaser } from '../shared/public-pages';
import type { PublicEvent } from '../shared/public-events';
import type { PublicCourse } from '../shared/public-courses';
import type { PublicShowcaseProject } from '../shared/public-showcase';
import type { PublicIssue } from '../shared/newsletter-archive';

export const materialUrl = (origin: string, id: string) => `${origin}/materials/${encodeURIComponent(id)}`;
export const eventUrl = (origin: string, id: string) => `${origin}/events/${encodeURIComponent(id)}`;
export const issueUrl = (origin: string, id: string) => `${origin}/newsletters/${encodeURIComponent(id)}`;
export const courseUrl = (origin: string, slug: string) => `${origin}/courses/${encodeURIComponent(slug)}`;
export const showcaseUrl = (origin: string, id: string) => `${origin}/showcase/${encodeURIComponent(id)}`;

/**
 * The catalog, the pricing page, every published material, the calendar and every public event, the course
 * catalog and every published course (courses have no RSS feed: they change with a push, not a publication date),
 * the showcase with every approved project, and the curated links' listing.
 */
export async function sitemapXml(
  origin: string,
  materials: PublicTeaser[],
  events: PublicEvent[] = [],
  courses: PublicCourse[] = [],
  showcase: PublicShowcaseProject[] = [],
  issues: PublicIssue[] = [],
): Promise<string> {
  const links = [
    { url: '/', changefreq: 'daily' as const, priority: 1 },
    { url: '/pricing', changefreq: 'weekly' as const, priority: 0.8 },
    ...materials.map((m) => ({
      url: materialUrl(origin, m.id),
      lastmod: new Date(m.updatedAt).toISOString(),
    })),
    { url: '/events', changefreq: 'daily' as const, priority: 0.8 },
    ...events.map((e) => ({ url: eventUrl(origin, e.id), lastmod: new Date(e.updatedAt).toISOString() })),
    { url: '/courses', changefreq: 'weekly' as const, priority: 0.8 },
    ...courses.map((c) => ({ url: courseUrl(origin, c.id), lastmod: new Date(c.updatedAt).toISOString() })),
    // The showcase (approved projects) and the curated links (the catalog's links, listed in the materials above).
    { url: '/showcase', changefreq: 'weekly' as const, priority: 0.7 },
    ...showcase.map((p) => ({ url: showcaseUrl(origin, p.id), lastmod: new Date(p.updatedAt).toISOString() })),
    { url: '/links', changefreq: 'weekly' as const, priority: 0.6 },
    // The newsletter archive (issue 15): the list and every sent issue (its public parts).
    { url: '/newsletters', changefreq: 'weekly' as const, priority: 0.6 },
    ...issues.map((i) => ({ url: issueUrl(origin, i.id), lastmod: new Date(i.sentAt).toISOString() })),
  ];
  const xml = await streamToPromise(Readable.from(links).pipe(new SitemapStream({ hostname: origin })));
  return xml.toString();
}

/** RSS 2.0 of the newest published materials. */
export function rssXml(origin: string, materials: PublicTeaser[]): string {
  const feed = new Feed({
    title: SITE_NAME,
    description: SITE_DESCRIPTION,
    id: `${origin}/`,
    link: `${origin}/`,
    language: 'en',
    copyright: `${SITE_NAME} and its authors`,
    updated: materials[0]?.publishedAt ? new Date(materials[0].publishedAt) : undefined,
    feedLinks: { rss: `${origin}/feed.xml` },
  });
  for (const m of materials)
    feed.addItem({
      title: m.title,
      id: materialUrl(origin, m.id),
      link: materialUrl(origin, m.id),
      description: m.summary,
      date: new Date(m.publishedAt ?? m.updatedAt),
      author: m.author ? [{ name: m.author }] : undefined,
    });
  return feed.rss2();
}

/** When an event takes place, in its own zone: "Thu, 14 Jan 2027, 18:00 CET". */
const whenFormats = new Map<string, Intl.DateTimeFormat>();
function eventWhen(e: PublicEvent): string {
  let format = whenFormats.get(e.timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: e.timeZone });
    whenFormats.set(e.timeZone, format);
  }
  return `${format.format(new Date(e.startAt))} (${e.timeZone})`;
}

/** RSS 2.0 of upcoming public events, soonest first: title, when, summary, link (teaser fields only). */
export function eventsRssXml(origin: string, events: PublicEvent[]): string {
  const feed = new Feed({
    title: `${SITE_NAME} events`,
    description: `Upcoming events of ${SITE_NAME}`,
    id: `${origin}/events`,
    link: `${origin}/events`,
    language: 'en',
    copyright: SITE_NAME,
    feedLinks: { rss: `${origin}/events/rss.xml` },
  });
  for (const e of events)
    feed.addItem({
      title: e.status === 'cancelled' ? `Cancelled: ${e.title}` : e.title,
      id: eventUrl(origin, e.id),
      link: eventUrl(origin, e.id),
      description: `${eventWhen(e)}. ${e.summary}`,
      date: new Date(e.publishedAt ?? e.updatedAt),
    });
  return feed.rss2();
}

/** Crawlers may read everything public; the member and admin areas are not for them. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin',
    'Disallow: /account',
    // members' personal calendar feeds: secret links, never to be indexed
    'Disallow: /ics/member/',
    // search results (every query a new URL) and the search documents: for readers, not for crawlers
    'Disallow: /search',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}

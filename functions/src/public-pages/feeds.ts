// The machine-readable public pages: sitemap, RSS 2.0 and robots.txt. Teasers only (title, summary,
// link, date): a feed never carries a body.
import { Readable } from 'node:stream';
import { Feed } from 'feed';
import { SitemapStream, streamToPromise } from 'sitemap';
import { SITE_DESCRIPTION, SITE_NAME, type PublicTeaser } from '../shared/public-pages';

export const materialUrl = (origin: string, id: string) => `${origin}/materials/${encodeURIComponent(id)}`;

/** The catalog, the pricing page and every published material. */
export async function sitemapXml(origin: string, materials: PublicTeaser[]): Promise<string> {
  const links = [
    { url: '/', changefreq: 'daily' as const, priority: 1 },
    { url: '/pricing', changefreq: 'weekly' as const, priority: 0.8 },
    ...materials.map((m) => ({
      url: materialUrl(origin, m.id),
      lastmod: new Date(m.updatedAt).toISOString(),
    })),
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

/** Crawlers may read everything public; the member and admin areas are not for them. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin',
    'Disallow: /account',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}

import { EMPTY_FILTERS } from '../shared/catalog';
import { PUBLIC_CACHE_CONTROL, type PublicReader, type RenderPage } from '../shared/public-pages';
import { ARCHIVE_LIMIT } from '../shared/newsletter-archive';
import { searchDocs } from '../shared/search-index';
import { eventsRssXml, robotsTxt, rssXml, sitemapXml } from './feeds';

/** The sitemap lists at most this many materials (one file holds 50,000; a catalog this size needs paging). */
const SITEMAP_MATERIALS = 5_000;
const FEED_MATERIALS = 50;
/** The sitemap lists at most this many upcoming and as many past events; the events feed the next 50. */
const SITEMAP_EVENTS = 2_000;
const FEED_EVENTS = 50;
/** The sitemap lists at most this many showcase projects. */
const SITEMAP_SHOWCASE = 2_000;

export interface PublicPageDeps {
  reader: PublicReader;
  /** The canonical origin, without a trailing slash. */
  origin: string;
  /** The web's server renderer, loaded on first use. */
  render: () => RenderPage;
}

export interface PublicResponse {
  status: number;
  contentType: string;
  body: string;
  cacheControl?: string;
}

/** What the `ssr` function answers for a GET of `url` (path and query). */
export async function publicResponse(deps: PublicPageDeps, method: string, url: string): Promise<PublicResponse> {
  if (method !== 'GET' && method !== 'HEAD')
    return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'Method not allowed' };
  const path = new URL(url, 'http://path.only').pathname;
  const cached = (contentType: string, body: string, status = 200): PublicResponse => ({
    status,
    contentType,
    body,
    cacheControl: PUBLIC_CACHE_CONTROL,
  });
  switch (path) {
    case '/robots.txt':
      return cached('text/plain; charset=utf-8', robotsTxt(deps.origin));
    case '/sitemap.xml': {
      const now = Date.now();
      const [materials, upcoming, past, courses, showcase, issues] = await Promise.all([
        deps.reader.catalog(EMPTY_FILTERS, SITEMAP_MATERIALS),
        deps.reader.events({ when: 'upcoming', access: '' }, now, SITEMAP_EVENTS),
        deps.reader.events({ when: 'past', access: '' }, now, SITEMAP_EVENTS),
        deps.reader.courses({ kind: '' }),
        deps.reader.showcase(SITEMAP_SHOWCASE),
        deps.reader.newsletters(ARCHIVE_LIMIT),
      ]);
      return cached(
        'application/xml; charset=utf-8',
        await sitemapXml(deps.origin, materials, [...upcoming, ...past], courses, showcase, issues),
      );
    }
    case '/events/rss.xml':
      return cached(
        'application/rss+xml; charset=utf-8',
        eventsRssXml(deps.origin, await deps.reader.events({ when: 'upcoming', access: '' }, Date.now(), FEED_EVENTS)),
      );
    case '/feed.xml':
      return cached(
        'application/rss+xml; charset=utf-8',
        rssXml(deps.origin, await deps.reader.catalog(EMPTY_FILTERS, FEED_MATERIALS)),
      );
    // The site search's documents (public teaser fields only), loaded by the search box when it is first used.
    case '/search-index.json':
      return cached('application/json; charset=utf-8', JSON.stringify(await searchDocs(deps.reader, Date.now())));
    default: {
      const page = await deps.render()({ url, origin: deps.origin, reader: deps.reader });
      return cached('text/html; charset=utf-8', page.html, page.status);
    }
  }
}

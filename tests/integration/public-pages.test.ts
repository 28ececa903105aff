// The `ssr` function as a crawler or a link preview sees it: plain HTTP, no JavaScript.
import { Timestamp } from 'firebase-admin/firestore';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE_CONTROL, SSR_STATE_ID } from '../../functions/src/shared/public-pages';
import { adminSdk, clearEmulators } from '../support/emulators';
import { SSR, publicPage } from '../support/public-page';
import { writeMaterial } from '../support/factories';

const { db } = adminSdk();
/** A sentence of the paid material's body: it must appear in no public answer. */
const SECRET = 'The warehouse password rotates every Tuesday at noon';
const xml = new XMLParser({ ignoreAttributes: false });

async function publish(id: string, day: number) {
  const at = Timestamp.fromMillis(Date.UTC(2027, 0, day));
  await db.doc(`materials/${id}`).update({ publishedAt: at, updatedAt: at });
}

beforeAll(async () => {
  await clearEmulators();
  await writeMaterial(db, 'main', {
    id: 'paid-guide',
    title: 'Incremental models in depth',
    summary: 'How to build incremental models that stay correct.',
    markdown: `# Inside\n\n${SECRET}.\n`,
  });
  await writeMaterial(db, 'public', { id: 'open-intro', title: 'An open introduction', summary: 'Read by anyone.' });
  await writeMaterial(db, 'main', { id: 'unfinished', title: 'Not yet published', status: 'draft' });
  await publish('paid-guide', 2);
  await publish('open-intro', 1);
  await db.doc('materials/unfinished').update({ updatedAt: Timestamp.now() });
});

describe('a paid material’s page', () => {
  it('is rendered with its teaser, link-preview tags and canonical URL, cacheable', async () => {
    const { res, doc, meta } = await publicPage('/materials/paid-guide');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    expect(doc.title).toBe('Incremental models in depth · Commons');
    expect(doc.querySelector('h1')?.textContent).toBe('Incremental models in depth');
    expect(meta('description')).toBe('How to build incremental models that stay correct.');
    expect(meta('og:title')).toBe('Incremental models in depth');
    expect(meta('og:type')).toBe('article');
    expect(meta('og:image')).toMatch(/^https?:\/\/.+\/og-card\.png$/);
    expect(meta('twitter:card')).toBe('summary_large_image');
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
    expect(canonical).toMatch(/^https?:\/\/[^/]+\/materials\/paid-guide$/);
    expect(meta('og:url')).toBe(canonical);
    // A visitor sees the paywall, rendered on the server too.
    expect(doc.querySelector('[data-testid="paywall"]')).not.toBeNull();
  });

  it('declares a paywalled Article in JSON-LD', async () => {
    const ld = (await publicPage('/materials/paid-guide')).jsonLd();
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: 'Incremental models in depth',
      isAccessibleForFree: false,
      hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false },
    });
  });

  it('carries its state as JSON data, never executable', async () => {
    const { doc } = await publicPage('/materials/paid-guide');
    const blob = doc.getElementById(SSR_STATE_ID);
    expect(blob?.getAttribute('type')).toBe('application/json');
    const state = JSON.parse(blob?.textContent ?? '') as { teasers: { served: Record<string, { title: string }> } };
    expect(state.teasers.served['paid-guide']?.title).toBe('Incremental models in depth');
    const inline = [...doc.querySelectorAll('script:not([src])')].map((s) => s.getAttribute('type'));
    expect(inline.every((t) => t === 'application/json' || t === 'application/ld+json')).toBe(true);
  });
});

it('marks a public material free to read', async () => {
  const { res, jsonLd } = await publicPage('/materials/open-intro');
  expect(res.status).toBe(200);
  expect(jsonLd()).toMatchObject({ '@type': 'Article', headline: 'An open introduction', isAccessibleForFree: true });
  expect(jsonLd()).not.toHaveProperty('hasPart');
});

it.each(['/materials/unfinished', '/materials/no-such-thing', '/materials/bad%20id'])(
  'answers 404 with the not-found page for %s',
  async (path) => {
    const { res, doc } = await publicPage(path);
    expect(res.status).toBe(404);
    expect(doc.querySelector('h1')?.textContent).toBe('Material not found');
    expect(doc.body.textContent).not.toContain('Not yet published');
  },
);

it('renders the catalog with the published materials, a WebSite and an ItemList', async () => {
  const { res, doc, jsonLd } = await publicPage('/');
  expect(res.status).toBe(200);
  expect([...doc.querySelectorAll('.card-title')].map((h) => h.textContent?.trim())).toEqual([
    'Incremental models in depth',
    'An open introduction',
  ]);
  const graph = (jsonLd() as { '@graph': { '@type': string; name?: string; itemListElement?: { name: string }[] }[] })[
    '@graph'
  ];
  expect(graph.map((n) => n['@type'])).toEqual(['WebSite', 'ItemList']);
  expect(graph[0]?.name).toBe('Commons');
  expect(graph[1]?.itemListElement?.map((i) => i.name)).toEqual([
    'Incremental models in depth',
    'An open introduction',
  ]);
});

it('answers gzipped to a client that accepts it, and plain to one that does not', async () => {
  const gzipped = await fetch(`${SSR}/`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gzipped.headers.get('content-encoding')).toBe('gzip');
  expect(gzipped.headers.get('vary')).toMatch(/Accept-Encoding/i);
  const plain = await fetch(`${SSR}/`, { headers: { 'Accept-Encoding': 'identity' } });
  expect(plain.headers.get('content-encoding')).toBeNull();
  // fetch inflates it: the same page either way
  for (const res of [gzipped, plain]) expect(await res.text()).toContain('Incremental models in depth');
});

it('renders pricing with a Product and an Offer per plan price', async () => {
  const { res, doc, jsonLd } = await publicPage('/pricing');
  expect(res.status).toBe(200);
  expect(doc.title).toBe('Pricing · Commons');
  const ld = jsonLd() as { '@type': string; name: string; offers: { '@type': string; price: number }[] };
  expect(ld['@type']).toBe('Product');
  expect(ld.name).toBe('Commons membership');
  expect(ld.offers.length).toBeGreaterThan(0);
  expect(ld.offers.every((o) => o['@type'] === 'Offer' && o.price > 0)).toBe(true);
});

it('lists public pages and published materials in the sitemap', async () => {
  const res = await fetch(`${SSR}/sitemap.xml`);
  expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
  const urls = (xml.parse(await res.text()) as { urlset: { url: { loc: string }[] } }).urlset.url.map(
    (u) => new URL(u.loc).pathname,
  );
  expect(urls).toEqual([
    '/',
    '/pricing',
    '/materials/paid-guide',
    '/materials/open-intro',
    '/events',
    '/courses',
    '/showcase',
    '/links',
    '/newsletters',
  ]);
});

it('publishes teasers only in the RSS feed', async () => {
  const res = await fetch(`${SSR}/feed.xml`);
  const rss = (
    xml.parse(await res.text()) as { rss: { '@_version': string; channel: { item: Record<string, string>[] } } }
  ).rss;
  expect(rss['@_version']).toBe('2.0');
  expect(rss.channel.item.map((i) => [i.title, new URL(i.link!).pathname, i.description])).toEqual([
    ['Incremental models in depth', '/materials/paid-guide', 'How to build incremental models that stay correct.'],
    ['An open introduction', '/materials/open-intro', 'Read by anyone.'],
  ]);
});

it('never carries a gated body in any public answer', async () => {
  const paths = ['/', '/pricing', '/materials/paid-guide', '/materials/open-intro', '/sitemap.xml', '/feed.xml'];
  for (const path of paths) {
    const text = await (await fetch(`${SSR}${path}`)).text();
    expect(text, path).not.toContain(SECRET.slice(0, 30));
  }
});

it('renders a public material’s body in its own page once functions rendered its HTML, and nowhere else', async () => {
  // renderMaterialBody stores the HTML shortly after the write; until then the page holds the teaser only.
  await expect
    .poll(
      async () =>
        (await publicPage('/materials/open-intro')).doc
          .querySelector('[data-testid="material-body"]')
          ?.textContent?.trim() ?? null,
      {
        timeout: 15_000,
      },
    )
    .toBe('Body of public');
  const { doc } = await publicPage('/materials/open-intro');
  expect(JSON.parse(doc.getElementById(SSR_STATE_ID)?.textContent ?? '{}').teasers.bodies['open-intro'].html).toContain(
    'Body of public',
  );
  for (const path of ['/', '/materials/paid-guide', '/sitemap.xml', '/feed.xml'])
    expect(await (await fetch(`${SSR}${path}`)).text(), path).not.toContain('Body of public');
});

// robots.txt is covered by public-response.test.ts: the Functions emulator answers /robots.txt itself (empty),
// before any function sees it; in production Hosting's rewrite reaches `ssr`.
it('refuses anything but GET and HEAD', async () => {
  const res = await fetch(`${SSR}/`, { method: 'POST' });
  expect(res.status).toBe(405);
  expect(res.headers.get('cache-control')).not.toBe(PUBLIC_CACHE_CONTROL);
});

// The head of each public page: what link previews show and the schema.org structured data search
// engines read. Teaser fields only, like everything rendered on the server.
import { SITE_DESCRIPTION, SITE_NAME, type PublicTeaser } from '@shared/public-pages';
import { PUBLIC_RANK, type Tier } from '@shared/tiers';
import { priceAmount } from './format';
import type { PageHead } from './page-head';

export type Teaser = Omit<PublicTeaser<{ toDate(): Date }>, 'id'>;

export const materialPath = (id: string) => `/materials/${encodeURIComponent(id)}`;

/** An `Article`; a paid one says so with `isAccessibleForFree: false` and marks its body as the paywalled part. */
export function materialHead(origin: string, id: string, teaser: Teaser): PageHead {
  const free = teaser.rank === PUBLIC_RANK;
  return {
    title: teaser.title,
    description: teaser.summary,
    path: materialPath(id),
    type: 'article',
    jsonLd: {
      '@type': 'Article',
      headline: teaser.title,
      description: teaser.summary,
      url: `${origin}${materialPath(id)}`,
      ...(teaser.author ? { author: { '@type': 'Person', name: teaser.author } } : {}),
      ...(teaser.publishedAt ? { datePublished: teaser.publishedAt.toDate().toISOString() } : {}),
      dateModified: teaser.updatedAt.toDate().toISOString(),
      keywords: teaser.tags.join(', '),
      // A curated link: what it recommends (only a public link's teaser carries its URL).
      ...(teaser.url ? { isBasedOn: teaser.url } : {}),
      isAccessibleForFree: free,
      ...(free ? {} : { hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.prose' } }),
    },
  };
}

/** The catalog: the `WebSite` and an `ItemList` of the materials on the page. */
export function catalogHead(origin: string, items: (Teaser & { id: string })[]): PageHead {
  return {
    title: 'Catalog',
    description: SITE_DESCRIPTION,
    path: '/',
    jsonLd: {
      '@graph': [
        { '@type': 'WebSite', name: SITE_NAME, url: `${origin}/`, description: SITE_DESCRIPTION },
        {
          '@type': 'ItemList',
          itemListElement: items.map((m, i) => ({
            '@type': 'ListItem',
            position: i + 1,
            url: `${origin}${materialPath(m.id)}`,
            name: m.title,
          })),
        },
      ],
    },
  };
}

/** Pricing: the membership as a `Product` with one `Offer` per plan and interval sold. */
export function pricingHead(origin: string, tiers: Tier[]): PageHead {
  const offers = tiers.flatMap((tier) =>
    (['monthly', 'yearly'] as const).flatMap((interval) => {
      const price = tier.prices?.[interval];
      return price
        ? [
            {
              '@type': 'Offer',
              name: `${tier.name} (${interval})`,
              price: priceAmount(price),
              priceCurrency: price.currency.toUpperCase(),
              url: `${origin}/pricing?plan=${encodeURIComponent(tier.id)}`,
            },
          ]
        : [];
    }),
  );
  return {
    title: 'Pricing',
    description: `${SITE_NAME} plans: ${tiers.map((t) => t.name).join(', ')}. Every plan includes the ones below it.`,
    path: '/pricing',
    jsonLd: { '@type': 'Product', name: `${SITE_NAME} membership`, description: SITE_DESCRIPTION, offers },
  };
}

/** The curated links' listing: each link's page on this site (never a gated link's URL). */
export function linksHead(origin: string, links: { id: string; title: string }[]): PageHead {
  return {
    title: 'Links',
    description: 'Reading worth your time, picked by the community, with why it is worth reading.',
    path: '/links',
    jsonLd: {
      '@type': 'CollectionPage',
      name: 'Links',
      url: `${origin}/links`,
      mainEntity: {
        '@type': 'ItemList',
        itemListElement: links.map((l, i) => ({
          '@type': 'ListItem',
          position: i + 1,
          url: `${origin}${materialPath(l.id)}`,
          name: l.title,
        })),
      },
    },
  };
}

// Head tags of a page (title, description, canonical, Open Graph, Twitter card, JSON-LD) as @unhead/vue
// takes them; composables/usePageHead.ts applies them, so the server renders them into the HTML.
import { inlineJson, SITE_NAME } from '@shared/public-pages';

/** The link-preview image of pages without their own (1200×630, in web/public). */
export const DEFAULT_CARD_IMAGE = '/og-card.png';

export interface PageHead {
  /** Without the site name (" · Commons" is appended). */
  title: string;
  description: string;
  /** Path of the canonical URL, e.g. `/materials/intro`. */
  path: string;
  type?: 'website' | 'article';
  /** Absolute URL or a path on this site. */
  image?: string;
  /** schema.org structured data, rendered as `<script type="application/ld+json">`. */
  jsonLd?: Record<string, unknown>;
}

/** What `useHead` gets for a page, every URL absolute on `origin`. */
export function headOf(origin: string, page: PageHead) {
  const url = `${origin}${page.path}`;
  const image = new URL(page.image ?? DEFAULT_CARD_IMAGE, `${origin}/`).href;
  const title = `${page.title} · ${SITE_NAME}`;
  return {
    title,
    link: [{ rel: 'canonical', href: url }],
    meta: [
      { name: 'description', content: page.description },
      { property: 'og:site_name', content: SITE_NAME },
      { property: 'og:type', content: page.type ?? 'website' },
      { property: 'og:title', content: page.title },
      { property: 'og:description', content: page.description },
      { property: 'og:url', content: url },
      { property: 'og:image', content: image },
      { name: 'twitter:card', content: 'summary_large_image' },
      { name: 'twitter:title', content: page.title },
      { name: 'twitter:description', content: page.description },
      { name: 'twitter:image', content: image },
    ],
    // `<` escaped: the JSON cannot close the element (and CSP allows data scripts only).
    script: page.jsonLd
      ? [
          {
            key: 'ld-json',
            type: 'application/ld+json',
            innerHTML: inlineJson({ '@context': 'https://schema.org', ...page.jsonLd }),
          },
        ]
      : [],
  };
}

// A page's head tags through @unhead/vue, so the server renders them into the HTML and the browser keeps
// them as it navigates; the tags themselves are built by lib/page-head.ts.
import { useHead } from '@unhead/vue';
import { headOf, type PageHead } from '@/lib/page-head';
import { useSiteStore } from '@/stores/site';

/** Sets the page's head while the component lives, from the site's origin; null (still loading) sets nothing. */
export function usePageHead(page: (origin: string) => PageHead | null) {
  const site = useSiteStore();
  useHead(() => {
    const p = page(site.origin);
    return p ? headOf(site.origin, p) : {};
  });
}

// The site search's index: `/search-index.json` (the `ssr` function, cached like a public page) and the MiniSearch
// code, both fetched on first use (the search page, or the header's box gaining focus), once per visit.
import type { SearchDoc } from '@shared/search-index';
import { once } from '@/lib/once';
import type { SiteSearch } from '@/lib/search';

export const SEARCH_INDEX_PATH = '/search-index.json';

async function fetchDocs(): Promise<SearchDoc[]> {
  const res = await fetch(SEARCH_INDEX_PATH);
  if (!res.ok) throw new Error(`The search index could not be loaded (${res.status})`);
  return (await res.json()) as SearchDoc[];
}

/** The index, built once; a failed load is tried again on the next call. */
export const loadSiteSearch = once((): Promise<SiteSearch> =>
  Promise.all([fetchDocs(), import('@/lib/search')]).then(([docs, lib]) => lib.siteSearch(docs)),
);

/** The first `q` of a route query, trimmed to what a search uses. */
export function queryText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.slice(0, 200) : '';
}

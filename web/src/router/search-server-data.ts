// The search page's server data (see server-data.ts), in a chunk of its own: the results for `?q=` from the same
// documents as `/search-index.json` (public teaser fields only, through the PublicReader).
import { searchDocs } from '@shared/search-index';
import type { PublicReader } from '@shared/public-pages';
import { queryText } from '@/api/search';
import { siteSearch, type SiteSearch } from '@/lib/search';
import { useSearchStore } from '@/stores/search';
import type { ServerData } from './server-data';

/**
 * Every query is a different URL, so the CDN cannot spare the reads: an instance builds the index at most once a
 * minute (the pages' own `max-age`) instead of reading every teaser per search. The browser searches its own,
 * fresh copy as soon as the page is live.
 */
const MEMO_MS = 60_000;
let memo: { at: number; search: Promise<SiteSearch> } | null = null;

function cachedSearch(reader: PublicReader, now: number): Promise<SiteSearch> {
  if (!memo || now - memo.at > MEMO_MS) {
    const search = searchDocs(reader, now).then(siteSearch);
    memo = { at: now, search };
    search.catch(() => (memo = null));
  }
  return memo.search;
}

export const searchData: ServerData = async ({ route, reader, pinia }) => {
  const q = queryText(route.query.q);
  const results = q.trim() ? (await cachedSearch(reader, Date.now())).search(q) : [];
  useSearchStore(pinia).serve(q, results);
};

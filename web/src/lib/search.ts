// The site search, in the browser and on the server (the `/search` page): a MiniSearch index over the documents of
// `/search-index.json` (titles, summaries and tags of public teasers; `shared/search-index.ts`). Loaded only where
// search is used (the search page and the header box, on first use), never with the catalog's first route.
import MiniSearch from 'minisearch';
import type { SearchDoc } from '@shared/search-index';
import { normalizeWords } from '@shared/search';

/** Results a search shows at most. */
export const SEARCH_LIMIT = 50;

export interface SiteSearch {
  search(query: string, limit?: number): SearchDoc[];
}

/** Words as the catalog's filter cuts them (lower case, accents dropped), so both searches agree on a word. */
const tokenize = (text: string) => normalizeWords(text);

/** An index of `docs`: prefix and fuzzy matching, every word must match, title and tags count more than summaries. */
export function siteSearch(docs: SearchDoc[]): SiteSearch {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const index = new MiniSearch<SearchDoc>({
    fields: ['title', 'summary', 'tags'],
    extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : String(doc[field as keyof SearchDoc])),
    tokenize,
    searchOptions: {
      tokenize,
      prefix: true,
      // a typo per five letters, on words of four letters or more
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      boost: { title: 3, tags: 2 },
      combineWith: 'AND',
    },
  });
  index.addAll(docs);
  return {
    search(query, limit = SEARCH_LIMIT) {
      if (!normalizeWords(query).length) return [];
      return index
        .search(query)
        .slice(0, limit)
        .flatMap((r) => byId.get(String(r.id)) ?? []);
    },
  };
}

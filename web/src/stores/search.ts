import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { SearchDoc } from '@shared/search-index';

/** The search results a page was rendered with on the server, for its query (hydration shows them as they are). */
export const useSearchStore = defineStore('search', () => {
  const served = shallowRef<{ q: string; results: SearchDoc[] } | null>(null);
  function serve(q: string, results: SearchDoc[]) {
    served.value = { q, results };
  }
  return { served, serve };
});

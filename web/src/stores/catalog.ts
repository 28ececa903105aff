import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { catalogPages, type CatalogItem, type CatalogPage } from '@/api/catalog';
import { usePagedQuery } from '@/composables/usePagedQuery';
import { EMPTY_FILTERS, type CatalogFilters } from '@/lib/catalog-query';
import { errorMessage } from '@/lib/firebase';

export type { CatalogItem };

/** A page shown again within this time (back from a material) is not read again. */
const FRESH_MS = 60_000;

/** The public catalog: cursor pages of the filtered teasers, kept while the visitor reads a material. */
export const useCatalogStore = defineStore('catalog', () => {
  /** The filters as a string (equal filters are the same source, so the list is not read again); null before the first `apply`. */
  const key = ref<string | null>(null);
  /** The first page the server rendered, for its filters: the only state the page carries to the browser. */
  const served = shallowRef<{ key: string; page: CatalogPage } | null>(null);
  let seeded = false;
  let loadedAt = 0;
  const filters = computed<CatalogFilters>(() => (key.value ? JSON.parse(key.value) : { ...EMPTY_FILTERS }));
  const list = usePagedQuery(() => (key.value ? catalogPages(filters.value) : null), {
    // Shown once, for the filters it was rendered for: hydration reads nothing the page already has.
    seed: () => {
      if (seeded || served.value?.key !== key.value) return null;
      seeded = true;
      loadedAt = Date.now();
      return served.value.page;
    },
  });
  watch(list.pending, (pending) => {
    if (!pending && !list.error.value) loadedAt = Date.now();
  });

  /** Tags present in what is loaded, for the tag filter's suggestions. */
  const tags = computed(() => [...new Set(list.data.value.flatMap((m) => m.tags))].sort());
  const error = computed(() => (list.error.value ? errorMessage(list.error.value) : ''));

  /** Shows the first page for these filters (kept as is when just loaded). */
  function apply(next: CatalogFilters): Promise<void> {
    const nextKey = JSON.stringify(next);
    if (nextKey !== key.value)
      key.value = nextKey; // a new source: the list starts over
    else if (!list.pending.value && (list.error.value || Date.now() - loadedAt >= FRESH_MS)) void list.reload();
    return list.settled();
  }

  /** On the server: the first page for these filters, read before rendering. */
  function serve(next: CatalogFilters, page: CatalogPage) {
    served.value = { key: JSON.stringify(next), page };
  }

  return {
    served,
    // Getters, not state: the page's state blob carries `served` only.
    items: computed(() => list.data.value),
    filters,
    tags,
    loading: computed(() => list.pending.value),
    error,
    hasMore: computed(() => list.hasMore.value),
    apply,
    serve,
    loadMore: list.loadMore,
    /** "Try again" after a failed page (also done by itself when the browser comes back online). */
    retry: list.retry,
  };
});

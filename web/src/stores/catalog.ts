import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { catalogPages, type CatalogItem } from '@/api/catalog';
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
  const filters = computed<CatalogFilters>(() => (key.value ? JSON.parse(key.value) : { ...EMPTY_FILTERS }));
  const list = usePagedQuery(() => (key.value ? catalogPages(filters.value) : null));
  let loadedAt = 0;
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

  return {
    items: list.data,
    filters,
    tags,
    loading: list.pending,
    error,
    hasMore: list.hasMore,
    apply,
    loadMore: list.loadMore,
  };
});

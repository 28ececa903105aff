import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getDocs, type QueryDocumentSnapshot } from 'firebase/firestore/lite';
import { CATALOG_PAGE_SIZE, type MaterialTeaser } from '@shared/materials';
import { matchesSearch } from '@shared/search';
import { catalogQuery, EMPTY_FILTERS, type CatalogFilters } from '@/lib/catalog-query';
import { db, errorMessage } from '@/lib/firebase';

export type CatalogItem = MaterialTeaser<{ toDate(): Date }> & { id: string };

/** A page shown again within this time (back from a material) is not read again. */
const FRESH_MS = 60_000;

/** The public catalog: one Firestore lite query per page (page size + 1 reads at most), cursor paging. */
export const useCatalogStore = defineStore('catalog', () => {
  const items = ref<CatalogItem[]>([]);
  const filters = ref<CatalogFilters>({ ...EMPTY_FILTERS });
  const loading = ref(false);
  const error = ref('');
  const hasMore = ref(false);
  const cursor = shallowRef<QueryDocumentSnapshot | undefined>();
  let generation = 0;
  let loadedKey = '';
  let loadedAt = 0;

  /** Tags present in what is loaded, for the tag filter's suggestions. */
  const tags = computed(() => [...new Set(items.value.flatMap((m) => m.tags))].sort());

  async function fetchPage(reset: boolean) {
    const mine = ++generation;
    const current = filters.value;
    loading.value = true;
    error.value = '';
    try {
      const snap = await getDocs(catalogQuery(db, current, reset ? undefined : cursor.value));
      if (mine !== generation) return; // a newer filter change won
      const page = snap.docs.slice(0, CATALOG_PAGE_SIZE);
      hasMore.value = snap.docs.length > CATALOG_PAGE_SIZE;
      cursor.value = page[page.length - 1];
      // The query filtered on one search word; the other words narrow the page here.
      const loaded = page
        .map((d) => ({ id: d.id, ...(d.data() as MaterialTeaser<{ toDate(): Date }>) }))
        .filter((m) => matchesSearch(m.title, current.q));
      items.value = reset ? loaded : [...items.value, ...loaded];
      loadedKey = JSON.stringify(current);
      loadedAt = Date.now();
    } catch (err) {
      if (mine === generation) error.value = errorMessage(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Shows the first page for these filters (kept as is when just loaded). */
  function apply(next: CatalogFilters) {
    filters.value = { ...next };
    if (JSON.stringify(next) === loadedKey && Date.now() - loadedAt < FRESH_MS && !error.value)
      return Promise.resolve();
    return fetchPage(true);
  }

  return { items, filters, tags, loading, error, hasMore, apply, loadMore: () => fetchPage(false) };
});

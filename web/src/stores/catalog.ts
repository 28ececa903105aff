import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { getDocs, type QueryDocumentSnapshot } from 'firebase/firestore/lite';
import { CATALOG_PAGE_SIZE, type MaterialTeaser } from '@shared/materials';
import { matchesSearch } from '@shared/search';
import { catalogQuery, EMPTY_FILTERS, type CatalogFilters } from '@/lib/catalog-query';
import { db, errorMessage } from '@/lib/firebase';

export type CatalogItem = MaterialTeaser & { id: string };

/** The public catalog: one query per page, cursor paging. */
export const useCatalogStore = defineStore('catalog', () => {
  const items = ref<CatalogItem[]>([]);
  const filters = ref<CatalogFilters>({ ...EMPTY_FILTERS });
  const loading = ref(false);
  const error = ref('');
  const hasMore = ref(false);
  const cursor = shallowRef<QueryDocumentSnapshot | undefined>();
  let generation = 0;

  async function fetchPage(reset: boolean) {
    const mine = ++generation;
    loading.value = true;
    error.value = '';
    try {
      const snap = await getDocs(catalogQuery(db, filters.value, reset ? undefined : cursor.value));
      if (mine !== generation) return; // a newer filter change won
      const page = snap.docs.slice(0, CATALOG_PAGE_SIZE);
      hasMore.value = snap.docs.length > CATALOG_PAGE_SIZE;
      cursor.value = page[page.length - 1];
      const loaded = page
        .map((d) => ({ id: d.id, ...(d.data() as MaterialTeaser) }))
        .filter((m) => matchesSearch(m.title, filters.value.q));
      items.value = reset ? loaded : [...items.value, ...loaded];
    } catch (err) {
      if (mine === generation) error.value = errorMessage(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function apply(next: CatalogFilters) {
    filters.value = next;
    return fetchPage(true);
  }

  return { items, filters, loading, error, hasMore, apply, loadMore: () => fetchPage(false) };
});

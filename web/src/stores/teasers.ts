import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CatalogItem } from '@/api/catalog';

/** Material teasers a page was rendered from on the server, by id; null for a material not found. */
export const useTeasersStore = defineStore('teasers', () => {
  const served = ref<Record<string, CatalogItem | null>>({});
  function serve(id: string, teaser: CatalogItem | null) {
    served.value = { ...served.value, [id]: teaser };
  }
  return { served, serve };
});

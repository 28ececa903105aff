import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PublicBody } from '@shared/public-pages';
import type { CatalogItem } from '@/api/catalog';
import type { RelatedItem } from '@/api/related';

/**
 * Material teasers a page was rendered from on the server, by id (null for a material not found), and the
 * bodies of public materials rendered with them (`PublicReader.publicBody`).
 */
export const useTeasersStore = defineStore('teasers', () => {
  const served = ref<Record<string, CatalogItem | null>>({});
  const bodies = ref<Record<string, PublicBody>>({});
  /** Related materials rendered with a page (issue 15), by the material's id. */
  const related = ref<Record<string, RelatedItem[]>>({});
  function serve(id: string, teaser: CatalogItem | null, body: PublicBody | null = null, near: RelatedItem[] = []) {
    served.value = { ...served.value, [id]: teaser };
    if (body) bodies.value = { ...bodies.value, [id]: body };
    related.value = { ...related.value, [id]: near };
  }
  return { served, bodies, related, serve };
});

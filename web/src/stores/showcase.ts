import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { PublicShowcasePage, PublicShowcaseProject } from '@shared/public-showcase';

/** Showcase pages rendered on the server (times in milliseconds): the listing, and project pages by id (null: none). */
export const useShowcaseStore = defineStore('showcase', () => {
  const list = shallowRef<PublicShowcaseProject[] | null>(null);
  const served = ref<Record<string, PublicShowcasePage | null>>({});
  function serveList(projects: PublicShowcaseProject[]) {
    list.value = projects;
  }
  function serve(id: string, page: PublicShowcasePage | null) {
    served.value = { ...served.value, [id]: page };
  }
  return { list, served, serveList, serve };
});

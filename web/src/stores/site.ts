import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The canonical origin (APP_URL's first entry on the server), for canonical and link-preview URLs. */
export const useSiteStore = defineStore('site', () => {
  const origin = ref(import.meta.env.SSR ? '' : location.origin);
  return { origin };
});

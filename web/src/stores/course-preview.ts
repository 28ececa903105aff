import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PublicPreviewUnit } from '@shared/public-pages';

/** Preview units a page was rendered from on the server, by `slug/unitId` (null: not a preview unit). */
export const useCoursePreviewStore = defineStore('course-preview', () => {
  const served = ref<Record<string, PublicPreviewUnit | null>>({});
  function serve(key: string, unit: PublicPreviewUnit | null) {
    served.value = { ...served.value, [key]: unit };
  }
  return { served, serve };
});

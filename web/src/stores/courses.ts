import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { PublicCourse, PublicCoursePage } from '@shared/public-courses';

/** Courses a page was rendered from on the server (times in milliseconds): the catalog, and course pages by slug
 * (null: not found). `now` is the server's clock, so time-dependent labels render the same while hydrating. */
export const useCoursesStore = defineStore('courses', () => {
  const catalog = shallowRef<PublicCourse[] | null>(null);
  const served = ref<Record<string, PublicCoursePage | null>>({});
  const now = ref<number | null>(null);
  function serveCatalog(courses: PublicCourse[], at: number) {
    catalog.value = courses;
    now.value = at;
  }
  function serve(slug: string, page: PublicCoursePage | null, at: number) {
    served.value = { ...served.value, [slug]: page };
    now.value = at;
  }
  return { catalog, served, now, serveCatalog, serve };
});

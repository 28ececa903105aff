// The course catalog's and course pages' server data (see server-data.ts): published teasers and cohorts only,
// read through the PublicReader; never a unit body, homework, answer key or enrollment.
import { useCoursesStore } from '@/stores/courses';
import type { ServerData } from './server-data';

/** Every published course: the page shows both kinds, and the filter in the URL is applied by the view. */
export const coursesData: ServerData = async ({ reader, pinia }) => {
  useCoursesStore(pinia).serveCatalog(await reader.courses({ kind: '' }), Date.now());
};

/** A published course with its published cohorts; 404 for an archived course or none. */
export const courseData: ServerData = async ({ route, reader, pinia }) => {
  const slug = String(route.params.slug);
  const page = await reader.course(slug);
  useCoursesStore(pinia).serve(slug, page, Date.now());
  return page ? 200 : 404;
};

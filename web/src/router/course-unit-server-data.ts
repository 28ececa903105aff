// A course unit page's server data (see server-data.ts): only a preview unit (access public) of a published
// course, through `PublicReader.previewUnit`; a gated unit's page renders its shell and loads in the browser.
import { useCoursePreviewStore } from '@/stores/course-preview';
import type { ServerData } from './server-data';

export const courseUnitData: ServerData = async ({ route, reader, pinia }) => {
  const slug = String(route.params.slug);
  const unitId = String(route.params.unitId);
  useCoursePreviewStore(pinia).serve(`${slug}/${unitId}`, await reader.previewUnit(slug, unitId));
};

// The showcase's and curated links' server data (see server-data.ts), a server-only chunk: approved projects'
// public fields only (PublicReader.showcase / showcaseProject: a gated project's links are never read), and the
// catalog's published teasers of kind `link` (a gated link's URL is in its body, which is never read here).
import { CATALOG_PAGE_SIZE } from '@shared/materials';
import { EMPTY_FILTERS } from '@shared/catalog';
import { SHOWCASE_PAGE_SIZE } from '@shared/showcase';
import { catalogPage } from '@/api/catalog';
import { useCatalogStore } from '@/stores/catalog';
import { useShowcaseStore } from '@/stores/showcase';
import { catalogItem, type ServerData } from './server-data';

export const showcaseListData: ServerData = async ({ reader, pinia }) => {
  useShowcaseStore(pinia).serveList(await reader.showcase(SHOWCASE_PAGE_SIZE));
};

export const showcaseProjectData: ServerData = async ({ route, reader, pinia }) => {
  const id = String(route.params.id);
  const page = await reader.showcaseProject(id);
  useShowcaseStore(pinia).serve(id, page);
  return page ? 200 : 404;
};

/** The curated links: the catalog's first page filtered to kind `link`. */
export const linksData: ServerData = async ({ reader, pinia }) => {
  const filters = { ...EMPTY_FILTERS, kind: 'link' as const };
  const teasers = await reader.catalog(filters, CATALOG_PAGE_SIZE + 1);
  useCatalogStore(pinia).serve(filters, catalogPage(teasers.map(catalogItem), filters));
};

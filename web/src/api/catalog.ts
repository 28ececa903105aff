// What readers read, with Firestore lite (no listeners: the catalog's first page stays small): catalog
// pages, a material's public teaser and its gated body, and the signed URL of a download.
import { BODY, CATALOG_PAGE_SIZE, GATED, MATERIALS, type MaterialBody, type MaterialTeaser } from '@shared/materials';
import { bodyHtmlState } from '@shared/body-html';
import type { PublicTeaser } from '@shared/public-pages';
import { matchesSearch } from '@shared/search';
import type { Source } from '@/composables/useLive';
import { pageOf, type Page, type PageSource } from '@/composables/usePagedQuery';
import { catalogQuery, type CatalogFilters } from '@/lib/catalog-query';
import { callFunction, firestoreLite } from '@/lib/firebase';
import { liveDoc } from '@/composables/live-sources';

type Time = { toDate(): Date };
export type Teaser = MaterialTeaser<Time>;
/** A published teaser in a list: its public fields and id (all a page rendered on the server has). */
export type CatalogItem = PublicTeaser<Time>;
export type CatalogPage = Page<CatalogItem, CatalogItem>;

/**
 * One catalog page from the teasers a query returned (page size + 1 of them). The query filtered on one
 * search word; the other words narrow the page here. The cursor is the last teaser read.
 */
export function catalogPage(items: CatalogItem[], filters: CatalogFilters): CatalogPage {
  const page = pageOf(items, CATALOG_PAGE_SIZE, (m) => m);
  return { ...page, items: page.items.filter((m) => matchesSearch(m.title, filters.q)) };
}

/** Pages of published teasers for these filters (page size + 1 reads at most). */
export function catalogPages(filters: CatalogFilters): PageSource<CatalogItem, CatalogItem> {
  return async (cursor) => {
    const [sdk, db] = await firestoreLite();
    const snap = await sdk.getDocs(catalogQuery(sdk, db, filters, cursor));
    return catalogPage(
      snap.docs.map((d) => ({ id: d.id, ...(d.data() as Teaser) })),
      filters,
    );
  };
}

/** `materials/{id}`; null when it does not exist. Rejects with permission-denied for a draft. */
export async function readTeaser(id: string): Promise<Teaser | null> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, MATERIALS, id));
  return snap.exists() ? (snap.data() as Teaser) : null;
}

const EMPTY_BODY: MaterialBody = { access: '', rank: 0, status: 'published', markdown: '', files: [] };

/** `materials/{id}/gated/body`. Rejects with permission-denied below the material's rank. */
export async function readBody(id: string): Promise<MaterialBody> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, MATERIALS, id, GATED, BODY));
  return (snap.data() as MaterialBody | undefined) ?? EMPTY_BODY;
}

/**
 * The body, read once (Firestore lite); when its HTML is older than its markdown (a save the trigger has not
 * rendered yet) it is then followed live, so the page moves to the new HTML as soon as functions store it.
 */
export function bodySource(id: string): Source<MaterialBody | null> {
  return async (next, fail) => {
    const first = await readBody(id).catch((err: unknown) => fail(err));
    if (!first) return;
    next(first);
    if (bodyHtmlState(first).fresh) return;
    const follow = liveDoc(
      (sdk, fdb) => sdk.doc(fdb, MATERIALS, id, GATED, BODY),
      (_, data) => data as MaterialBody,
    );
    return follow((body) => next(body ?? EMPTY_BODY), fail);
  };
}

/** A short-lived URL for one of a material's files (the function checks the reader's plan). */
export const mediaUrl = (materialId: string, path: string) => callFunction('getMediaUrl', { materialId, path });

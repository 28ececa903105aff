import { MATERIALS, MATERIAL_SEARCH } from './materials';
import { searchKey } from './search';

/** The catalog's filters, as the URL carries them (`?kind=tutorial&tag=sql&access=basic&q=dbt`). */
export interface CatalogFilters {
  kind: string;
  tag: string;
  access: string;
  q: string;
}

export const EMPTY_FILTERS: CatalogFilters = { kind: '', tag: '', access: '', q: '' };

export type CatalogWhere = [
  field: 'status' | 'kind' | 'access' | 'searchKeys',
  op: '==' | 'array-contains',
  value: string,
];

/**
 * The equality filters of one catalog page, in index order; the page is then ordered by `publishedAt`
 * (newest first, ties by document id). The web (Firestore lite) and the `ssr` function (Admin SDK)
 * build the same query from this.
 */
export function catalogWheres(filters: CatalogFilters): CatalogWhere[] {
  const wheres: CatalogWhere[] = [['status', '==', 'published']];
  if (filters.kind) wheres.push(['kind', '==', filters.kind]);
  if (filters.access) wheres.push(['access', '==', filters.access]);
  const key = searchKey(filters.q, filters.tag || undefined);
  if (key) wheres.push(['searchKeys', 'array-contains', key]);
  return wheres;
}

/**
 * A plain page reads the teasers themselves; a text or tag search reads the search index, the only documents
 * that carry `searchKeys` (the teasers stay small for the page everyone loads).
 */
export function catalogCollection(filters: CatalogFilters): typeof MATERIALS | typeof MATERIAL_SEARCH {
  return searchKey(filters.q, filters.tag || undefined) ? MATERIAL_SEARCH : MATERIALS;
}

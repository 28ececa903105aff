import {
  collection,
  limit,
  orderBy,
  query,
  startAfter,
  where,
  type Firestore,
  type Query,
  type QueryConstraint,
  type QueryDocumentSnapshot,
} from 'firebase/firestore/lite';
import { CATALOG_PAGE_SIZE, MATERIALS, MATERIAL_KINDS, MATERIAL_SEARCH } from '@shared/materials';
import { searchKey } from '@shared/search';

export interface CatalogFilters {
  kind: string;
  tag: string;
  access: string;
  q: string;
}

export const EMPTY_FILTERS: CatalogFilters = { kind: '', tag: '', access: '', q: '' };

/** Filters from the URL query (`?kind=tutorial&tag=sql&access=basic&q=dbt`), ignoring junk. */
export function filtersFromQuery(query: Record<string, unknown>): CatalogFilters {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 80) : '');
  const kind = str(query.kind);
  return {
    kind: (MATERIAL_KINDS as readonly string[]).includes(kind) ? kind : '',
    tag: str(query.tag).toLowerCase(),
    access: str(query.access),
    q: str(query.q),
  };
}

export function filtersToQuery(filters: CatalogFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
}

/** The constraints of one catalog page: one indexed query, page size + 1 reads at most, cursor paging. */
export function catalogConstraints(filters: CatalogFilters, cursor?: QueryDocumentSnapshot): QueryConstraint[] {
  const constraints: QueryConstraint[] = [where('status', '==', 'published')];
  if (filters.kind) constraints.push(where('kind', '==', filters.kind));
  if (filters.access) constraints.push(where('access', '==', filters.access));
  const key = searchKey(filters.q, filters.tag || undefined);
  if (key) constraints.push(where('searchKeys', 'array-contains', key));
  constraints.push(orderBy('publishedAt', 'desc'));
  if (cursor) constraints.push(startAfter(cursor));
  // One more than a page tells whether there is a next page without another query.
  constraints.push(limit(CATALOG_PAGE_SIZE + 1));
  return constraints;
}

/**
 * A plain page reads the teasers themselves; a text or tag search reads the search index, the only documents
 * that carry `searchKeys` (the teasers stay small for the page everyone loads).
 */
function catalogCollection(filters: CatalogFilters): typeof MATERIALS | typeof MATERIAL_SEARCH {
  return searchKey(filters.q, filters.tag || undefined) ? MATERIAL_SEARCH : MATERIALS;
}

export function catalogQuery(db: Firestore, filters: CatalogFilters, cursor?: QueryDocumentSnapshot): Query {
  return query(collection(db, catalogCollection(filters)), ...catalogConstraints(filters, cursor));
}

import type { Firestore, Query, QueryConstraint } from 'firebase/firestore/lite';
import { catalogCollection, catalogWheres, type CatalogFilters } from '@shared/catalog';
import { CATALOG_PAGE_SIZE, MATERIAL_KINDS } from '@shared/materials';
import type { LiteSdk } from './firebase';
import { sdkTime } from './stored-time';

export { EMPTY_FILTERS, type CatalogFilters } from '@shared/catalog';

/** Where the next page starts: the last teaser shown (its values, so a page rendered on the server can go on). */
export interface CatalogCursor {
  id: string;
  publishedAt: unknown;
}

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
export function catalogConstraints(sdk: LiteSdk, filters: CatalogFilters, cursor?: CatalogCursor): QueryConstraint[] {
  const { where, orderBy, documentId, limit } = sdk;
  const constraints: QueryConstraint[] = catalogWheres(filters).map(([field, op, value]) => where(field, op, value));
  // Ties in publishedAt by document id, descending: the order Firestore uses anyway, stated so the cursor can name it.
  constraints.push(orderBy('publishedAt', 'desc'), orderBy(documentId(), 'desc'));
  // A page rendered on the server carries its times as StoredTimes: the cursor needs SDK Timestamps.
  if (cursor) constraints.push(sdk.startAfter(sdkTime(sdk, cursor.publishedAt), cursor.id));
  // One more than a page tells whether there is a next page without another query.
  constraints.push(limit(CATALOG_PAGE_SIZE + 1));
  return constraints;
}

export function catalogQuery(sdk: LiteSdk, db: Firestore, filters: CatalogFilters, cursor?: CatalogCursor): Query {
  return sdk.query(sdk.collection(db, catalogCollection(filters)), ...catalogConstraints(sdk, filters, cursor));
}

import { describe, expect, it } from 'vitest';
import * as sdk from 'firebase/firestore/lite';
import { initializeApp } from 'firebase/app';
import { catalogConstraints, catalogQuery, EMPTY_FILTERS, filtersFromQuery, filtersToQuery } from './catalog-query';

/** What each constraint does, read back from the SDK objects (type + field + operator + value). */
function describeConstraints(filters = EMPTY_FILTERS, cursor?: Parameters<typeof catalogConstraints>[2]) {
  return catalogConstraints(sdk, filters, cursor).map((c) => {
    const x = c as unknown as {
      type: string;
      _field?: { toString(): string };
      _op?: string;
      _value?: unknown;
      _limit?: number;
      _direction?: string;
    };
    if (x.type === 'startAfter') return 'startAfter';
    return [x.type, x._field?.toString(), x._op ?? x._direction, x._value ?? x._limit]
      .filter((v) => v !== undefined)
      .join(' ');
  });
}

describe('catalog query', () => {
  it('is published-only, newest first, one page plus one', () => {
    expect(describeConstraints()).toEqual([
      'where status == published',
      'orderBy publishedAt desc',
      'orderBy __name__ desc',
      'limit 13',
    ]);
  });

  it('turns tag and search into one array-contains key', () => {
    expect(describeConstraints({ kind: 'tutorial', tag: 'sql', access: 'basic', q: 'window functions' })).toEqual([
      'where status == published',
      'where kind == tutorial',
      'where access == basic',
      'where searchKeys array-contains t:sql w:functions',
      'orderBy publishedAt desc',
      'orderBy __name__ desc',
      'limit 13',
    ]);
    expect(describeConstraints({ ...EMPTY_FILTERS, tag: 'Data Quality' })).toContain(
      'where searchKeys array-contains t:data-quality',
    );
  });

  it('pages with a cursor after the ordering, never an offset', () => {
    const cursor = { id: 'intro', publishedAt: sdk.Timestamp.fromMillis(1_700_000_000_000) };
    expect(describeConstraints(EMPTY_FILTERS, cursor)).toEqual([
      'where status == published',
      'orderBy publishedAt desc',
      'orderBy __name__ desc',
      'startAfter',
      'limit 13',
    ]);
  });

  it('builds one query: on the teasers for a plain page, on the search index for a search', () => {
    const db = sdk.getFirestore(initializeApp({ projectId: 'demo-test', apiKey: 'x' }, 'catalog-query-test'));
    const pathOf = (filters: typeof EMPTY_FILTERS) => {
      const q = catalogQuery(sdk, db, filters);
      expect(q.type).toBe('query');
      return (q as unknown as { _query: { path: { toString(): string } } })._query.path.toString();
    };
    expect(pathOf({ ...EMPTY_FILTERS, kind: 'tutorial', access: 'main' })).toBe('materials');
    expect(pathOf({ ...EMPTY_FILTERS, q: 'parquet' })).toBe('materialSearch');
    expect(pathOf({ ...EMPTY_FILTERS, tag: 'dbt' })).toBe('materialSearch');
    // A one-letter search filters on nothing, so it needs no index either.
    expect(pathOf({ ...EMPTY_FILTERS, q: 'p' })).toBe('materials');
  });
});

describe('filters <-> URL query', () => {
  it('reads filters from the URL and drops junk', () => {
    expect(filtersFromQuery({ kind: 'video', tag: 'SQL', q: ['a'], access: 'main' })).toEqual({
      kind: '',
      tag: 'sql',
      access: 'main',
      q: '',
    });
    expect(filtersFromQuery({})).toEqual(EMPTY_FILTERS);
  });

  it('writes only the filters that are set', () => {
    expect(filtersToQuery({ kind: 'article', tag: '', access: '', q: 'dbt' })).toEqual({ kind: 'article', q: 'dbt' });
    expect(filtersToQuery(EMPTY_FILTERS)).toEqual({});
  });

  it('round-trips', () => {
    const filters = { kind: 'download', tag: 'dbt', access: 'premium', q: 'incremental models' };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
  });
});

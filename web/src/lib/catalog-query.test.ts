import { describe, expect, it } from 'vitest';
import { catalogConstraints, filtersFromQuery, filtersToQuery, EMPTY_FILTERS } from './catalog-query';

/** What each constraint does, read back from the SDK objects (type + field + operator + value). */
function describe_(filters = EMPTY_FILTERS) {
  return catalogConstraints(filters).map((c) => {
    const x = c as unknown as { type: string; _field?: { toString(): string }; _op?: string; _value?: unknown; _limit?: number; _direction?: string };
    return [x.type, x._field?.toString(), x._op ?? x._direction, x._value ?? x._limit].filter((v) => v !== undefined).join(' ');
  });
}

describe('catalog query', () => {
  it('is published-only, newest first, one page plus one', () => {
    expect(describe_()).toEqual(['where status == published', 'orderBy publishedAt desc', 'limit 13']);
  });

  it('turns tag and search into one array-contains key', () => {
    expect(describe_({ kind: 'tutorial', tag: 'sql', access: 'basic', q: 'window functions' })).toEqual([
      'where status == published',
      'where kind == tutorial',
      'where access == basic',
      'where searchKeys array-contains t:sql w:functions',
      'orderBy publishedAt desc',
      'limit 13',
    ]);
  });

  it('reads filters from the URL and drops junk', () => {
    expect(filtersFromQuery({ kind: 'video', tag: 'SQL', q: ['a'], access: 'main' })).toEqual({ kind: '', tag: 'sql', access: 'main', q: '' });
    expect(filtersToQuery({ kind: 'article', tag: '', access: '', q: 'dbt' })).toEqual({ kind: 'article', q: 'dbt' });
  });
});

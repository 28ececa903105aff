import { describe, expect, it } from 'vitest';
import type { SearchDoc } from '@shared/search-index';
import { siteSearch } from './search';

const doc = (id: string, title: string, summary = '', tags: string[] = []): SearchDoc => ({
  id,
  kind: 'Article',
  title,
  summary,
  tags,
  access: 'public',
  rank: 0,
  url: `/materials/${id}`,
});

const DOCS = [
  doc('windows', 'Window functions in SQL', 'Running totals without self-joins', ['sql']),
  doc('dbt', 'Testing dbt models', 'Schema tests and unit tests for the warehouse', ['dbt']),
  doc('kafka', 'Kafka for batch people', 'Streams explained with a café analogy', ['kafka', 'architecture']),
];
const ids = (docs: SearchDoc[]) => docs.map((d) => d.id);

describe('siteSearch', () => {
  const search = siteSearch(DOCS);
  it.each([
    ['a word of a summary', 'warehouse', ['dbt']],
    ['a prefix', 'wareh', ['dbt']],
    ['a typo', 'warehuose', ['dbt']],
    ['a tag', 'architecture', ['kafka']],
    ['accents either way', 'cafe', ['kafka']],
    ['every word must match', 'sql totals', ['windows']],
    ['no match', 'zanzibar', []],
    ['nothing to search', '  ', []],
  ])('finds by %s', (_name, query, expected) => {
    expect(ids(search.search(query))).toEqual(expected);
  });

  it('ranks a title match above a summary match', () => {
    const s = siteSearch([doc('a', 'About pipelines', 'tests'), doc('b', 'Tests for pipelines')]);
    expect(ids(s.search('tests'))).toEqual(['b', 'a']);
  });

  it('returns the documents as indexed, limited', () => {
    expect(search.search('sql')[0]).toEqual(DOCS[0]);
    expect(search.search('s', 1)).toHaveLength(1);
  });
});

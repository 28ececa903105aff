import { describe, expect, it } from 'vitest';
import { pickRelated } from './related';

const m = (id: string, ...tags: string[]) => ({ id, tags });

describe('pickRelated', () => {
  const material = m('self', 'sql', 'dbt', 'duckdb');
  it.each([
    ['none share a tag', [m('a', 'kafka'), m('b')], []],
    ['never itself', [m('self', 'sql'), m('a', 'sql')], ['a']],
    [
      'most shared tags first, then newest (input order)',
      [m('new', 'sql'), m('two', 'dbt', 'sql'), m('old', 'dbt'), m('three', 'sql', 'dbt', 'duckdb')],
      ['three', 'two', 'new', 'old'],
    ],
    ['at most four', [m('a', 'sql'), m('b', 'sql'), m('c', 'sql'), m('d', 'sql'), m('e', 'sql')], ['a', 'b', 'c', 'd']],
  ])('%s', (_name, candidates, expected) => {
    expect(pickRelated(material, candidates).map((c) => c.id)).toEqual(expected);
  });

  it('nothing for a material without tags', () => {
    expect(pickRelated(m('self'), [m('a', 'sql')])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { matchesSearch, searchKey, searchKeys } from './search';

describe('search keys', () => {
  const keys = searchKeys('Partitioning Parquet for DuckDB', ['DuckDB', 'Data Quality']);

  it('indexes word prefixes, tags and tag x prefix pairs', () => {
    expect(keys).toContain('w:pa');
    expect(keys).toContain('w:parquet');
    expect(keys).toContain('t:duckdb');
    expect(keys).toContain('t:data-quality w:duck');
    expect(keys).not.toContain('w:p');
  });

  it('makes every catalog filter one key that the document has', () => {
    expect(keys).toContain(searchKey('parq'));
    expect(keys).toContain(searchKey('', 'duckdb'));
    expect(keys).toContain(searchKey('Duck parquet', 'data-quality'));
    expect(keys).not.toContain(searchKey('spark'));
    expect(searchKey('')).toBeUndefined();
  });

  it('ignores case and accents', () => {
    expect(searchKeys('Écrire du SQL', [])).toContain('w:ecrire');
    expect(searchKey('ÉCRI')).toBe('w:ecri');
  });

  it('narrows multi-word searches by every word', () => {
    expect(matchesSearch('Partitioning Parquet for DuckDB', 'parq duck')).toBe(true);
    expect(matchesSearch('Partitioning Parquet for DuckDB', 'parq spark')).toBe(false);
  });
});

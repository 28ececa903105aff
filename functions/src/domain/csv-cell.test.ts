import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvSafe } from './csv-cell';

describe('csvSafe (CSV injection)', () => {
  it.each<[unknown, string]>([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['Ada Lovelace', 'Ada Lovelace'],
    ['a=b', 'a=b'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [-5, '-5'],
    [19.5, '19.5'],
    [true, 'true'],
  ])('%j becomes %j', (value, expected) => {
    expect(csvSafe(value as string)).toBe(expected);
  });

  it('survives csv-stringify quoting (commas, quotes, new lines)', () => {
    const row = ['=cmd|"/c calc"!A1', 'a,b', 'say "hi"', 'two\nlines'].map(csvSafe);
    expect(stringify([row])).toBe(`"'=cmd|""/c calc""!A1","a,b","say ""hi""","two\nlines"\n`);
  });
});

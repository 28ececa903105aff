import { describe, expect, it } from 'vitest';
import { byteRange } from './byte-range';

describe('byteRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-200', { start: 800, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
  ])('%s of 1000 bytes', (header, range) => expect(byteRange(header, 1000)).toEqual(range));

  it.each([[undefined], [''], ['items=0-1'], ['bytes=0-1,5-6'], ['bytes=-'], ['bytes=9-3'], ['bytes=a-b']])(
    'serves the whole file for %j',
    (header) => expect(byteRange(header, 1000)).toBeNull(),
  );

  it('refuses a range past the end', () => {
    expect(byteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 1000)).toBe('unsatisfiable');
  });
});

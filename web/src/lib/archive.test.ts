import { describe, expect, it } from 'vitest';
import { issueDate } from './archive';

describe('issueDate', () => {
  it('is the UTC day, whatever the reader’s zone', () => {
    expect(issueDate(Date.UTC(2027, 0, 31, 23, 30))).toBe('31 Jan 2027');
    expect(issueDate(Date.UTC(2027, 1, 1, 0, 30))).toBe('1 Feb 2027');
  });
});

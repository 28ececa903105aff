import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatPrice } from './format';

describe('format', () => {
  it('formats prices from the smallest unit', () => {
    expect(formatPrice({ amount: 900, currency: 'eur' })).toBe('€9');
    expect(formatPrice({ amount: 1950, currency: 'usd' })).toBe('US$19.50');
    expect(formatPrice(undefined)).toBe('');
  });
  it('formats dates as day month year', () => {
    expect(formatDate(new Date('2027-01-31T12:00:00Z'))).toBe('31 Jan 2027');
    expect(formatDate({ toDate: () => new Date('2027-01-31T12:00:00Z') })).toBe('31 Jan 2027');
    expect(formatDate('2027-01-31T12:00:00Z')).toBe('31 Jan 2027');
    expect(formatDate(null)).toBe('');
  });
  it('formats date and time in the local time zone', () => {
    const date = new Date(2027, 0, 31, 9, 5);
    expect(formatDateTime(date)).toBe('31 Jan 2027, 09:05');
    expect(formatDateTime({ toDate: () => date })).toBe('31 Jan 2027, 09:05');
    expect(formatDateTime('not a date')).toBe('');
    expect(formatDateTime(null)).toBe('');
  });
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

import { describe, expect, it, vi } from 'vitest';
import {
  dateTimeFormat,
  formatBytes,
  formatDate,
  formatUtcDay,
  formatDateTime,
  formatPrice,
  numberFormat,
} from './format';

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
    // Written without Intl, the same as Intl's en-GB for every month.
    const intl = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
    for (let month = 0; month < 12; month++) {
      const date = new Date(2027, month, 5, 12);
      expect(formatDate(date)).toBe(intl.format(date));
    }
    const utc = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    for (let month = 0; month < 12; month++) {
      const ms = Date.UTC(2027, month, 31, 23, 30);
      expect(formatUtcDay(ms)).toBe(utc.format(ms));
    }
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
  it('builds each formatter once per locale and options', () => {
    expect(numberFormat('en-GB', { style: 'currency', currency: 'EUR' })).toBe(
      numberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
    );
    expect(numberFormat('en-GB', { style: 'currency', currency: 'EUR' })).not.toBe(
      numberFormat('en-GB', { style: 'currency', currency: 'USD' }),
    );
    expect(dateTimeFormat('en-GB', { dateStyle: 'medium' })).not.toBe(dateTimeFormat('de-DE', { dateStyle: 'medium' }));
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    formatDate(new Date('2027-01-31T12:00:00Z'));
    made.mockClear();
    for (let day = 1; day <= 28; day++) formatDate(new Date(`2027-02-${String(day).padStart(2, '0')}T12:00:00Z`));
    formatDateTime(new Date(2027, 0, 31, 9, 5));
    formatDateTime(new Date(2027, 1, 1, 9, 5));
    expect(made.mock.calls.length).toBeLessThanOrEqual(1); // formatDateTime's, once
    made.mockRestore();
  });
});

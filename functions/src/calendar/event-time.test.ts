import { describe, expect, it } from 'vitest';
import { eventWhen } from './event-time';

describe('eventWhen', () => {
  it('writes the time in the event’s zone, summer and winter', () => {
    expect(eventWhen(new Date('2027-01-14T17:00:00Z'), new Date('2027-01-14T18:30:00Z'), 'Europe/Berlin')).toBe(
      'Thursday, 14 January 2027, 18:00–19:30 (Europe/Berlin)',
    );
    expect(eventWhen(new Date('2027-07-15T16:00:00Z'), new Date('2027-07-15T17:00:00Z'), 'Europe/Berlin')).toBe(
      'Thursday, 15 July 2027, 18:00–19:00 (Europe/Berlin)',
    );
  });

  it('names both days for an event over midnight, and falls back to UTC for an unknown zone', () => {
    expect(eventWhen(new Date('2027-01-14T22:00:00Z'), new Date('2027-01-15T01:00:00Z'), 'UTC')).toBe(
      'Thursday, 14 January 2027, 22:00 – Friday, 15 January 2027, 01:00 (UTC)',
    );
    expect(eventWhen(new Date('2027-01-14T17:00:00Z'), new Date('2027-01-14T18:00:00Z'), 'Mars/Olympus')).toBe(
      'Thursday, 14 January 2027, 17:00–18:00 (UTC)',
    );
  });
});

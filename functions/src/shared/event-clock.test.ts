import { describe, expect, it } from 'vitest';
import { eventClock, isoInZone } from './event-clock';

const at = (iso: string) => new Date(iso);

describe('event clock', () => {
  it('writes ISO 8601 with the offset of the zone at that instant', () => {
    expect(isoInZone(at('2027-01-14T17:00:00Z'), 'Europe/Berlin')).toBe('2027-01-14T18:00:00+01:00');
    expect(isoInZone(at('2027-07-14T16:00:00Z'), 'Europe/Berlin')).toBe('2027-07-14T18:00:00+02:00');
    expect(isoInZone(at('2027-07-14T16:00:00Z'), 'UTC')).toBe('2027-07-14T16:00:00+00:00');
    expect(isoInZone(at('2027-01-14T17:00:00Z'), 'America/New_York')).toBe('2027-01-14T12:00:00-05:00');
    expect(isoInZone(at('2027-01-14T17:00:00Z'), 'Asia/Kolkata')).toBe('2027-01-14T22:30:00+05:30');
  });

  it('names the zone as en-GB does at the start, winter and summer', () => {
    const clock = (iso: string, zone: string) => eventClock(at(iso), at(iso), zone).zone;
    expect(clock('2027-01-14T17:00:00Z', 'Europe/Berlin')).toBe('CET');
    expect(clock('2027-07-14T16:00:00Z', 'Europe/Berlin')).toBe('CEST');
    expect(clock('2027-01-14T17:00:00Z', 'America/New_York')).toBe('GMT-5');
    expect(clock('2027-01-14T17:00:00Z', 'UTC')).toBe('UTC');
  });

  it('gives start and end their own offsets across a change of summer time', () => {
    // Berlin leaves summer time at 03:00 on 31 October 2027.
    const clock = eventClock(at('2027-10-30T22:00:00Z'), at('2027-10-31T03:00:00Z'), 'Europe/Berlin');
    expect(clock).toEqual({ start: '2027-10-31T00:00:00+02:00', end: '2027-10-31T04:00:00+01:00', zone: 'CEST' });
  });
});

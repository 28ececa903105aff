// An event's times on its own wall clock, written out by the server so a page can show them without Intl: a
// phone's first Intl.DateTimeFormat starts ICU (100 to 200 ms at 4x CPU), which made the calendar's hydration a
// long task. Browsers compute a clock only for events they read themselves (a later page, a client-side visit).

/** ISO 8601 with the zone's offset ("2027-01-14T18:00:00+01:00", as schema.org wants) and the zone's short name. */
export interface EventClock {
  start: string;
  end: string;
  /** At the start, as en-GB writes it: "CET", "CEST", "GMT-5", "UTC". */
  zone: string;
}

const formats = new Map<string, { parts: Intl.DateTimeFormat; name: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let found = formats.get(timeZone);
  if (!found) {
    found = {
      parts: new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'longOffset',
        timeZone,
      }),
      name: new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short', timeZone }),
    };
    formats.set(timeZone, found);
  }
  return found;
}

/** The instant as ISO 8601 with the offset `timeZone` has at that instant: "2027-01-14T18:00:00+01:00". */
export function isoInZone(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatsFor(timeZone)
      .parts.formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

export function eventClock(startAt: Date, endAt: Date, timeZone: string): EventClock {
  const zone = formatsFor(timeZone)
    .name.formatToParts(startAt)
    .find((p) => p.type === 'timeZoneName')!.value;
  return { start: isoInZone(startAt, timeZone), end: isoInZone(endAt, timeZone), zone };
}

import { DateTime } from 'luxon';

/**
 * An event's time as mails and announcements write it, in the zone it was planned in:
 * "Thursday, 14 January 2027, 18:00–19:30 (Europe/Berlin)"; an event over midnight names both days.
 */
export function eventWhen(startAt: Date, endAt: Date, timeZone: string): string {
  const zone = DateTime.fromJSDate(startAt, { zone: timeZone }).isValid ? timeZone : 'UTC';
  const start = DateTime.fromJSDate(startAt, { zone }).setLocale('en-GB');
  const end = DateTime.fromJSDate(endAt, { zone }).setLocale('en-GB');
  const day = (d: DateTime) => d.toFormat('cccc, d LLLL yyyy');
  const time = (d: DateTime) => d.toFormat('HH:mm');
  const span = start.hasSame(end, 'day')
    ? `${day(start)}, ${time(start)}–${time(end)}`
    : `${day(start)}, ${time(start)} – ${day(end)}, ${time(end)}`;
  return `${span} (${zone})`;
}

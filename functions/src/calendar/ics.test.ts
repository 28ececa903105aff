import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarIcs, eventUid, icsZone, parseMailbox, type IcsEvent, type IcsOptions } from './ics';
import { nthWeekday } from './vtimezone-check';

// The files are read back with an independent parser (ical.js), so a test fails when what clients would
// understand differs from what we meant, not when our own writer changes its spelling.

const HOST = 'commons.example';
const STAMP = new Date('2026-12-01T10:00:00Z');

function event(over: Partial<IcsEvent> = {}): IcsEvent {
  return {
    id: 'ev1',
    title: 'SQL office hours',
    summary: 'Bring your queries.',
    status: 'published',
    startAt: new Date('2027-01-14T17:00:00Z'),
    endAt: new Date('2027-01-14T18:00:00Z'),
    timeZone: 'Europe/Berlin',
    place: null,
    sequence: 0,
    updatedAt: new Date('2026-11-30T09:00:00Z'),
    pageUrl: 'https://commons.example/events/ev1',
    ...over,
  };
}

const publish: IcsOptions = { method: 'PUBLISH', host: HOST, stamp: STAMP, name: 'Commons events' };

/** The calendar's VEVENTs as ical.js events, with the calendar's VTIMEZONEs registered for them. */
function parse(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { root, events: root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}

const utc = (t: ICAL.Time) => t.toJSDate().toISOString();

describe('calendarIcs', () => {
  it('writes 18:00 Europe/Berlin as 17:00Z in January and 16:00Z in July, with TZID and its VTIMEZONE', () => {
    const winter = event({
      id: 'jan',
      startAt: new Date('2027-01-14T17:00:00Z'),
      endAt: new Date('2027-01-14T18:30:00Z'),
    });
    const summer = event({
      id: 'jul',
      startAt: new Date('2027-07-15T16:00:00Z'),
      endAt: new Date('2027-07-15T17:30:00Z'),
    });
    const ics = calendarIcs([winter, summer], publish);

    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20270114T180000');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20270715T180000');
    const { root, events } = parse(ics);
    expect(root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Europe/Berlin',
    ]);
    const [jan, jul] = events;
    expect(jan!.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(utc(jan!.startDate)).toBe('2027-01-14T17:00:00.000Z');
    expect(utc(jan!.endDate)).toBe('2027-01-14T18:30:00.000Z');
    expect(utc(jul!.startDate)).toBe('2027-07-15T16:00:00.000Z');
    expect(utc(jul!.endDate)).toBe('2027-07-15T17:30:00.000Z');
  });

  it('writes UTC times for an event planned in UTC', () => {
    const ics = calendarIcs([event({ timeZone: 'UTC' })], publish);
    expect(ics).toContain('DTSTART:20270114T170000Z');
    expect(parse(ics).root.getAllSubcomponents('vtimezone')).toEqual([]);
    expect(utc(parse(ics).events[0]!.startDate)).toBe('2027-01-14T17:00:00.000Z');
  });

  it('gives each event a stable UID from its id, DTSTAMP, SEQUENCE, STATUS, summary, description, URL, location', () => {
    const { root, events } = parse(calendarIcs([event({ place: 'Berlin, Room 3' })], publish));
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    const [e] = events;
    expect(e!.uid).toBe('ev1@commons.example');
    expect(e!.sequence).toBe(0);
    expect(e!.summary).toBe('SQL office hours');
    expect(e!.description).toBe('Bring your queries.\n\nhttps://commons.example/events/ev1');
    expect(e!.location).toBe('Berlin, Room 3');
    expect(e!.component.getFirstPropertyValue('url')).toBe('https://commons.example/events/ev1');
    expect(e!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(utc(e!.component.getFirstPropertyValue('dtstamp') as ICAL.Time)).toBe(STAMP.toISOString());
  });

  it('points LOCATION at the event page when there is no place (never at a join URL)', () => {
    const [e] = parse(calendarIcs([event()], publish)).events;
    expect(e!.location).toBe('https://commons.example/events/ev1');
  });

  it('keeps the UID and raises SEQUENCE when the event is rescheduled', () => {
    const before = parse(calendarIcs([event()], publish)).events[0]!;
    const moved = event({
      startAt: new Date('2027-01-21T17:00:00Z'),
      endAt: new Date('2027-01-21T18:00:00Z'),
      sequence: 1,
    });
    const after = parse(calendarIcs([moved], { ...publish, method: 'REQUEST' })).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(utc(after.startDate)).toBe('2027-01-21T17:00:00.000Z');
  });

  it('marks a cancelled event STATUS:CANCELLED, and every event of a CANCEL', () => {
    const cancelled = parse(calendarIcs([event({ status: 'cancelled', sequence: 2 })], publish)).events[0]!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    const { root, events } = parse(calendarIcs([event({ sequence: 2 })], { ...publish, method: 'CANCEL' }));
    expect(root.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('names organizer and attendee in an invitation, not in a feed', () => {
    const people = {
      organizer: { name: 'Commons', email: 'hello@commons.example' },
      attendee: { name: 'Ada', email: 'ada@example.com' },
    };
    const invite = parse(calendarIcs([event()], { ...publish, method: 'REQUEST', ...people })).events[0]!;
    expect(invite.organizer.toLowerCase()).toBe('mailto:hello@commons.example');
    expect(invite.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:ada@example.com']);
    const feed = parse(calendarIcs([event()], { ...publish, ...people })).events[0]!;
    expect(feed.organizer).toBeFalsy();
    expect(feed.attendees).toEqual([]);
  });

  it('ends every line with CRLF and folds lines at 75 octets, multi-byte characters included', () => {
    const long = event({
      title: 'Ünïcödé 🎉 '.repeat(20),
      summary: 'Ein sehr langer Text über Datenbanken, Indizes und Abfragen — '.repeat(10),
    });
    const ics = calendarIcs([long], publish);
    expect(ics.endsWith('\r\n') || ics.endsWith('END:VCALENDAR')).toBe(true);
    const lines = ics.split('\r\n');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // folding happened
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/); // no bare CR or LF
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    const [e] = parse(ics).events;
    expect(e!.summary).toBe(long.title);
    expect(e!.description).toContain(long.summary);
  });

  it('escapes text so a title cannot add properties', () => {
    const sneaky = event({ title: 'Hi\r\nATTENDEE:mailto:x@evil.example;X=1,2' });
    const { events } = parse(calendarIcs([sneaky], publish));
    expect(events[0]!.summary).toBe('Hi\nATTENDEE:mailto:x@evil.example;X=1,2');
    expect(events[0]!.attendees).toEqual([]);
  });
});

describe('icsZone', () => {
  const at = [new Date('2027-01-14T17:00:00Z'), new Date('2027-07-15T16:00:00Z')];

  it('keeps IANA zones whose VTIMEZONE agrees with the runtime and writes UTC otherwise', () => {
    expect(icsZone('Europe/Berlin', at)).toBe('Europe/Berlin');
    expect(icsZone('America/New_York', at)).toBe('America/New_York');
    expect(icsZone('UTC', at)).toBeNull();
    expect(icsZone('Not/AZone', at)).toBeNull();
    // Mexico ended daylight saving time in 2022; the bundled VTIMEZONE (2018 data) still has it.
    expect(icsZone('America/Mexico_City', at)).toBeNull();
  });

  it('puts every event at the right instant in every zone the runtime knows (read back by ical.js)', () => {
    const instants = ['2027-01-14T17:00:00Z', '2027-04-01T08:30:00Z', '2027-07-15T16:00:00Z', '2027-10-31T01:30:00Z'];
    const events = Intl.supportedValuesOf('timeZone').flatMap((timeZone) =>
      instants.map((iso) =>
        event({
          id: `${timeZone}|${iso}`,
          timeZone,
          startAt: new Date(iso),
          endAt: new Date(Date.parse(iso) + 3_600_000),
        }),
      ),
    );
    // One calendar, one parse: every zone's VTIMEZONE once, every event read back against it.
    const wrong = parse(calendarIcs(events, publish))
      .events.filter((e) => utc(e.startDate) !== new Date(e.uid.split('|')[1]!.replace(/@.*$/, '')).toISOString())
      .map((e) => e.uid);
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('eventUid and parseMailbox', () => {
  it('builds the UID from the id and host', () => {
    expect(eventUid('abc', HOST)).toBe('abc@commons.example');
  });
  it('reads a From setting', () => {
    expect(parseMailbox('Commons <hello@commons.example>')).toEqual({
      name: 'Commons',
      email: 'hello@commons.example',
    });
    expect(parseMailbox('"The Commons" <a@b.example>')).toEqual({ name: 'The Commons', email: 'a@b.example' });
    expect(parseMailbox('a@b.example')).toEqual({ name: 'a@b.example', email: 'a@b.example' });
    expect(parseMailbox('nobody')).toBeNull();
  });
});

describe('nthWeekday', () => {
  it('finds the nth and the last weekdays of a month', () => {
    expect(nthWeekday(2027, 3, -1, 7)).toBe(28); // last Sunday of March 2027
    expect(nthWeekday(2027, 3, 2, 7)).toBe(14); // second Sunday of March 2027
    expect(nthWeekday(2027, 11, 1, 7)).toBe(7); // first Sunday of November 2027
    expect(nthWeekday(2027, 10, -1, 5)).toBe(29); // last Friday of October 2027
    expect(nthWeekday(2027, 2, 5, 1)).toBeNull(); // no fifth Monday in February 2027
  });
});

import { DateTime } from 'luxon';

// @touch4it/ical-timezones ships VTIMEZONEs from the 2018 zone database, in Outlook's form (the current
// rule as a yearly RRULE since 1970). Zones whose rules changed since (Mexico, Brazil, Egypt, Iran, …)
// would put an event at the wrong hour in clients that read the VTIMEZONE. So before an event is written
// with TZID, this checks that the VTIMEZONE gives the same UTC offset at the event's instants as the
// runtime's own zone database (ICU, through luxon); when it does not, or the VTIMEZONE has a shape this
// reader does not know, the event is written in UTC, which is always right.

interface Observance {
  /** Local wall-clock onset of the first occurrence: [year, month, day, hour, minute]. */
  start: [number, number, number, number, number];
  fromMinutes: number;
  toMinutes: number;
  /** `FREQ=YEARLY;BYMONTH=m;BYDAY=nDD` (n from -5 to 5), or none: a single onset. */
  rule: { month: number; nth: number; weekday: number } | null;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const offsetMinutes = (value: string | undefined): number | null => {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value ?? '');
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};

/** The observances of a VTIMEZONE, or null when any part has a shape this reader does not handle. */
export function parseObservances(vtimezone: string): Observance[] | null {
  const blocks = vtimezone.match(/BEGIN:(STANDARD|DAYLIGHT)[\s\S]*?END:\1/g) ?? [];
  if (blocks.length === 0) return null;
  const out: Observance[] = [];
  for (const block of blocks) {
    const prop = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(block)?.[1]?.trim();
    if (/^RDATE|^EXDATE/m.test(block)) return null;
    const start = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(prop('DTSTART') ?? '');
    const fromMinutes = offsetMinutes(prop('TZOFFSETFROM'));
    const toMinutes = offsetMinutes(prop('TZOFFSETTO'));
    if (!start || fromMinutes === null || toMinutes === null) return null;
    const rrule = prop('RRULE');
    let rule: Observance['rule'] = null;
    if (rrule) {
      const r = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=(-?[1-5])(MO|TU|WE|TH|FR|SA|SU)$/.exec(rrule);
      if (!r) return null;
      rule = { month: Number(r[1]), nth: Number(r[2]), weekday: WEEKDAYS.indexOf(r[3]!) + 1 };
    }
    out.push({
      start: [Number(start[1]), Number(start[2]), Number(start[3]), Number(start[4]), Number(start[5])],
      fromMinutes,
      toMinutes,
      rule,
    });
  }
  return out;
}

/** Day of month of the nth (negative: from the end) ISO weekday (1 Monday … 7 Sunday) of a month. */
export function nthWeekday(year: number, month: number, nth: number, weekday: number): number | null {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay() || 7;
  const first = 1 + ((weekday - firstWeekday + 7) % 7);
  const count = Math.floor((days - first) / 7) + 1;
  const index = nth > 0 ? nth - 1 : count + nth;
  return index >= 0 && index < count ? first + index * 7 : null;
}

/** UTC milliseconds of each onset of an observance in `year`. */
function onsetsIn(o: Observance, year: number): number[] {
  const [y0, mo, d, h, mi] = o.start;
  if (year < y0) return [];
  let month = mo;
  let day: number | null = d;
  if (o.rule) {
    month = o.rule.month;
    day = nthWeekday(year, month, o.rule.nth, o.rule.weekday);
  } else if (year !== y0) return [];
  if (day === null) return [];
  return [Date.UTC(year, month - 1, day, h, mi) - o.fromMinutes * 60_000];
}

/** The UTC offset (minutes) the VTIMEZONE gives at `at`, or null before its first onset. */
export function vtimezoneOffset(observances: Observance[], at: Date): number | null {
  const year = at.getUTCFullYear();
  let latest: { at: number; offset: number } | null = null;
  for (const o of observances) {
    for (const y of [year - 1, year, year + 1]) {
      for (const onset of onsetsIn(o, y)) {
        if (onset <= at.getTime() && (!latest || onset > latest.at)) latest = { at: onset, offset: o.toMinutes };
      }
    }
  }
  return latest ? latest.offset : null;
}

/** Whether `vtimezone` agrees with the runtime's zone database about `zone` at every one of `instants`. */
export function vtimezoneAgrees(vtimezone: string, zone: string, instants: Date[]): boolean {
  const observances = parseObservances(vtimezone);
  if (!observances) return false;
  return instants.every((at) => {
    const expected = DateTime.fromJSDate(at, { zone });
    return expected.isValid && vtimezoneOffset(observances, at) === expected.offset;
  });
}

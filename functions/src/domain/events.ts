import { DateTime } from 'luxon';
import type { EventInput } from '../shared/event-schema';
import type {
  EventChangeKind,
  EventJoin,
  EventKind,
  EventSource,
  EventStatus,
  EventTeaser,
  RegistrationStatus,
  RepeatEvery,
} from '../shared/events';
import { httpsUrl } from '../shared/urls';
import { Refusal } from './refusal';

// Events as plain decisions: wall times to instants, the documents of a save, series occurrences, which
// saves attendees and mirrors must hear about, and seats. No Firestore here; the store writes what these
// return (Dates become Timestamps on write).

const LOCAL = "yyyy-MM-dd'T'HH:mm";
const MINUTE_MS = 60_000;

/** The instant of a wall-clock time (`2027-01-14T18:00`) in an IANA zone. A time skipped by a DST jump moves forward. */
export function instantOf(local: string, timeZone: string, field = 'event.start'): Date {
  const at = DateTime.fromISO(local, { zone: timeZone });
  if (!at.isValid) throw new Refusal('invalid-argument', `${field}: ${at.invalidExplanation ?? 'not a time'}`);
  return at.toJSDate();
}

/** The wall-clock time of an instant in a zone, as the editor's datetime-local input shows it. */
export const localOf = (instant: Date, timeZone: string): string =>
  DateTime.fromJSDate(instant, { zone: timeZone }).toFormat(LOCAL);

export interface EventTiming {
  startAt: Date;
  endAt: Date;
  /** When registered members may see the join details: the start minus the join window. */
  opensAt: Date;
}

/** Start, end and opening instants of an input; the end must come after the start. */
export function eventTiming(input: Pick<EventInput, 'start' | 'end' | 'timeZone' | 'joinWindowMinutes'>): EventTiming {
  const startAt = instantOf(input.start, input.timeZone, 'event.start');
  const endAt = instantOf(input.end, input.timeZone, 'event.end');
  if (endAt.getTime() <= startAt.getTime()) {
    throw new Refusal('invalid-argument', 'event.end: The event must end after it starts');
  }
  return { startAt, endAt, opensAt: new Date(startAt.getTime() - input.joinWindowMinutes * MINUTE_MS) };
}

/** The join URL an input may store: https only; required for an external-link event. Zoom's comes from Zoom. */
export function joinUrlOf(input: Pick<EventInput, 'kind' | 'joinUrl'>): string | null {
  if (input.kind === 'zoom') return null;
  const given = input.joinUrl?.trim() ? input.joinUrl : null;
  if (given === null) {
    if (input.kind === 'link') throw new Refusal('invalid-argument', 'event.joinUrl: An external event needs its link');
    return null;
  }
  const url = httpsUrl(given);
  if (!url) throw new Refusal('invalid-argument', 'event.joinUrl: Use an https:// link');
  return url;
}

/** What a save keeps from the stored event: counters, sequence, links to other things, and Zoom's join details. */
export interface EventState {
  registered: number;
  waitlisted: number;
  sequence: number;
  seriesId: string | null;
  recordingId: string | null;
  publishedAt: Date | null;
  /** The Zoom helper writes these into gated/join; a save of a Zoom event never overwrites them. */
  zoom: { url: string | null; passcode: string | null };
}

export const NEW_EVENT_STATE: EventState = {
  registered: 0,
  waitlisted: 0,
  sequence: 0,
  seriesId: null,
  recordingId: null,
  publishedAt: null,
  zoom: { url: null, passcode: null },
};

export interface EventDocs {
  teaser: EventTeaser<Date>;
  join: EventJoin<Date>;
  source: EventSource;
}

/**
 * The three documents of an event: the public teaser, the gated join details (repeating access, rank and
 * status for the rules) and the private markdown source. HTML comes rendered from the edge
 * (`renderMarkdownHtml`), so this stays pure.
 */
export function eventDocs(
  input: EventInput,
  rank: number,
  state: EventState,
  html: { description: string; details: string },
  now: Date,
  status: EventStatus = input.status,
): EventDocs {
  const { startAt, endAt, opensAt } = eventTiming(input);
  const zoom = input.kind === 'zoom';
  return {
    teaser: {
      title: input.title,
      summary: input.summary,
      descriptionHtml: html.description,
      kind: input.kind,
      status,
      access: input.access,
      rank,
      startAt,
      endAt,
      timeZone: input.timeZone,
      capacity: input.capacity,
      registered: state.registered,
      waitlisted: state.waitlisted,
      joinWindowMinutes: input.joinWindowMinutes,
      place: input.place?.trim() ? input.place.trim() : null,
      seriesId: state.seriesId,
      recordingId: state.recordingId,
      sequence: state.sequence,
      publishedAt: state.publishedAt ?? (status === 'published' ? now : null),
      updatedAt: now,
    },
    join: {
      access: input.access,
      rank,
      status,
      opensAt,
      url: zoom ? state.zoom.url : joinUrlOf(input),
      passcode: zoom ? state.zoom.passcode : null,
      detailsHtml: html.details,
    },
    source: { description: input.description, details: input.details },
  };
}

/** The editor's input of a stored event (to edit or duplicate it): wall times in the event's own zone. */
export function eventInputOf(
  teaser: EventTeaser<Date>,
  join: Pick<EventJoin<Date>, 'url'>,
  source: EventSource,
): EventInput {
  return {
    title: teaser.title,
    summary: teaser.summary,
    description: source.description,
    kind: teaser.kind,
    status: teaser.status === 'published' ? 'published' : 'draft',
    access: teaser.access,
    start: localOf(teaser.startAt, teaser.timeZone),
    end: localOf(teaser.endAt, teaser.timeZone),
    timeZone: teaser.timeZone,
    capacity: teaser.capacity,
    joinWindowMinutes: teaser.joinWindowMinutes,
    place: teaser.place,
    joinUrl: teaser.kind === 'zoom' ? null : join.url,
    details: source.details,
  };
}

/**
 * The same event `count` times, every week or month, at the same wall-clock time in its zone (so across a
 * DST change the instants move and the local time does not). Monthly keeps the day of the month, clamped
 * to the month's last day (the 31st becomes the 30th in April, and the 31st again in May), each occurrence
 * counted from the first. The length in wall-clock minutes stays the same.
 */
export function seriesOccurrences(
  input: Pick<EventInput, 'start' | 'end'>,
  every: RepeatEvery,
  count: number,
): Array<{ start: string; end: string }> {
  // Calendar arithmetic on naive wall times (in UTC, which has no DST); the zone applies later.
  const start = DateTime.fromISO(input.start, { zone: 'utc' });
  const length = DateTime.fromISO(input.end, { zone: 'utc' }).diff(start);
  return Array.from({ length: count }, (_, i) => {
    const at = start.plus(every === 'week' ? { weeks: i } : { months: i });
    return { start: at.toFormat(LOCAL), end: at.plus(length).toFormat(LOCAL) };
  });
}

/** The input moved by whole days of wall-clock time (a duplicate a week later). */
export function shiftedInput<T extends Pick<EventInput, 'start' | 'end'>>(input: T, days: number): T {
  const move = (local: string) => DateTime.fromISO(local, { zone: 'utc' }).plus({ days }).toFormat(LOCAL);
  return { ...input, start: move(input.start), end: move(input.end) };
}

/** What of an event a save compares: the teaser and the join details a member sees. */
export interface EventFacts {
  status: EventStatus;
  kind: EventKind;
  startAt: Date;
  endAt: Date;
  timeZone: string;
  place: string | null;
  title: string;
  summary: string;
  descriptionHtml: string;
  access: string;
  url: string | null;
  detailsHtml: string;
}

export const factsOf = (docs: { teaser: EventTeaser<Date>; join: EventJoin<Date> }): EventFacts => ({
  status: docs.teaser.status,
  kind: docs.teaser.kind,
  startAt: docs.teaser.startAt,
  endAt: docs.teaser.endAt,
  timeZone: docs.teaser.timeZone,
  place: docs.teaser.place,
  title: docs.teaser.title,
  summary: docs.teaser.summary,
  descriptionHtml: docs.teaser.descriptionHtml,
  access: docs.teaser.access,
  url: docs.join.url,
  detailsHtml: docs.join.detailsHtml,
});

export interface ChangeDecision {
  /** The change document to write (`changes/{sequence}`), or null when nobody needs to hear of this save. */
  kind: EventChangeKind | null;
  /** The sequence after the save (RFC 5545 SEQUENCE; the change document's id). */
  sequence: number;
}

const RESCHEDULING: Array<keyof EventFacts> = ['startAt', 'endAt', 'timeZone', 'kind', 'place'];
const VISIBLE: Array<keyof EventFacts> = ['title', 'summary', 'descriptionHtml', 'access', 'url', 'detailsHtml'];

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * Which change a save makes, and the sequence after it. Drafts are nobody's business: no change. The first
 * publish is `published` at the sequence the event has (0 for a new one). Once published, a new time, zone,
 * kind or place is `rescheduled`, any other edit attendees or mirrors can see is `updated`; both raise the
 * sequence by one, so each change has its own document and every calendar client and mirror can tell it
 * has an older copy (RFC 5545 wants SEQUENCE raised for significant revisions; raising it for every visible
 * one costs nothing and keeps mirrors honest). Capacity and the join window are not sent anywhere: a save
 * that changes only them (or nothing: a double click) makes no change. A cancellation is `cancelChange`.
 */
export function saveChange(before: EventFacts | null, after: EventFacts, sequence: number): ChangeDecision {
  if (after.status === 'draft') {
    if (before?.status === 'published') {
      throw new Refusal('failed-precondition', 'A published event cannot go back to draft: cancel it instead');
    }
    return { kind: null, sequence };
  }
  if (before?.status === 'cancelled') throw new Refusal('failed-precondition', 'This event is cancelled');
  if (!before || before.status === 'draft') return { kind: 'published', sequence };
  if (RESCHEDULING.some((key) => !same(before[key], after[key])))
    return { kind: 'rescheduled', sequence: sequence + 1 };
  if (VISIBLE.some((key) => !same(before[key], after[key]))) return { kind: 'updated', sequence: sequence + 1 };
  return { kind: null, sequence };
}

/**
 * Cancelling a published event raises the sequence (calendars show it as cancelled); cancelling twice is
 * once. A draft is refused: a cancelled event is public (its page says so), and a draft never was.
 */
export function cancelChange(status: EventStatus, sequence: number): ChangeDecision {
  if (status === 'cancelled') return { kind: null, sequence };
  if (status === 'draft') {
    throw new Refusal(
      'failed-precondition',
      'This event is a draft, nobody has seen it: edit it instead of cancelling',
    );
  }
  return { kind: 'cancelled', sequence: sequence + 1 };
}

export interface Seats {
  capacity: number | null;
  registered: number;
  waitlisted: number;
}

/** A member asks for a seat: someone already in keeps their status; otherwise a free seat, or the waitlist. */
export function registrationDecision(
  current: RegistrationStatus | null,
  seats: Seats,
): {
  status: RegistrationStatus;
  /** Whether anything is written (false: already registered or waitlisted). */
  changed: boolean;
} {
  if (current) return { status: current, changed: false };
  const free = seats.capacity === null || seats.registered < seats.capacity;
  return { status: free ? 'registered' : 'waitlisted', changed: true };
}

/** How many waitlisted members move up now: free seats, at most as many as wait. */
export function seatsToFill(seats: Seats): number {
  if (seats.waitlisted <= 0) return 0;
  if (seats.capacity === null) return seats.waitlisted;
  return Math.max(0, Math.min(seats.waitlisted, seats.capacity - seats.registered));
}

/** The counters after a member leaves (registered or waitlisted) and `promoted` members move up. */
export function countersAfterLeaving(seats: Seats, leaving: RegistrationStatus, promoted: number): Seats {
  const registered = seats.registered - (leaving === 'registered' ? 1 : 0) + promoted;
  const waitlisted = seats.waitlisted - (leaving === 'waitlisted' ? 1 : 0) - promoted;
  return { capacity: seats.capacity, registered: Math.max(0, registered), waitlisted: Math.max(0, waitlisted) };
}

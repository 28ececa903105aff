import { eventInputSchema, repeatSchema, type EventDraft } from '@shared/event-schema';
import {
  DEFAULT_JOIN_WINDOW_MINUTES,
  MAX_SERIES_OCCURRENCES,
  type EventJoin,
  type EventKind,
  type EventSource,
  type EventStatus,
  type EventTeaser,
  type RepeatEvery,
} from '@shared/events';
import { fieldErrorsOf } from '@/lib/material-form';

// The admin event editor's form: what the inputs hold (capacity and numbers as text, wall times as
// datetime-local gives them) and the conversions to the callable's request and back from stored events.

export interface EventForm {
  title: string;
  summary: string;
  description: string;
  kind: EventKind;
  access: string;
  /** datetime-local values (`2027-01-14T18:00`), wall-clock time in `timeZone`. */
  start: string;
  end: string;
  timeZone: string;
  /** Empty: no limit. */
  capacity: string;
  joinWindowMinutes: string;
  place: string;
  joinUrl: string;
  details: string;
  /** Only when creating: repeat weekly or monthly. */
  repeat: { on: boolean; every: RepeatEvery; count: string };
}

/** The zone the browser is in (what a new event starts with). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every IANA zone the browser knows, `current` included (first when the list lacks it). */
export function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return known.includes(current) ? known : [current, ...known];
}

const parts = (instant: Date, timeZone: string): Record<string, string> =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );

/** The wall-clock time of an instant in a zone, as a datetime-local value. */
export function wallTime(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A new event: tomorrow 18:00 to 19:00 in the browser's zone, for `access` (the lowest tier). */
export function emptyEventForm(access: string, now: Date = new Date(), timeZone = browserTimeZone()): EventForm {
  const day = wallTime(new Date(now.getTime() + 86_400_000), timeZone).slice(0, 10);
  return {
    title: '',
    summary: '',
    description: '',
    kind: 'zoom',
    access,
    start: `${day}T18:00`,
    end: `${day}T19:00`,
    timeZone,
    capacity: '',
    joinWindowMinutes: String(DEFAULT_JOIN_WINDOW_MINUTES),
    place: '',
    joinUrl: '',
    details: '',
    repeat: { on: false, every: 'week', count: '4' },
  };
}

/** Text to a number when it is one (the schema then says what is wrong with it); empty to null. */
function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isNaN(n) ? (trimmed as unknown as number) : n;
}

/** The `event` of the saveEvent request. */
export function formToInput(form: EventForm, status: Extract<EventStatus, 'draft' | 'published'>): EventDraft {
  return {
    title: form.title.trim(),
    summary: form.summary.trim(),
    description: form.description,
    kind: form.kind,
    status,
    access: form.access,
    start: form.start,
    end: form.end,
    timeZone: form.timeZone,
    capacity: numberOrNull(form.capacity),
    joinWindowMinutes: numberOrNull(form.joinWindowMinutes) ?? DEFAULT_JOIN_WINDOW_MINUTES,
    place: form.place.trim() || null,
    joinUrl: form.kind === 'zoom' ? null : form.joinUrl.trim() || null,
    details: form.details,
  };
}

/** The `repeat` of the saveEvent request (create only). */
export function formToRepeat(form: EventForm): { every: RepeatEvery; count: number } | null {
  return form.repeat.on ? { every: form.repeat.every, count: Number(form.repeat.count) } : null;
}

/**
 * Field errors as the editor shows them, from the callable's shared schema plus what only the server
 * could otherwise say (end after start, an https link for external events); empty when valid.
 */
export function validateEventForm(
  form: EventForm,
  status: Extract<EventStatus, 'draft' | 'published'>,
  isNew: boolean,
): Record<string, string> {
  const parsed = eventInputSchema.safeParse(formToInput(form, status));
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
  if (!errors.start && !errors.end && form.end <= form.start) errors.end = 'The event must end after it starts';
  if (form.kind === 'link' && !/^https:\/\/\S+$/i.test(form.joinUrl.trim())) {
    errors.joinUrl ??= 'An external event needs its https:// link';
  }
  if (isNew && form.repeat.on) {
    const repeat = repeatSchema.safeParse(formToRepeat(form));
    if (!repeat.success) errors.repeat = `Repeat 2 to ${MAX_SERIES_OCCURRENCES} times`;
  }
  return errors;
}

type DateLike = Date | { toDate(): Date };
const asDate = (value: DateLike): Date => (value instanceof Date ? value : value.toDate());

/** The form of a stored event (to edit it): wall times in the event's own zone. */
export function formOfEvent(
  teaser: EventTeaser<DateLike>,
  join: Pick<EventJoin, 'url'> | null,
  source: EventSource | null,
): EventForm {
  return {
    title: teaser.title,
    summary: teaser.summary,
    description: source?.description ?? '',
    kind: teaser.kind,
    access: teaser.access,
    start: wallTime(asDate(teaser.startAt), teaser.timeZone),
    end: wallTime(asDate(teaser.endAt), teaser.timeZone),
    timeZone: teaser.timeZone,
    capacity: teaser.capacity === null ? '' : String(teaser.capacity),
    joinWindowMinutes: String(teaser.joinWindowMinutes),
    place: teaser.place ?? '',
    joinUrl: teaser.kind === 'zoom' ? '' : (join?.url ?? ''),
    details: source?.details ?? '',
    repeat: { on: false, every: 'week', count: '4' },
  };
}

export type AdminEventRow = EventTeaser<DateLike> & { id: string };

/** The admin list's three groups: drafts, upcoming (soonest first), past (latest first). Cancelled ones stay in time order. */
export function eventGroups(
  rows: AdminEventRow[],
  now: Date,
): { drafts: AdminEventRow[]; upcoming: AdminEventRow[]; past: AdminEventRow[] } {
  const start = (r: AdminEventRow) => asDate(r.startAt).getTime();
  const ended = (r: AdminEventRow) => asDate(r.endAt).getTime() <= now.getTime();
  const drafts = rows.filter((r) => r.status === 'draft').sort((a, b) => start(a) - start(b));
  const live = rows.filter((r) => r.status !== 'draft');
  return {
    drafts,
    upcoming: live.filter((r) => !ended(r)).sort((a, b) => start(a) - start(b)),
    past: live.filter(ended).sort((a, b) => start(b) - start(a)),
  };
}

/** "12 / 20 (3 waiting)", "5" without a limit. */
export function seatsLabel(e: Pick<EventTeaser, 'registered' | 'waitlisted' | 'capacity'>): string {
  const seats = e.capacity === null ? String(e.registered) : `${e.registered} / ${e.capacity}`;
  return e.waitlisted ? `${seats} (${e.waitlisted} waiting)` : seats;
}

export const KIND_LABELS: Record<EventKind, string> = {
  zoom: 'Zoom',
  link: 'External link',
  'in-person': 'In person',
  async: 'Async',
};

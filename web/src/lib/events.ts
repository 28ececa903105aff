// The calendar's view model: a public event teaser as the pages show it (Dates, times in a zone, capacity
// labels) and what a reader may do with it (the button state machine). Pure, so both sides of a
// server-rendered page agree and tests read it as a table.
import { canAccess, tierNeeded, type AccessClaims } from '@shared/access';
import type { EventClock } from '@shared/event-clock';
import { hasEnded, joinIsOpen, type RegistrationStatus } from '@shared/events';
import type { PublicEvent } from '@shared/public-events';
import { lowestTier, PUBLIC_RANK, type Tier, type TiersConfig } from '@shared/tiers';
import { MONTHS } from './format';

type Stamp = { toDate(): Date };
/** A public event as stored in the page state and Firestore (Timestamps). */
export type EventItem = PublicEvent<Stamp>;

/** A public event with Dates. */
export type EventView = PublicEvent<Date>;

export const eventPath = (id: string) => `/events/${encodeURIComponent(id)}`;
/** A recording is a material of kind `recording`: its page is the material page. */
export const recordingPath = (id: string) => `/materials/${encodeURIComponent(id)}`;

export function eventView(item: EventItem): EventView {
  return {
    ...item,
    startAt: item.startAt.toDate(),
    endAt: item.endAt.toDate(),
    publishedAt: item.publishedAt ? item.publishedAt.toDate() : null,
    updatedAt: item.updatedAt.toDate(),
  };
}

// ---- Times, without Intl: a phone's first Intl.DateTimeFormat starts ICU (100 to 200 ms at 4x CPU) and would
// land in the calendar's hydration. A public event carries its clock (@shared/event-clock, computed by the server for
// a rendered page); pages show it while rendering and hydrating, then the viewer's, which Date's local getters give.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A wall-clock reading; `month` from 1, `offset` in minutes east of UTC. */
interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  offset: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):\d{2}([+-])(\d{2}):(\d{2})$/;

function clockWall(iso: string): Wall {
  const m = ISO.exec(iso)!;
  const n = (i: number) => Number(m[i]);
  const offset = (m[6] === '-' ? -1 : 1) * (n(7) * 60 + n(8));
  return { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), offset };
}

const viewerWall = (at: Date): Wall => ({
  year: at.getFullYear(),
  month: at.getMonth() + 1,
  day: at.getDate(),
  hour: at.getHours(),
  minute: at.getMinutes(),
  offset: -at.getTimezoneOffset(),
});

/** "GMT", "GMT+1", "GMT-5", "GMT+5:30": how en-GB names a zone by its offset. */
export function gmtName(offset: number): string {
  if (offset === 0) return 'GMT';
  const abs = Math.abs(offset);
  const minutes = abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : '';
  return `GMT${offset < 0 ? '-' : '+'}${Math.floor(abs / 60)}${minutes}`;
}

type Timed = { startAt: Date; endAt: Date; clock: EventClock };

/**
 * An event's start on its own clock and, with `viewer`, on the viewer's when that differs (a viewer with the
 * event's offset keeps the event's zone name, "CET" rather than "GMT+1").
 */
function startWalls(event: Pick<Timed, 'startAt' | 'clock'>, viewer: boolean) {
  const own = clockWall(event.clock.start);
  const theirs = viewer ? viewerWall(event.startAt) : null;
  return { own, theirs: theirs?.offset === own.offset ? null : theirs };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayText = (w: Wall) =>
  `${WEEKDAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()]} ${w.day} ${MONTHS[w.month - 1]}`;

/** "Thu 14 Jan, 18:00–19:30 CET"; an event over several days names both days. */
function timeText(start: Wall, end: Wall, zone: string): string {
  const [startDay, endDay] = [dayText(start), dayText(end)];
  const [from, to] = [`${pad(start.hour)}:${pad(start.minute)}`, `${pad(end.hour)}:${pad(end.minute)}`];
  return startDay === endDay ? `${startDay}, ${from}–${to} ${zone}` : `${startDay}, ${from} – ${endDay}, ${to} ${zone}`;
}

/**
 * What a page writes for an event's time: `shown` on the clock it is shown on and, when that is the viewer's,
 * `own`, the event's own time (else '').
 */
export function eventTimes(event: Timed, viewer: boolean): { shown: string; own: string } {
  const { own, theirs } = startWalls(event, viewer);
  const ownText = timeText(own, clockWall(event.clock.end), event.clock.zone);
  if (!theirs) return { shown: ownText, own: '' };
  return { shown: timeText(theirs, viewerWall(event.endAt), gmtName(theirs.offset)), own: ownText };
}

/** "January 2027": the heading an event is listed under, on the clock it is shown on. */
function monthHeading(event: Pick<Timed, 'startAt' | 'clock'>, viewer: boolean): string {
  const { own, theirs } = startWalls(event, viewer);
  const start = theirs ?? own;
  return `${MONTH_NAMES[start.month - 1]} ${start.year}`;
}

// ---- Lists.

/** Events not ended at `now` (soonest first) and ended ones (latest first). */
export function splitByEnd<E extends { startAt: Date; endAt: Date }>(events: E[], now: number) {
  const upcoming = events.filter((e) => !hasEnded(e, now)).sort((a, b) => +a.startAt - +b.startAt);
  const past = events.filter((e) => hasEnded(e, now)).sort((a, b) => +b.startAt - +a.startAt);
  return { upcoming, past };
}

/** Events grouped under their month heading, in order. */
export function byMonth<E extends Pick<Timed, 'startAt' | 'clock'>>(events: E[], viewer: boolean) {
  const groups: { month: string; events: E[] }[] = [];
  for (const e of events) {
    const month = monthHeading(e, viewer);
    const last = groups.at(-1);
    if (last?.month === month) last.events.push(e);
    else groups.push({ month, events: [e] });
  }
  return groups;
}

/** Spots left for a limited event, 0 when full; null without a limit. */
export const spotsLeft = (e: { capacity: number | null; registered: number }): number | null =>
  e.capacity === null ? null : Math.max(0, e.capacity - e.registered);

/** "3 spots left", "Full · waitlist open", "Full · 2 on the waitlist"; '' without a limit. */
export function capacityLabel(e: { capacity: number | null; registered: number; waitlisted: number }): string {
  const left = spotsLeft(e);
  if (left === null) return '';
  if (left > 0) return `${left} ${left === 1 ? 'spot' : 'spots'} left`;
  return e.waitlisted > 0 ? `Full · ${e.waitlisted} on the waitlist` : 'Full · waitlist open';
}

/** The lowest plan whose members may join: what "Upgrade to join" offers (as the paywall does). */
export const lowestPlanFor = (config: TiersConfig, event: { rank: number }): Tier | undefined =>
  tierNeeded(config, event);

/** Pricing for `plan`; `returnTo` (the page that led there) is where the member lands once it is bought. */
export const pricingLink = (plan: Tier | undefined, returnTo?: string) => ({
  path: '/pricing',
  query: { ...(plan ? { plan: plan.id } : {}), ...(returnTo ? { returnTo } : {}) },
});

export const KIND_LABELS: Record<string, string> = {
  zoom: 'Online (Zoom)',
  link: 'Online',
  'in-person': 'In person',
  async: 'Async',
};

// ---- What the reader may do: the button state machine.

export type EventAction =
  | { kind: 'cancelled' }
  | { kind: 'ended'; recording: string | null }
  /** A visitor: sign in to register; `plan` set when the event needs more than a free account. */
  | { kind: 'sign-in'; plan: Tier | undefined }
  /** A member below the event's rank. */
  | { kind: 'upgrade'; plan: Tier | undefined }
  /** An entitled member whose registration is not known yet. */
  | { kind: 'loading' }
  | { kind: 'register'; full: boolean }
  /** Registered or waitlisted; `joinOpen`: inside the join window (registered only). */
  | { kind: 'registered'; status: RegistrationStatus; joinOpen: boolean };

export interface ActionInput {
  event: EventView;
  now: number;
  /** null: not signed in. */
  claims: AccessClaims | null;
  isAdmin: boolean;
  /** The reader's own registration: undefined while it loads, null when there is none. */
  registration: RegistrationStatus | null | undefined;
  tiers: TiersConfig;
}

export function eventAction({ event, now, claims, isAdmin, registration, tiers }: ActionInput): EventAction {
  if (event.status === 'cancelled') return { kind: 'cancelled' };
  if (hasEnded(event, now)) return { kind: 'ended', recording: event.recordingId && recordingPath(event.recordingId) };
  const plan = lowestPlanFor(tiers, event);
  if (claims === null) {
    const free = event.rank === PUBLIC_RANK || event.rank <= lowestTier(tiers).rank;
    return { kind: 'sign-in', plan: free ? undefined : plan };
  }
  if (!isAdmin && !canAccess(claims, event)) return { kind: 'upgrade', plan };
  if (registration === undefined) return { kind: 'loading' };
  if (registration === null) return { kind: 'register', full: spotsLeft(event) === 0 };
  return {
    kind: 'registered',
    status: registration,
    joinOpen: registration === 'registered' && joinIsOpen(event, now),
  };
}

/** Milliseconds until the action may change by itself (the join window opens, the event ends); null: never. */
export function msUntilNextChange(event: EventView, now: number): number | null {
  const opens = event.startAt.getTime() - event.joinWindowMinutes * 60_000;
  const next = [opens, event.endAt.getTime()].filter((t) => t > now);
  return next.length ? Math.min(...next) - now : null;
}

// ---- The calendar's URL: `?view=month|week` (list by default) and `?access=<level>`.

export const CALENDAR_VIEWS = ['list', 'month', 'week'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export function viewFromQuery(query: Record<string, unknown>): CalendarView {
  return (CALENDAR_VIEWS as readonly unknown[]).includes(query.view) ? (query.view as CalendarView) : 'list';
}

/** The access filter; junk (not a short id) is no filter. */
export function accessFromQuery(query: Record<string, unknown>): string {
  const access = query.access;
  return typeof access === 'string' && /^[a-z0-9_-]{1,40}$/i.test(access) ? access : '';
}

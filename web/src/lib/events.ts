// The calendar's view model: a public event teaser as the pages show it (Dates, times in a zone, capacity
// labels) and what a reader may do with it (the button state machine). Pure, so both sides of a
// server-rendered page agree and tests read it as a table.
import { canAccess, tierNeeded, type AccessClaims } from '@shared/access';
import { hasEnded, joinIsOpen, type RegistrationStatus } from '@shared/events';
import type { PublicEvent } from '@shared/public-events';
import { lowestTier, PUBLIC_RANK, type Tier, type TiersConfig } from '@shared/tiers';
import { dateTimeFormat } from './format';

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

// ---- Times. Each formatter is built once per locale, zone and options (lib/format.ts keeps them).

const LOCALE = 'en-GB';
const dayFormat = (timeZone: string) =>
  dateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', timeZone });
const timeFormat = (timeZone: string) =>
  dateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
const zoneFormat = (timeZone: string) => dateTimeFormat(LOCALE, { timeZoneName: 'short', timeZone });
const monthFormat = (timeZone: string) => dateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone });
const partsFormat = (timeZone: string) =>
  dateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
    timeZone,
  });

/** The zone's short name at that instant: "CET", "CEST", "GMT-5". */
export function zoneName(at: Date, timeZone: string): string {
  return zoneFormat(timeZone)
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value;
}

/** "Thu 14 Jan, 18:00–19:30 CET" in `timeZone`; an event over several days names both days. */
export function formatEventTime(event: { startAt: Date; endAt: Date }, timeZone: string): string {
  const day = dayFormat(timeZone);
  const time = timeFormat(timeZone);
  const [startDay, endDay] = [day.format(event.startAt), day.format(event.endAt)];
  const zone = zoneName(event.startAt, timeZone);
  return startDay === endDay
    ? `${startDay}, ${time.format(event.startAt)}–${time.format(event.endAt)} ${zone}`
    : `${startDay}, ${time.format(event.startAt)} – ${endDay}, ${time.format(event.endAt)} ${zone}`;
}

/** "January 2027": the heading an event is listed under, in `timeZone`. */
export const monthHeading = (at: Date, timeZone: string) => monthFormat(timeZone).format(at);

/** The instant as ISO 8601 with the zone's offset at that instant: "2027-01-14T18:00:00+01:00" (schema.org). */
export function isoInZone(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** The zone a page shows times in: the event's own while rendering on the server and hydrating, then the viewer's. */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

// ---- Lists.

/** Events not ended at `now` (soonest first) and ended ones (latest first). */
export function splitByEnd<E extends { startAt: Date; endAt: Date }>(events: E[], now: number) {
  const upcoming = events.filter((e) => !hasEnded(e, now)).sort((a, b) => +a.startAt - +b.startAt);
  const past = events.filter((e) => hasEnded(e, now)).sort((a, b) => +b.startAt - +a.startAt);
  return { upcoming, past };
}

/** Events grouped under their month heading, in order. */
export function byMonth<E extends { startAt: Date }>(events: E[], timeZone: string) {
  const groups: { month: string; events: E[] }[] = [];
  for (const e of events) {
    const month = monthHeading(e.startAt, timeZone);
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

// Events on public pages (calendar and event pages, sitemap, RSS): which teaser fields the `ssr` function may
// render. The server reads with admin rights, so this list, not the rules, keeps everything else out: the
// join details (`gated/join`), registrations and mirrors' ids have no field here and no reader method.
import { eventClock, type EventClock } from './event-clock';
import type { EventTeaser } from './events';

/** Statuses whose teaser is public: a cancelled event keeps its page, saying so. */
export const PUBLIC_EVENT_STATUSES = ['published', 'cancelled'] as const;

/** The teaser fields a calendar shows (lists carry no description, so the page state stays small). */
export const PUBLIC_EVENT_FIELDS = [
  'title',
  'summary',
  'kind',
  'status',
  'access',
  'rank',
  'startAt',
  'endAt',
  'timeZone',
  'capacity',
  'registered',
  'waitlisted',
  'joinWindowMinutes',
  'place',
  'seriesId',
  'recordingId',
  'sequence',
  'publishedAt',
  'updatedAt',
] as const satisfies readonly (keyof EventTeaser)[];

type Listed<Time> = Pick<EventTeaser<Time>, (typeof PUBLIC_EVENT_FIELDS)[number]>;

/**
 * A public event with its id and its times on its own wall clock; `descriptionHtml` (sanitized when saved) only on
 * the event's own page.
 */
export type PublicEvent<Time = number> = Listed<Time> & { id: string; clock: EventClock; descriptionHtml?: string };

/** Which events a calendar list shows: not ended yet (soonest first) or ended (latest first); `access` '' is all. */
export interface EventListQuery {
  when: 'upcoming' | 'past';
  access: string;
}

/** Calendar list pages hold this many events. */
export const EVENTS_PAGE_SIZE = 20;

/** Only the public fields of a stored teaser, times converted by `time` (a copy: the input is untouched). */
export function publicEvent<In extends Date | { toDate(): Date }, Out>(
  id: string,
  data: EventTeaser<In>,
  time: (value: In) => Out,
  { description = false }: { description?: boolean } = {},
): PublicEvent<Out> {
  const picked = Object.fromEntries(PUBLIC_EVENT_FIELDS.map((f) => [f, data[f]])) as Listed<In>;
  const date = (value: In) => (value instanceof Date ? value : value.toDate());
  return {
    ...picked,
    id,
    clock: eventClock(date(data.startAt), date(data.endAt), data.timeZone),
    startAt: time(data.startAt),
    endAt: time(data.endAt),
    publishedAt: data.publishedAt === null || data.publishedAt === undefined ? null : time(data.publishedAt),
    updatedAt: time(data.updatedAt),
    ...(description ? { descriptionHtml: data.descriptionHtml } : {}),
  };
}

export const isPublicEventStatus = (status: unknown): boolean =>
  (PUBLIC_EVENT_STATUSES as readonly unknown[]).includes(status);

// The calendar's and event pages' server data (see server-data.ts): published or cancelled teasers only,
// read through the PublicReader; never join details, registrations or anything per reader.
import { StoredTime } from '@/lib/stored-time';
import { EVENTS_PAGE_SIZE, type PublicEvent } from '@shared/public-events';
import { eventPage } from '@/api/calendar';
import { accessFromQuery, type EventItem } from '@/lib/events';
import { useEventsStore } from '@/stores/events';
import type { ServerData } from './server-data';

/** An event off the wire (times in milliseconds) with its times as `StoredTime`s, shaped as the calendar's queries return it. */
export function eventItem(event: PublicEvent): EventItem {
  const time = (ms: number) => StoredTime.fromMillis(ms);
  return {
    ...event,
    startAt: time(event.startAt),
    endAt: time(event.endAt),
    publishedAt: event.publishedAt === null ? null : time(event.publishedAt),
    updatedAt: time(event.updatedAt),
  };
}

/** The calendar's list: the first page of upcoming and of past events, for the access filter in the URL. */
export const calendarData: ServerData = async ({ route, reader, pinia }) => {
  const access = accessFromQuery(route.query);
  const now = Date.now();
  const [upcoming, past] = await Promise.all(
    (['upcoming', 'past'] as const).map((when) => reader.events({ when, access }, now, EVENTS_PAGE_SIZE + 1)),
  );
  useEventsStore(pinia).serveCalendar({
    access,
    now,
    upcoming: eventPage(upcoming!.map(eventItem)),
    past: eventPage(past!.map(eventItem)),
  });
};

/** A published or cancelled event's teaser (never its join details); 404 when there is none. */
export const eventData: ServerData = async ({ route, reader, pinia }) => {
  const id = String(route.params.id);
  const event = await reader.event(id);
  useEventsStore(pinia).serve(id, event && eventItem(event));
  return event ? 200 : 404;
};

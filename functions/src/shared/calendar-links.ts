// Where the calendar files live (served by the `calendarFeed` HTTP function behind the Hosting rewrite
// `/ics/**`) and the "Add to Google Calendar" link: one place, for the web and for mails.

/** An event's page in the app (where Register / Join live); calendar files and mails link to it. */
export const eventPagePath = (eventId: string): string => `/events/${encodeURIComponent(eventId)}`;
/** Per-event file: `/ics/event/{id}.ics`. */
export const eventIcsPath = (eventId: string): string => `/ics/event/${encodeURIComponent(eventId)}.ics`;
/** Public events feed. */
export const PUBLIC_ICS_PATH = '/ics/public.ics';
/** A member's secret feed: `/ics/member/{token}.ics` (token from domain/link-tokens). */
export const memberIcsPath = (token: string): string => `/ics/member/${encodeURIComponent(token)}.ics`;

const googleStamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Google Calendar's "create event" template link (UTC instants, as Google documents `dates`). */
export function googleCalendarLink(event: {
  title: string;
  summary: string;
  startAt: Date;
  endAt: Date;
  pageUrl: string;
}): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${googleStamp(event.startAt)}/${googleStamp(event.endAt)}`,
    details: `${event.summary}\n\n${event.pageUrl}`,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

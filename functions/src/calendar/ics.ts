import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';
import type { EventStatus } from '../shared/events';
import { vtimezoneAgrees } from './vtimezone-check';

// iCalendar (RFC 5545) files of events, built by ical-generator: the per-event download, the public and
// member feeds (METHOD:PUBLISH) and the invitations attached to event mails (METHOD:REQUEST / CANCEL,
// RFC 5546). The library writes CRLF line ends, escapes text and folds lines at 75 octets.

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** What a file says of one event: public teaser fields only (never the join details). */
export interface IcsEvent {
  id: string;
  title: string;
  summary: string;
  status: EventStatus;
  startAt: Date;
  endAt: Date;
  /** IANA zone the event was planned in: DTSTART/DTEND carry it as TZID with its VTIMEZONE. */
  timeZone: string;
  place: string | null;
  /** RFC 5545 SEQUENCE: the event's `sequence`, raised by every reschedule or cancellation. */
  sequence: number;
  updatedAt: Date;
  /** The event's page, where a member who may join finds the Join button once the window opens. */
  pageUrl: string;
}

export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface IcsOptions {
  method: IcsMethod;
  /** Host part of every UID (`{eventId}@{host}`): the app's host, so UIDs stay stable and unique. */
  host: string;
  /** DTSTAMP: when this file was made. */
  stamp: Date;
  /** Calendar name shown by subscribing clients (feeds). */
  name?: string;
  /** Invitations (REQUEST, CANCEL) name the organizer (our sender) and the one attendee they go to. */
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

/** The UID: the event's document id, never an editable field, so a client updates the same entry. */
export const eventUid = (eventId: string, host: string): string => `${eventId}@${host}`;

/** The zone's VTIMEZONE from @touch4it/ical-timezones, or null when it has none. */
const vtimezone = (zone: string): string | null => getVtimezoneComponent(zone);

/**
 * The zone an event's times are written in (TZID, with its VTIMEZONE): the event's own when a VTIMEZONE
 * exists for it and agrees with the runtime's zone database at these instants; otherwise null, UTC.
 */
export function icsZone(timeZone: string, instants: Date[]): string | null {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return null;
  const component = vtimezone(timeZone);
  return component && vtimezoneAgrees(component, timeZone, instants) ? timeZone : null;
}

/** `Commons <hello@commons.example>` as a name and an address. */
export function parseMailbox(from: string): { name: string; email: string } | null {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>\s]+@[^>\s]+)>\s*$/.exec(from);
  if (m) return { name: m[1]!.trim() || m[2]!, email: m[2]! };
  const bare = from.trim();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? { name: bare, email: bare } : null;
}

/** An iCalendar object with one VEVENT per event. */
export function calendarIcs(events: IcsEvent[], opts: IcsOptions): string {
  const calendar = new ICalCalendar({
    prodId: { company: 'Commons', product: 'Events', language: 'EN' },
    method: ICalCalendarMethod[opts.method],
    // No calendar-wide zone: each event names its own, and the generator adds one VTIMEZONE per zone used.
    timezone: { name: null, generator: vtimezone },
    ...(opts.name ? { name: opts.name } : {}),
  });
  for (const event of events) {
    const zone = icsZone(event.timeZone, [event.startAt, event.endAt]);
    // Luxon instants in the event's zone: ical-generator then writes the zone's wall-clock time with TZID.
    const at = (d: Date) => (zone ? DateTime.fromJSDate(d, { zone }) : d);
    const cancelled = opts.method === 'CANCEL' || event.status === 'cancelled';
    const vevent = calendar.createEvent({
      id: eventUid(event.id, opts.host),
      sequence: event.sequence,
      stamp: opts.stamp,
      lastModified: event.updatedAt,
      start: at(event.startAt),
      end: at(event.endAt),
      timezone: zone,
      summary: cancelled ? `Cancelled: ${event.title}` : event.title,
      description: `${event.summary}\n\n${event.pageUrl}`,
      url: event.pageUrl,
      location: event.place ?? event.pageUrl,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    if (opts.method !== 'PUBLISH' && opts.organizer) vevent.organizer(opts.organizer);
    if (opts.method !== 'PUBLISH' && opts.attendee) {
      vevent.createAttendee({
        ...opts.attendee,
        role: ICalAttendeeRole.REQ,
        // The member registered on the site: the invitation records their yes and asks nothing back.
        ...(cancelled ? {} : { status: ICalAttendeeStatus.ACCEPTED }),
        rsvp: false,
      });
    }
  }
  return calendar.toString();
}

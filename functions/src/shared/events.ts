// Events: the contract web and functions share (see docs/architecture.md, "Events").
//
// Glossary: an *event* has a public teaser (`events/{id}`) and gated join details
// (`events/{id}/gated/join`), with the same access/rank pattern as a material. Members *register*
// (`events/{id}/registrations/{uid}`); past capacity they are *waitlisted*. Outside systems (Zoom, Google
// Calendar, Luma) are *mirrors*: their ids live in `events/{id}/private/sync`, admin-readable only.

export const EVENTS = 'events';
/** `events/{id}/gated/join`: how to take part; readable by registered members of the rank, inside the join window. */
export const EVENT_GATED = 'gated';
export const EVENT_JOIN = 'join';
/** `events/{id}/registrations/{uid}`: one member's registration; the member reads their own. */
export const REGISTRATIONS = 'registrations';
/** `events/{id}/private/{source|sync}`: admin-only (markdown source, outside systems' ids). */
export const EVENT_PRIVATE = 'private';
export const EVENT_SOURCE = 'source';
export const EVENT_SYNC = 'sync';

export const EVENT_KINDS = ['zoom', 'link', 'in-person', 'async'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const REPEAT_EVERY = ['week', 'month'] as const;
export type RepeatEvery = (typeof REPEAT_EVERY)[number];

/** Minutes before the start from which registered members see the join details, unless the admin sets another. */
export const DEFAULT_JOIN_WINDOW_MINUTES = 15;
export const MAX_SERIES_OCCURRENCES = 26;

/** `events/{id}`: public once published (or cancelled, so a cancelled event's page says so). */
export interface EventTeaser<Time = unknown> {
  title: string;
  summary: string;
  /** The description's markdown rendered and sanitized once when saved; the markdown is in private/source. */
  descriptionHtml: string;
  kind: EventKind;
  status: EventStatus;
  access: string;
  rank: number;
  /** Instants (Firestore Timestamps at rest); `timeZone` is the IANA zone the admin planned it in. */
  startAt: Time;
  endAt: Time;
  timeZone: string;
  /** null: no limit. */
  capacity: number | null;
  /** Counters kept by the registration callables in the same transaction as the registration. */
  registered: number;
  waitlisted: number;
  joinWindowMinutes: number;
  /** Public place for in-person events (a city or venue); the exact details live in gated/join. */
  place: string | null;
  /** Occurrences created together share it; null for a single event. */
  seriesId: string | null;
  /** The published recording (a material of kind `recording`), once there is one. */
  recordingId: string | null;
  /** RFC 5545 SEQUENCE: raised on every change of time, place or status that attendees must learn about. */
  sequence: number;
  publishedAt: Time | null;
  updatedAt: Time;
}

/** `events/{id}/gated/join`: repeats access, rank and status for the rules, like a material's body. */
export interface EventJoin<Time = unknown> {
  access: string;
  rank: number;
  status: EventStatus;
  /** `startAt` minus the join window: the rules refuse reads before it. */
  opensAt: Time;
  /** The Zoom join URL, the external link, or null (in person, async). */
  url: string | null;
  passcode: string | null;
  /** Sanitized HTML: room, address, dial-in, instructions. */
  detailsHtml: string;
}

/** `events/{id}/private/source`: what the admin typed that is not public as such. */
export interface EventSource {
  description: string;
  details: string;
}

/** `events/{id}/private/sync`: each mirror's id and the `sequence` it last saw, written by functions only. */
export interface EventSync {
  zoom?: { meetingId: string; uuid: string; joinUrl: string; syncedSequence: number; error?: string | null };
  google?: { eventId: string; syncedSequence: number; error?: string | null };
  luma?: { eventId: string; url: string; syncedSequence: number; error?: string | null };
}

/**
 * `events/{id}/changes/{sequence}`: one document per change attendees and mirrors must learn about, written
 * in the same transaction as the event. Triggers on its creation mail registrants (update, cancellation)
 * and bring mirrors (Zoom, Google Calendar, Luma) in step; the id makes each change happen once.
 */
export const EVENT_CHANGES = 'changes';
export const EVENT_CHANGE_KINDS = ['published', 'rescheduled', 'updated', 'cancelled'] as const;
export type EventChangeKind = (typeof EVENT_CHANGE_KINDS)[number];
export interface EventChange<Time = unknown> {
  kind: EventChangeKind;
  sequence: number;
  /** false: the admin chose not to mail registrants (cancel without notice). */
  notify: boolean;
  at: Time;
}

export const REGISTRATION_STATUSES = ['registered', 'waitlisted'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** `events/{id}/registrations/{uid}`: a cancelled registration is deleted, not kept. */
export interface Registration<Time = unknown> {
  uid: string;
  email: string;
  name: string;
  status: RegistrationStatus;
  /** Where it came from: the site, or guests imported from the community's Luma calendar. */
  source: 'web' | 'luma';
  createdAt: Time;
}

/** Whether the event has ended at `now` (ms). */
export const hasEnded = (event: { endAt: Date }, now: number): boolean => event.endAt.getTime() <= now;

/** Whether a registered member may see the join details at `now` (ms). */
export const joinIsOpen = (event: { startAt: Date; endAt: Date; joinWindowMinutes: number }, now: number): boolean =>
  now >= event.startAt.getTime() - event.joinWindowMinutes * 60_000 && now < event.endAt.getTime();

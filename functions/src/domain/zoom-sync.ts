import { DateTime } from 'luxon';
import type { ZoomMeetingInput } from '../adapters/zoom/zoom-api';
import type { EventKind, EventStatus, EventSync } from '../shared/events';

/**
 * Keeping an event's Zoom meeting in step with the event: what to do (pure), the meeting's fields, and
 * the creation claim that makes double clicks and retries create one meeting.
 */

export type ZoomAction = 'create' | 'update' | 'delete' | 'none';

export interface ZoomTeaser {
  kind: EventKind;
  status: EventStatus;
  sequence: number;
}

/** `sync.zoom` may hold only `error` when a creation failed before any meeting existed. */
export type ZoomSync = Partial<NonNullable<EventSync['zoom']>> | undefined;

/**
 * What the meeting needs now. A published Zoom event gets one (a draft only when the admin asks:
 * `forCreate`); a meeting follows every change it has not seen (`sequence` above `syncedSequence`);
 * a cancelled event, or one no longer on Zoom, loses it. A replayed change finds nothing to do.
 */
export function zoomAction(teaser: ZoomTeaser, zoom: ZoomSync, forCreate = false): ZoomAction {
  const meeting = Boolean(zoom?.meetingId);
  if (teaser.status === 'cancelled' || teaser.kind !== 'zoom') return meeting ? 'delete' : 'none';
  if (!meeting) return teaser.status === 'published' || forCreate ? 'create' : 'none';
  return teaser.sequence > (zoom?.syncedSequence ?? -1) ? 'update' : 'none';
}

/** The meeting's fields: the event's local wall time in its own zone, as Zoom takes it. */
export function zoomMeetingInput(event: {
  title: string;
  summary: string;
  startAt: Date;
  endAt: Date;
  timeZone: string;
}): ZoomMeetingInput {
  return {
    topic: event.title,
    agenda: event.summary,
    startTime: DateTime.fromJSDate(event.startAt, { zone: event.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timeZone: event.timeZone,
    durationMinutes: Math.max(1, Math.round((event.endAt.getTime() - event.startAt.getTime()) / 60_000)),
  };
}

/** Held in `private/sync` while one caller works on the event's meeting; past `until` another may take over. */
export interface ZoomClaim {
  owner: string;
  until: number; // ms
}

/** How long one step may take before another caller may take over (token + one call, with timeouts). */
export const ZOOM_CLAIM_MS = 90_000;

/** Whether someone else is working on the meeting now (a live claim that is not `owner`'s). */
export const zoomClaimedByOther = (claim: ZoomClaim | undefined, owner: string, now: number): boolean =>
  claim !== undefined && claim.owner !== owner && claim.until > now;

// Mirrors (Google Calendar, Luma): what to do to an outside copy of an event, decided from the event as it
// is now and what the mirror last saw. Pure, so replays and races are decided by one table-tested function.

export type MirrorAction = 'insert' | 'patch' | 'delete' | 'none';

/** Which events a mirror carries: every published event (Google Calendar) or public ones only (Luma). */
export type MirrorScope = 'published' | 'public';

export interface MirrorEventFacts {
  status: string;
  access: string;
  sequence: number;
}

/** The mirror's entry in `events/{id}/private/sync`: `eventId` empty while there is no outside copy. */
export interface MirrorFacts {
  eventId?: string;
  syncedSequence?: number;
}

/** Whether the mirror should carry the event at all. */
export function mirrorWants(event: MirrorEventFacts | null, scope: MirrorScope): boolean {
  if (!event || event.status !== 'published') return false;
  return scope === 'published' || event.access === 'public';
}

/**
 * The step that brings the mirror in line with the event: a copy that should exist is inserted or patched,
 * one that should not (cancelled, unpublished, no longer public, deleted) is deleted. A mirror that has
 * already seen this `sequence` (a replayed or late change) does nothing.
 */
export function mirrorAction(
  event: MirrorEventFacts | null,
  mirror: MirrorFacts | undefined,
  scope: MirrorScope,
): MirrorAction {
  const exists = Boolean(mirror?.eventId);
  if (event && (mirror?.syncedSequence ?? -1) >= event.sequence) return 'none';
  if (mirrorWants(event, scope)) return exists ? 'patch' : 'insert';
  return exists ? 'delete' : 'none';
}

/**
 * Google Calendar accepts a client-chosen event id (base32hex, `[a-v0-9]`, 5 to 1024 characters): hex is
 * a subset of that alphabet, so the hex of our id is a valid, stable one. Inserting with it twice cannot
 * make two Google events, which makes it the idempotency key of the insert.
 */
export function googleEventId(eventId: string): string {
  return Buffer.from(`commons-${eventId}`, 'utf8').toString('hex');
}

/** The public event page every mirror links to. */
export const eventPageUrl = (appUrl: string, eventId: string) => `${appUrl}/events/${encodeURIComponent(eventId)}`;

export interface MirrorTextInput {
  summary: string;
  pageUrl: string;
  /** Only for a calendar whose readers may all join (see GOOGLE_CALENDAR_JOIN_DETAILS). */
  join?: { url: string | null; passcode: string | null } | null;
}

/** The description a mirror shows: the summary and the event page; join details only when asked for. */
export function mirrorDescription({ summary, pageUrl, join }: MirrorTextInput): string {
  const lines = [summary.trim(), '', `Details and registration: ${pageUrl}`];
  if (join?.url) lines.push('', `Join: ${join.url}`);
  if (join?.url && join.passcode) lines.push(`Passcode: ${join.passcode}`);
  return lines.join('\n').trim();
}

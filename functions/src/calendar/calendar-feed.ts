import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { Settings } from '../app/settings';
import { calendarFeedToken, calendarFeedTokenSigned, readCalendarFeedToken } from '../domain/calendar-feed';
import { Refusal } from '../domain/refusal';
import { eventPagePath, memberIcsPath } from '../shared/calendar-links';
import { docId } from '../shared/fields';
import { EVENTS, type EventTeaser } from '../shared/events';
import { MEMBERS, type MemberDoc } from '../shared/members';
import { calendarIcs, ICS_CONTENT_TYPE, type IcsEvent } from './ics';

// The `calendarFeed` HTTP function's logic (Hosting rewrites `/ics/**` to it): one event's file, the
// public feed and each member's secret feed. Only public teaser fields are written (never gated/join), and
// a member feed is computed from the member's rank as stored now, so it changes with the tier.

export interface CalendarDeps {
  db: Firestore;
  now: () => Date;
  settings: Pick<Settings, 'appUrl' | 'unsubscribeSecret'>;
}

/** Feeds list events still running or ended at most this long ago, and everything ahead. */
export const FEED_PAST_DAYS = 30;
/** The most events one feed lists (soonest-ending first). */
export const MAX_FEED_EVENTS = 500;
/** Event files and the public feed: cached briefly by browsers and the CDN (a change shows within minutes). */
export const PUBLIC_ICS_CACHE = 'public, max-age=300, s-maxage=300';
/** A member feed is theirs alone: never stored by a shared cache. */
export const PRIVATE_ICS_CACHE = 'private, no-store';

type StoredTeaser = EventTeaser<Timestamp>;
const VISIBLE: StoredTeaser['status'][] = ['published', 'cancelled'];

export interface FeedResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Host of the app URL: the domain part of every UID. */
export const appHost = (appUrl: string): string => {
  try {
    return new URL(appUrl).host || 'commons.invalid';
  } catch {
    return 'commons.invalid';
  }
};

export const eventPageUrl = (appUrl: string, eventId: string): string => `${appUrl}${eventPagePath(eventId)}`;

/** What a calendar file says of an event: its public teaser fields and page. */
export function icsEventOf(id: string, teaser: StoredTeaser, appUrl: string): IcsEvent {
  return {
    id,
    title: teaser.title,
    summary: teaser.summary,
    status: teaser.status,
    startAt: teaser.startAt.toDate(),
    endAt: teaser.endAt.toDate(),
    timeZone: teaser.timeZone,
    place: teaser.place,
    sequence: teaser.sequence ?? 0,
    updatedAt: (teaser.updatedAt ?? teaser.startAt).toDate(),
    pageUrl: eventPageUrl(appUrl, id),
  };
}

const notFound = (): FeedResponse => ({
  status: 404,
  body: 'Not found',
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
});

function ics(deps: CalendarDeps, events: IcsEvent[], cache: string, name?: string): FeedResponse {
  const body = calendarIcs(events, {
    method: 'PUBLISH',
    host: appHost(deps.settings.appUrl),
    stamp: deps.now(),
    ...(name ? { name } : {}),
  });
  return { status: 200, body, headers: { 'Content-Type': ICS_CONTENT_TYPE, 'Cache-Control': cache } };
}

/** Published and cancelled events ending after the cutoff, soonest-ending first; `access` narrows to one level. */
async function feedEvents(deps: CalendarDeps, access?: string) {
  const cutoff = Timestamp.fromMillis(deps.now().getTime() - FEED_PAST_DAYS * 86_400_000);
  let query = deps.db.collection(EVENTS).where('status', 'in', VISIBLE);
  if (access) query = query.where('access', '==', access);
  const snap = await query.where('endAt', '>=', cutoff).orderBy('endAt').limit(MAX_FEED_EVENTS).get();
  return snap.docs.map((d) => ({ id: d.id, teaser: d.data() as StoredTeaser }));
}

/** The secret feed's member, when the token is ours and of the member's current feed version. */
async function feedMember(deps: CalendarDeps, token: string): Promise<MemberDoc | null> {
  const parts = readCalendarFeedToken(token);
  if (!parts || !docId.safeParse(parts.uid).success) return null;
  if (!calendarFeedTokenSigned(parts, deps.settings.unsubscribeSecret)) return null;
  const member = (await deps.db.collection(MEMBERS).doc(parts.uid).get()).data() as MemberDoc | undefined;
  if (!member || (member.calendarFeedVersion ?? 0) !== parts.version) return null;
  return member;
}

/** Which file a path asks for; anything else is null (404). */
export function feedRequest(
  path: string,
): { kind: 'public' } | { kind: 'event'; id: string } | { kind: 'member'; token: string } | null {
  if (path === '/ics/public.ics') return { kind: 'public' };
  const event = /^\/ics\/event\/([^/]+)\.ics$/.exec(path);
  if (event) {
    let id: string;
    try {
      id = decodeURIComponent(event[1]!);
    } catch {
      return null;
    }
    return docId.safeParse(id).success ? { kind: 'event', id } : null;
  }
  const member = /^\/ics\/member\/([A-Za-z0-9_.-]+)\.ics$/.exec(path);
  return member ? { kind: 'member', token: member[1]! } : null;
}

/** The answer to `GET {path}`: a calendar, or 404 for anything unknown, unpublished or not (any more) valid. */
export async function calendarFeedResponse(deps: CalendarDeps, path: string): Promise<FeedResponse> {
  const request = feedRequest(path);
  if (!request) return notFound();
  const appUrl = deps.settings.appUrl;
  if (request.kind === 'event') {
    const teaser = (await deps.db.collection(EVENTS).doc(request.id).get()).data() as StoredTeaser | undefined;
    if (!teaser || !VISIBLE.includes(teaser.status)) return notFound();
    const file = ics(deps, [icsEventOf(request.id, teaser, appUrl)], PUBLIC_ICS_CACHE);
    file.headers['Content-Disposition'] = 'attachment; filename="event.ics"';
    return file;
  }
  if (request.kind === 'public') {
    const events = await feedEvents(deps, 'public');
    return ics(
      deps,
      events.map((e) => icsEventOf(e.id, e.teaser, appUrl)),
      PUBLIC_ICS_CACHE,
      'Commons: public events',
    );
  }
  const member = await feedMember(deps, request.token);
  if (!member) return notFound();
  // Exactly the events this member may join now: their rank as stored at this request, not the token's.
  const events = (await feedEvents(deps)).filter((e) => member.rank >= e.teaser.rank);
  return ics(
    deps,
    events.map((e) => icsEventOf(e.id, e.teaser, appUrl)),
    PRIVATE_ICS_CACHE,
    'Commons: my events',
  );
}

/** The member's feed URL at their current version. */
export async function memberFeedUrl(deps: CalendarDeps, uid: string): Promise<string> {
  const member = (await deps.db.collection(MEMBERS).doc(uid).get()).data() as MemberDoc | undefined;
  if (!member) throw new Refusal('not-found', 'No member document for this account yet');
  return feedUrl(deps, uid, member.calendarFeedVersion ?? 0);
}

/** A new feed URL: the version goes up in a transaction, so every older URL answers 404 from now on. */
export async function rotateMemberFeed(deps: CalendarDeps, uid: string): Promise<string> {
  const ref = deps.db.collection(MEMBERS).doc(uid);
  const version = await deps.db.runTransaction(async (tx) => {
    const member = (await tx.get(ref)).data() as MemberDoc | undefined;
    if (!member) throw new Refusal('not-found', 'No member document for this account yet');
    const next = (member.calendarFeedVersion ?? 0) + 1;
    tx.update(ref, { calendarFeedVersion: next });
    return next;
  });
  return feedUrl(deps, uid, version);
}

const feedUrl = (deps: CalendarDeps, uid: string, version: number) =>
  `${deps.settings.appUrl}${memberIcsPath(calendarFeedToken(uid, version, deps.settings.unsubscribeSecret))}`;

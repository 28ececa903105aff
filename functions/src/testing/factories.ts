// Test data as the code under test sees it: plain objects, no Firebase. Unit tests use them directly;
// tests/support/factories.ts writes them to the emulators. Every factory takes overrides for the one
// field a test is about, so a test names only what matters to it.
import type { SubscriptionState } from '../domain/billing-state';
import type { SubscriptionFact } from '../domain/entitlement';
import { graceUntil, type SubscriptionMirror, type SubscriptionStatus } from '../shared/billing';
import { eventDocs, localOf, type EventDocs } from '../domain/events';
import type { EventInput } from '../shared/event-schema';
import {
  materialDocs,
  type MaterialBody,
  type MaterialInput,
  type MaterialTeaser,
  type RecordingParts,
} from '../shared/materials';
import { DEFAULT_EMAIL_PREFS, type MemberDoc } from '../shared/members';
import { DEFAULT_TIERS } from '../shared/defaults';
import type { EventJoin, EventTeaser } from '../shared/events';
import { rankOf } from '../shared/tiers';

/** The fixed "now" of pure tests, so dates in expectations can be read off the page. */
export const TEST_NOW = new Date('2026-11-24T12:00:00Z');

export const DAY_MS = 86_400_000;
/** `days` after `from` (negative: before). */
export const daysAfter = (days: number, from: Date = TEST_NOW) => new Date(from.getTime() + days * DAY_MS);

function rankOrThrow(access: string): number {
  const rank = rankOf(DEFAULT_TIERS, access);
  if (rank === undefined) throw new Error(`no access level "${access}" in DEFAULT_TIERS: pass a rank`);
  return rank;
}

/** `members/{uid}` of a member at `tier` (no grant, newsletters on, address verified), with `null` timestamps. */
export function makeMemberDoc(over: Partial<MemberDoc<null>> & { email: string }): MemberDoc<null> {
  const { tier = 'free', ...rest } = over;
  return {
    name: over.email.split('@')[0] ?? over.email,
    tier,
    rank: rankOrThrow(tier),
    admin: false,
    grant: null,
    emailPrefs: DEFAULT_EMAIL_PREFS,
    createdAt: null,
    claimsUpdatedAt: null,
    emailVerified: true,
    ...rest,
  };
}

/**
 * A material's two documents (public teaser, gated body) at an access level, published unless
 * `status` says draft. `rank` defaults to the level's rank; pass another to build one the rules refuse.
 */
export function makeMaterial(
  access: string,
  over: Partial<MaterialInput> & { rank?: number } = {},
): { id: string; teaser: MaterialTeaser<null>; body: MaterialBody } {
  const { rank = rankOrThrow(access), ...input } = over;
  const full: MaterialInput = {
    id: `m-${access}`,
    kind: 'article',
    title: `A ${access} article`,
    summary: 'Teaser text for everyone',
    tags: ['sql'],
    access,
    status: 'published',
    author: 'Test',
    markdown: `Body of ${access}`,
    files: [],
    ...input,
  };
  return { id: full.id, ...materialDocs<null>(full, rank, { publishedAt: null, updatedAt: null }) };
}

/** A material of kind `recording` for an event, as `publishRecording` stores it (chapters, transcript, chat). */
export function makeRecording(
  access: string,
  over: Partial<RecordingParts> & { status?: MaterialInput['status'] } = {},
): { id: string; teaser: MaterialTeaser<null>; body: MaterialBody } {
  const { status = 'published', ...parts } = over;
  const eventId = parts.eventId ?? `ev-${access}`;
  const input: MaterialInput = {
    id: `rec-${eventId}`,
    kind: 'recording',
    title: `A ${access} session`,
    summary: 'What the session was about',
    tags: [],
    access,
    status,
    author: '',
    markdown: '',
    files: [
      {
        role: 'video',
        name: 'video.mp4',
        path: `media/recordings/${eventId}/video.mp4`,
        size: 10,
        contentType: 'video/mp4',
      },
      {
        role: 'transcript',
        name: 'transcript.vtt',
        path: `media/recordings/${eventId}/transcript.vtt`,
        size: 10,
        contentType: 'text/vtt',
      },
    ],
  };
  const recording: RecordingParts = {
    eventId,
    durationSeconds: 1800,
    chapters: [
      { at: 0, label: 'Welcome' },
      { at: 754, label: 'Keyed state' },
    ],
    transcript: [{ at: 1, end: 4, speaker: 'Ada', text: 'Secret transcript words' }],
    chat: '00:01:00 From Ada to Everyone: hello',
    ...parts,
  };
  const docs = materialDocs<null>(input, rankOrThrow(access), { publishedAt: null, updatedAt: null }, recording);
  return { id: input.id, ...docs };
}

/** A Stripe subscription as the billing domain reads it: main, monthly, active, a day into its period. */
export function makeSubscriptionState(over: Partial<SubscriptionState> = {}): SubscriptionState {
  return {
    id: 'sub_1',
    status: 'active',
    priceId: 'price_main_m',
    priceTier: null,
    interval: 'monthly',
    amount: 1900,
    currency: 'eur',
    created: daysAfter(-1),
    currentPeriodStart: daysAfter(-1),
    currentPeriodEnd: daysAfter(29),
    cancelAtPeriodEnd: false,
    trialEnd: null,
    ...over,
  };
}

/** `members/{uid}.subscription` as the sync stores it (Dates for Timestamps), for the same subscription. */
export function makeSubscriptionMirror(over: Partial<SubscriptionMirror<Date>> = {}): SubscriptionMirror<Date> {
  const { id, status, priceId, interval, amount, currency, currentPeriodStart, currentPeriodEnd, cancelAtPeriodEnd } =
    makeSubscriptionState();
  return {
    id,
    status,
    tier: 'main',
    interval,
    priceId,
    amount,
    currency,
    currentPeriodStart,
    currentPeriodEnd,
    cancelAtPeriodEnd,
    trialEnd: null,
    graceUntil: null,
    syncedAt: TEST_NOW,
    ...over,
  };
}

/**
 * What entitlement knows of a subscription. A `past_due` one keeps its tier for `graceDays` after
 * `periodStart` (the failed renewal), computed as the sync computes it.
 */
export function makeSubscriptionFact(
  status: SubscriptionStatus,
  tier: string | null = 'main',
  graceDays = 0,
  periodStart: Date = daysAfter(-4),
): SubscriptionFact {
  return { status, tier, graceUntil: graceUntil(status, periodStart, graceDays) };
}

/** What a test may say about an event: editor fields, stored counters and links, exact times, join details. */
export type EventOverrides = Partial<Omit<EventInput, 'status' | 'access' | 'start' | 'end' | 'joinUrl'>> &
  Partial<
    Pick<
      EventTeaser<Date>,
      | 'status'
      | 'startAt'
      | 'endAt'
      | 'registered'
      | 'waitlisted'
      | 'sequence'
      | 'seriesId'
      | 'recordingId'
      | 'publishedAt'
      | 'updatedAt'
      | 'descriptionHtml'
    >
  > &
  Partial<Pick<EventJoin<Date>, 'opensAt' | 'url' | 'passcode' | 'detailsHtml'>> & { id?: string; rank?: number };

/**
 * An event's three documents (teaser, gated join details, private source) and id at an access level, built by
 * the same `eventDocs` the callables use: a published Zoom event of an hour, a week after TEST_NOW at 18:00
 * Europe/Berlin, joined at `https://zoom.example/j/{id}`. Given times are kept to the millisecond; `opensAt`
 * overrides the join window's opening (the rules compare it with now); `rank` another than the level's builds
 * one the rules refuse.
 */
export function makeEvent(access: string, over: EventOverrides = {}): EventDocs & { id: string } {
  const {
    id = `ev-${access}`,
    rank = rankOrThrow(access),
    status,
    startAt = daysAfter(7, new Date('2026-11-24T17:00:00Z')),
    endAt = new Date(startAt.getTime() + 3_600_000),
    opensAt,
    url = `https://zoom.example/j/${id}`,
    passcode = null,
    descriptionHtml = '<p>What happens</p>',
    detailsHtml = '<p>Room 1</p>',
    registered = 0,
    waitlisted = 0,
    sequence = 0,
    seriesId = null,
    recordingId = null,
    publishedAt = null,
    updatedAt = TEST_NOW,
    ...input
  } = over;
  const timeZone = input.timeZone ?? 'Europe/Berlin';
  const full: EventInput = {
    title: `A ${access} event`,
    summary: 'Teaser text for everyone',
    description: 'What happens',
    kind: 'zoom',
    status: 'published',
    access,
    start: localOf(startAt, timeZone),
    end: localOf(endAt, timeZone),
    timeZone,
    capacity: null,
    joinWindowMinutes: 15,
    place: null,
    joinUrl: url,
    details: 'Room 1',
    ...input,
  };
  const state = { registered, waitlisted, sequence, seriesId, recordingId, publishedAt, zoom: { url, passcode } };
  const docs = eventDocs(full, rank, state, { description: descriptionHtml, details: detailsHtml }, updatedAt, status);
  // The editor's wall times are whole minutes; a test's instants (now + 5 minutes) need not be.
  Object.assign(docs.teaser, { startAt, endAt });
  docs.join.opensAt = opensAt ?? new Date(startAt.getTime() - full.joinWindowMinutes * 60_000);
  return { id, ...docs };
}

// The pure part of notifications: which tiers' feeds a broadcast reaches, how an entry joins a feed
// (newest first, once per key, at most FEED_MAX_ENTRIES), and which writes of a watched document are news.
import { createHash } from 'node:crypto';
import type { CourseTeaser, SyllabusModule } from '../shared/courses';
import { FEED_MAX_ENTRIES, feedKey, type BroadcastKind, type FeedEntry } from '../shared/notifications';
import { rankOf, sortedTiers, type TiersConfig } from '../shared/tiers';

/** The tiers whose members may access an item of this access level (rank at least the item's); none for an unknown level. */
export function feedTiersFor(tiers: TiersConfig, access: string): { id: string; rank: number }[] {
  const rank = rankOf(tiers, access);
  if (rank === undefined) return [];
  return sortedTiers(tiers)
    .filter((t) => t.rank >= rank)
    .map((t) => ({ id: t.id, rank: t.rank }));
}

/**
 * The feed after pushing `entry`: in front, unless an entry with its key is there (then the feed is
 * returned unchanged, `added: false`), the oldest dropped beyond `max`.
 */
export function pushEntry<T>(
  entries: readonly FeedEntry<T>[],
  entry: FeedEntry<T>,
  max = FEED_MAX_ENTRIES,
): { entries: FeedEntry<T>[]; added: boolean } {
  if (entries.some((e) => e.key === entry.key)) return { entries: [...entries], added: false };
  return { entries: [entry, ...entries].slice(0, Math.max(0, max)), added: true };
}

/** What a broadcast says, before the store stamps `createdAt`. */
export type BroadcastItem = Omit<FeedEntry, 'key' | 'createdAt'>;

export const entryOf = <T>(item: BroadcastItem, createdAt: T): FeedEntry<T> => ({
  key: feedKey(item.kind, item.refId),
  ...item,
  createdAt,
});

/** Whether a write made a document published (it was absent, a draft, or anything else before). */
export const becameStatus = (
  before: { status?: unknown } | undefined,
  after: { status?: unknown } | undefined,
  status: string,
): boolean => after?.status === status && before?.status !== status;

const MAX_SUMMARY = 300;
const clip = (s: unknown, n: number) => (typeof s === 'string' ? (s.length > n ? `${s.slice(0, n - 1)}…` : s) : '');

/** An entry's fields, title and summary clipped to the feed's sizes. */
const news = (
  kind: BroadcastKind,
  refId: string,
  url: string,
  access: string,
  title: unknown,
  summary: unknown,
): BroadcastItem => ({ kind, refId, title: clip(title, 160), summary: clip(summary, MAX_SUMMARY), url, access });

/** A published material's news: kind `recording` for recordings, `material` otherwise. */
export function materialNews(
  id: string,
  before: { status?: unknown } | undefined,
  after: { status?: unknown; kind?: unknown; title?: unknown; summary?: unknown; access?: unknown } | undefined,
): BroadcastItem | null {
  if (!after || !becameStatus(before, after, 'published') || typeof after.access !== 'string') return null;
  const kind: BroadcastKind = after.kind === 'recording' ? 'recording' : 'material';
  return news(kind, id, `/materials/${id}`, after.access, after.title, after.summary);
}

/** A published event that has not ended yet (a past event published late is no news). */
export function eventNews(
  id: string,
  before: { status?: unknown } | undefined,
  after: { status?: unknown; title?: unknown; summary?: unknown; access?: unknown; endAt?: unknown } | undefined,
  now: Date,
): BroadcastItem | null {
  if (!after || !becameStatus(before, after, 'published') || typeof after.access !== 'string') return null;
  const end = after.endAt as { toMillis?: () => number } | Date | undefined;
  const endMs = end instanceof Date ? end.getTime() : end?.toMillis?.();
  if (endMs !== undefined && endMs <= now.getTime()) return null;
  return news('event', id, `/events/${id}`, after.access, after.title, after.summary);
}

/** A poll whose status became `open`. */
export function pollNews(
  id: string,
  before: { status?: unknown } | undefined,
  after: { status?: unknown; question?: unknown; description?: unknown; access?: unknown } | undefined,
): BroadcastItem | null {
  if (!after || !becameStatus(before, after, 'open') || typeof after.access !== 'string') return null;
  return news('poll', id, `/polls/${id}`, after.access, after.question, after.description);
}

const unitsOf = (syllabus: unknown): { id: string; title: string }[] =>
  Array.isArray(syllabus)
    ? (syllabus as SyllabusModule[]).flatMap((m) => (Array.isArray(m?.units) ? m.units : []))
    : [];

type CourseSide = Partial<Pick<CourseTeaser, 'status' | 'title' | 'summary' | 'access' | 'syllabus'>>;

/**
 * A course's news from one write of its teaser (the sync writes it once per change, so a 2,000-unit
 * first sync is one trigger and one entry): a course newly published is one entry for the course; a
 * published course that gained units is one entry naming the unit, or the count when several arrived
 * (keyed by the new units, so a replay of the same write adds nothing). Anything else: no news.
 */
export function courseNews(
  slug: string,
  before: CourseSide | undefined,
  after: CourseSide | undefined,
): BroadcastItem | null {
  if (!after || after.status !== 'published' || typeof after.access !== 'string') return null;
  const title = clip(after.title, 120);
  if (before?.status !== 'published') {
    return news('course-unit', slug, `/courses/${slug}`, after.access, `New course: ${title}`, after.summary);
  }
  const had = new Set(unitsOf(before.syllabus).map((u) => u.id));
  const added = unitsOf(after.syllabus).filter((u) => !had.has(u.id));
  if (!added.length) return null;
  const first = added[0]!;
  const digest = createHash('sha256')
    .update(added.map((u) => u.id).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return {
    kind: 'course-unit',
    refId: added.length === 1 ? `${slug}~${first.id}` : `${slug}~${digest}`,
    title:
      added.length === 1 ? `New unit in ${title}: ${clip(first.title, 120)}` : `${added.length} new units in ${title}`,
    summary: added
      .slice(0, 5)
      .map((u) => u.title)
      .join(' · ')
      .slice(0, MAX_SUMMARY),
    url: `/courses/${slug}/units/${first.id}`,
    access: after.access,
  };
}

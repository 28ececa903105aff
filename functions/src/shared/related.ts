// Related materials on a material page: published materials sharing its tags. Chosen at view time from one indexed
// query (`array-contains-any` on the tags, newest first, RELATED_CANDIDATES teasers), so a new or retagged material
// shows up at once and nothing is written when a material is saved; the page is rendered (and cached) on the server.
import type { PublicTeaser } from './public-pages';

/** Materials a page shows under "Related". */
export const RELATED_COUNT = 4;
/** Teasers the query reads to choose them from. */
export const RELATED_CANDIDATES = 12;
/** Firestore's `array-contains-any` takes at most this many values; a teaser has at most 10 tags anyway. */
export const RELATED_TAGS = 10;

/**
 * Up to `count` of `candidates` for `material`: never itself, most tags in common first, then the newest (the
 * candidates come newest first; the sort is stable).
 */
export function pickRelated<T extends Pick<PublicTeaser, 'id' | 'tags'>>(
  material: Pick<PublicTeaser, 'id' | 'tags'>,
  candidates: T[],
  count = RELATED_COUNT,
): T[] {
  const tags = new Set(material.tags);
  const shared = (c: T) => c.tags.filter((t) => tags.has(t)).length;
  return candidates
    .filter((c) => c.id !== material.id && shared(c) > 0)
    .map((c, i) => ({ c, i, n: shared(c) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, count)
    .map(({ c }) => c);
}

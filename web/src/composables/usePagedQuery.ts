// A list read page by page with a cursor (Firestore `startAfter`, never an offset), in the manner of
// Elk's paginator: `loadMore` appends the next page, `hasMore` says whether there is one. When the
// source changes (other filters), the first page of the new source replaces the list; an answer for an
// older source or an older reload is dropped.
import { onScopeDispose, ref, shallowRef, toValue, watch } from 'vue';
import { onReconnect, type Watched } from './useLive';

export interface Page<T, C> {
  items: T[];
  /** Where the next page starts (after this document). */
  cursor: C | undefined;
  hasMore: boolean;
}

/** Reads the page after `cursor` (the first page when undefined). */
export type PageSource<T, C> = (cursor: C | undefined) => Promise<Page<T, C>>;

/**
 * A page from a query that asked for `pageSize + 1` documents: the extra one only says that more exist,
 * so "More" is never offered for an empty page.
 */
export function pageOf<D, T>(docs: D[], pageSize: number, map: (doc: D) => T): Page<T, D> {
  const page = docs.slice(0, pageSize);
  return { items: page.map(map), cursor: page.at(-1), hasMore: docs.length > pageSize };
}

export interface PagedQueryOptions<T, C> {
  /** A first page already at hand for a new source (rendered on the server), shown instead of reading it. */
  seed?: () => Page<T, C> | null | undefined;
}

export function usePagedQuery<T, C>(source: Watched<PageSource<T, C>>, options: PagedQueryOptions<T, C> = {}) {
  const data = shallowRef<T[]>([]);
  const pending = ref(false);
  const error = shallowRef<unknown>(null);
  const hasMore = ref(false);
  let cursor: C | undefined;
  let generation = 0;
  let latest: Promise<void> = Promise.resolve();
  /** Whether the latest read was a first page (false: a "more" page), so that a retry asks for the same. */
  let lastReset = true;

  function fetchPage(reset: boolean): Promise<void> {
    lastReset = reset;
    latest = read(reset);
    return latest;
  }

  async function read(reset: boolean) {
    const src = toValue(source);
    const mine = ++generation;
    error.value = null;
    if (!src) {
      data.value = [];
      hasMore.value = false;
      pending.value = false;
      return;
    }
    const seeded = reset ? options.seed?.() : null;
    if (seeded) {
      show(seeded, true);
      pending.value = false;
      return;
    }
    pending.value = true;
    try {
      const page = await src(reset ? undefined : cursor);
      if (mine === generation) show(page, reset);
    } catch (err) {
      if (mine === generation) error.value = err;
    } finally {
      if (mine === generation) pending.value = false;
    }
  }

  function show(page: Page<T, C>, reset: boolean) {
    data.value = reset ? page.items : [...data.value, ...page.items];
    cursor = page.cursor;
    hasMore.value = page.hasMore;
  }

  /** The next page; nothing while a page is loading or when there is no more. */
  function loadMore(): Promise<void> {
    return pending.value || !hasMore.value ? Promise.resolve() : fetchPage(false);
  }

  // Synchronous: code that changes the source can await `settled()` right after.
  watch(
    () => toValue(source),
    () => fetchPage(true),
    { immediate: true, flush: 'sync' },
  );
  onScopeDispose(() => generation++);
  /** Resolves when the latest page asked for has arrived (or failed). */
  const settled = () => latest;
  /** Asks again for the page that failed (the first, or the next one): "Try again", and by itself when back online. */
  function retry(): Promise<void> {
    return error.value ? fetchPage(lastReset) : latest;
  }
  onReconnect(() => void retry());
  return { data, pending, error, hasMore, loadMore, reload: () => fetchPage(true), settled, retry };
}

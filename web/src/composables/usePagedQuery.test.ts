import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { pageOf, usePagedQuery, type PageSource } from './usePagedQuery';

const flush = () => new Promise((r) => setTimeout(r));

/** Pages of `size` over `rows`, with the cursor being the last row read (as `startAfter` uses it). */
function pages(rows: number[], size: number, calls: (number | undefined)[] = []): PageSource<number, number> {
  return async (after) => {
    calls.push(after);
    const start = after === undefined ? 0 : rows.indexOf(after) + 1;
    return pageOf(rows.slice(start, start + size + 1), size, (n) => n * 10);
  };
}

describe('usePagedQuery', () => {
  it('appends pages after the cursor and stops at the end', async () => {
    const calls: (number | undefined)[] = [];
    const scope = effectScope();
    const list = scope.run(() => usePagedQuery(() => pages([1, 2, 3, 4, 5], 2, calls)))!;
    await flush();
    expect(list.data.value).toEqual([10, 20]);
    expect(list.hasMore.value).toBe(true);
    await list.loadMore();
    await list.loadMore();
    expect(list.data.value).toEqual([10, 20, 30, 40, 50]);
    expect(list.hasMore.value).toBe(false);
    await list.loadMore();
    expect(calls).toEqual([undefined, 2, 4]);
    scope.stop();
  });

  it('shows a seeded first page without reading it, then goes on after its cursor', async () => {
    const calls: (number | undefined)[] = [];
    const scope = effectScope();
    const list = scope.run(() =>
      usePagedQuery(() => pages([1, 2, 3, 4, 5], 2, calls), {
        seed: () => ({ items: [10, 20], cursor: 2, hasMore: true }),
      }),
    )!;
    // At once, before any await: a page rendered on the server hydrates with the same items.
    expect(list.data.value).toEqual([10, 20]);
    expect(list.pending.value).toBe(false);
    await list.loadMore();
    expect(list.data.value).toEqual([10, 20, 30, 40]);
    expect(calls).toEqual([2]);
    scope.stop();
  });

  it('does not offer more when the last page is exactly full', async () => {
    const scope = effectScope();
    const list = scope.run(() => usePagedQuery(() => pages([1, 2, 3, 4], 2)))!;
    await flush();
    await list.loadMore();
    expect(list.data.value).toEqual([10, 20, 30, 40]);
    expect(list.hasMore.value).toBe(false);
    scope.stop();
  });

  it('restarts from the first page of a new source, dropping the older answer', async () => {
    let release!: () => void;
    const slow: PageSource<number, number> = () =>
      new Promise((resolve) => (release = () => resolve({ items: [0], cursor: 0, hasMore: true })));
    const which = ref<'slow' | 'fast'>('slow');
    const scope = effectScope();
    const list = scope.run(() => usePagedQuery(() => (which.value === 'slow' ? slow : pages([7, 8], 5))))!;
    which.value = 'fast';
    await nextTick();
    await flush();
    release();
    await flush();
    expect(list.data.value).toEqual([70, 80]);
    expect(list.hasMore.value).toBe(false);
    expect(list.pending.value).toBe(false);
    scope.stop();
  });

  it('keeps the error of a failed page and clears it on reload', async () => {
    let fail = true;
    const source: PageSource<number, number> = async () => {
      if (fail) throw new Error('offline');
      return { items: [1], cursor: 1, hasMore: false };
    };
    const scope = effectScope();
    const list = scope.run(() => usePagedQuery(() => source))!;
    await flush();
    expect(list.error.value).toBeInstanceOf(Error);
    fail = false;
    await list.reload();
    expect(list.error.value).toBeNull();
    expect(list.data.value).toEqual([1]);
    scope.stop();
  });
});

describe('usePagedQuery retry', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks again for the page that failed (a "more" page stays a "more" page), also when back online', async () => {
    const browser = new EventTarget();
    vi.stubGlobal('window', browser);
    const calls: (number | undefined)[] = [];
    let offline = false;
    const ok = pages([1, 2, 3, 4, 5], 2, calls);
    const source: PageSource<number, number> = async (after) => {
      if (offline) throw Object.assign(new Error('offline'), { code: 'unavailable' });
      return ok(after);
    };
    const scope = effectScope();
    const list = scope.run(() => usePagedQuery(() => source))!;
    await flush();
    offline = true;
    await list.loadMore();
    expect(list.error.value).toMatchObject({ code: 'unavailable' });
    await list.retry();
    expect(list.data.value).toEqual([10, 20]);
    offline = false;
    browser.dispatchEvent(new Event('online'));
    await flush();
    expect(list.error.value).toBeNull();
    expect(list.data.value).toEqual([10, 20, 30, 40]);
    expect(calls).toEqual([undefined, 2]);
    scope.stop();
  });
});

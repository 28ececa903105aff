import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { readOnce, useLiveDoc, useLiveQuery, type Source } from './useLive';

/** A fake listener source: records its emitters so a test decides when (and in which order) values arrive. */
function fakeSource<T>() {
  const started: { next: (v: T) => void; fail: (e: unknown) => void; stop: ReturnType<typeof vi.fn> }[] = [];
  const source: Source<T> = (next, fail) => {
    const stop = vi.fn();
    started.push({ next, fail, stop });
    return stop;
  };
  return { source, started };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useLiveDoc', () => {
  it('drops a stale answer that arrives after a newer source', async () => {
    const answers = { a: deferred<string>(), b: deferred<string>() };
    const id = ref<'a' | 'b'>('a');
    const scope = effectScope();
    const live = scope.run(() =>
      useLiveDoc(() => {
        const answer = answers[id.value]; // read in the getter: what the composable follows
        return readOnce(() => answer.promise);
      }),
    )!;
    expect(live.pending.value).toBe(true);
    id.value = 'b';
    await nextTick();
    answers.b.resolve('newer');
    await Promise.resolve();
    answers.a.resolve('stale');
    await new Promise((r) => setTimeout(r));
    expect(live.data.value).toBe('newer');
    expect(live.pending.value).toBe(false);
    await expect(live.promise.value).resolves.toBe('newer');
    scope.stop();
  });

  it('stops the previous listener when the source changes, and the last one on dispose', async () => {
    const fake = fakeSource<number[]>();
    const on = ref(true);
    const scope = effectScope();
    const live = scope.run(() => useLiveQuery(() => (on.value ? fake.source : null)))!;
    await Promise.resolve();
    fake.started[0]!.next([1, 2]);
    expect(live.data.value).toEqual([1, 2]);
    on.value = false;
    await nextTick();
    expect(fake.started[0]!.stop).toHaveBeenCalledOnce();
    expect(live.data.value).toEqual([]);
    fake.started[0]!.next([3]); // a late snapshot from the stopped listener
    expect(live.data.value).toEqual([]);
    on.value = true;
    await nextTick();
    await Promise.resolve();
    scope.stop();
    expect(fake.started[1]!.stop).toHaveBeenCalledOnce();
  });

  it('stops a listener that finishes starting after the scope is gone', async () => {
    const stop = vi.fn();
    const gate = deferred<void>();
    const scope = effectScope();
    scope.run(() => useLiveDoc<number>(() => () => gate.promise.then(() => stop)));
    scope.stop();
    gate.resolve();
    await new Promise((r) => setTimeout(r));
    expect(stop).toHaveBeenCalledOnce();
  });

  it('reports an error of the current source and clears it with the next value', async () => {
    const fake = fakeSource<string>();
    const scope = effectScope();
    const live = scope.run(() => useLiveDoc(() => fake.source))!;
    await Promise.resolve();
    fake.started[0]!.fail(new Error('permission-denied'));
    expect(live.pending.value).toBe(false);
    expect(live.error.value).toBeInstanceOf(Error);
    await expect(live.promise.value).rejects.toThrow('permission-denied');
    fake.started[0]!.next('back');
    expect(live.error.value).toBeNull();
    expect(live.data.value).toBe('back');
    scope.stop();
  });
});

describe('retry and reconnect', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a failed read is read again by retry(), and by itself when the browser comes back online', async () => {
    const browser = new EventTarget();
    vi.stubGlobal('window', browser);
    let calls = 0;
    const scope = effectScope();
    const live = scope.run(() =>
      useLiveDoc(() =>
        readOnce(async () => {
          calls++;
          if (calls < 3) throw Object.assign(new Error('offline'), { code: 'unavailable' });
          return 'back';
        }),
      ),
    )!;
    await new Promise((r) => setTimeout(r));
    expect(live.error.value).toMatchObject({ code: 'unavailable' });
    live.retry();
    expect(live.pending.value).toBe(true);
    await new Promise((r) => setTimeout(r));
    expect(calls).toBe(2);
    expect(live.error.value).toMatchObject({ code: 'unavailable' });
    browser.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r));
    expect(calls).toBe(3);
    expect(live.data.value).toBe('back');
    expect(live.error.value).toBeNull();
    // Back online with nothing failed: nothing is read again; after the scope ends, nothing listens.
    browser.dispatchEvent(new Event('online'));
    scope.stop();
    browser.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r));
    expect(calls).toBe(3);
  });
});

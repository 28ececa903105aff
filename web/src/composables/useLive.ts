// Data that follows its source, in the manner of VueFire's `useDocument`/`useCollection`: a getter (or
// ref) names what to read; when it changes, the previous listener stops and the newest source wins (a
// stale answer never overwrites a newer one); the listener stops with the component or store scope.
// Sources are plain functions, so the same composables serve Firestore lite reads, full-SDK listeners
// (loaded lazily, see composables/live-sources.ts) and fakes in tests.
import { onScopeDispose, ref, shallowRef, toValue, watch, type Ref, type ShallowRef } from 'vue';

export type Stop = () => void;

/**
 * What to follow: a getter or a ref (never the source itself, which is a function too), null or
 * undefined for nothing yet.
 */
export type Watched<S> = Ref<S | null | undefined> | (() => S | null | undefined);

/**
 * Sends values to `next` (once for a read, on every change for a listener) or an error to `fail`, and
 * returns how to stop (possibly after loading an SDK). A source that never listens may return nothing.
 */
export type Source<T> = (next: (value: T) => void, fail: (err: unknown) => void) => Stop | void | Promise<Stop | void>;

/** A one-shot read as a source. */
export const readOnce =
  <T>(read: () => Promise<T>): Source<T> =>
  (next, fail) => {
    read().then(next, fail);
  };

export interface Live<T> {
  data: ShallowRef<T>;
  /** True from a source's start until its first value or error. */
  pending: ShallowRef<boolean>;
  error: ShallowRef<unknown>;
  /** The first value (or error) of the current source, for code that must wait for it. */
  promise: ShallowRef<Promise<T>>;
  /** Starts the current source again ("Try again"); also done by itself when the browser comes back online after an error. */
  retry: () => void;
}

/** Calls `fn` each time the browser comes back online, for as long as the current scope lives (nothing on the server). */
export function onReconnect(fn: () => void): void {
  if (typeof window === 'undefined') return;
  window.addEventListener('online', fn);
  onScopeDispose(() => window.removeEventListener('online', fn));
}

function useSource<T>(source: Watched<Source<T>>, initial: T): Live<T> {
  const data = shallowRef<T>(initial);
  const pending = ref(false);
  const error = shallowRef<unknown>(null);
  const promise = shallowRef<Promise<T>>(Promise.resolve(initial));
  let stop: Stop | undefined;
  let generation = 0;

  function halt() {
    generation++;
    stop?.();
    stop = undefined;
  }

  function start(src: Source<T> | null | undefined) {
    halt();
    const mine = generation;
    const current = () => mine === generation;
    data.value = initial;
    error.value = null;
    pending.value = !!src;
    if (!src) {
      promise.value = Promise.resolve(initial);
      return;
    }
    let settle: { resolve: (v: T) => void; reject: (e: unknown) => void } | undefined;
    promise.value = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
    promise.value.catch(() => {}); // read through `error`; awaiting it is optional
    const next = (value: T) => {
      if (!current()) return;
      data.value = value;
      error.value = null;
      pending.value = false;
      settle?.resolve(value);
    };
    const fail = (err: unknown) => {
      if (!current()) return;
      error.value = err;
      pending.value = false;
      settle?.reject(err);
    };
    try {
      void Promise.resolve(src(next, fail)).then((s) => {
        if (!s) return;
        if (current()) stop = s;
        else s(); // the source changed while this one was starting
      }, fail);
    } catch (err) {
      fail(err);
    }
  }

  // Synchronous: code that sets what to follow can await `promise` right after.
  watch(() => toValue(source), start, { immediate: true, flush: 'sync' });
  onScopeDispose(halt);
  const retry = () => start(toValue(source));
  // A read that failed (offline, a dropped connection) is read again when the network returns.
  onReconnect(() => {
    if (error.value) retry();
  });
  return { data, pending, error, promise, retry };
}

/** One document: `null` until it arrives and while it does not exist. */
export function useLiveDoc<T>(source: Watched<Source<T | null>>): Live<T | null> {
  return useSource<T | null>(source, null);
}

/** A list (a query's documents): empty until it arrives. */
export function useLiveQuery<T>(source: Watched<Source<T[]>>): Live<T[]> {
  return useSource<T[]>(source, []);
}

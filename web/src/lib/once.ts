/**
 * `load` run on the first call and shared by every later one, except when it failed: a chunk that could not
 * be fetched (the reader went offline before the SDK was needed) is fetched again on the next call, so
 * "Try again" and the retry when the browser is back online can succeed without a reload.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

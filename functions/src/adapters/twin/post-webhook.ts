// How the twins deliver a provider's webhook: POST, signed afresh at every attempt (providers sign at send
// time, so a retry carries a timestamp inside the receiver's window), retried after each delay on a non-2xx
// or a network error, the outcome recorded on the delivery the twin shows.

/** A delivery as the twins' pages and test endpoints list it. */
export interface WebhookAttempts {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus?: number;
  error?: string;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Posts `body` to `url` until it is answered 2xx or `retryDelaysMs` runs out, updating `delivery` as it goes.
 * `wait` lets a twin cut a pause short when it closes; `stopped` ends the retries then.
 */
export async function postWebhook(opts: {
  url: string;
  body: string;
  headers: () => Record<string, string>;
  retryDelaysMs: readonly number[];
  delivery: WebhookAttempts;
  wait?: (ms: number) => Promise<unknown>;
  stopped?: () => boolean;
}): Promise<void> {
  const { delivery: d, wait = sleep, stopped = () => false } = opts;
  for (let attempt = 0; !stopped(); attempt++) {
    d.attempts++;
    try {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: opts.headers(),
        body: opts.body,
        signal: AbortSignal.timeout(30_000),
      });
      [d.responseStatus, d.error] = [res.status, undefined];
      await res.arrayBuffer();
      if (res.ok) return void (d.status = 'delivered');
    } catch (err) {
      [d.responseStatus, d.error] = [undefined, err instanceof Error ? err.message : String(err)];
    }
    const delay = opts.retryDelaysMs[attempt];
    if (delay === undefined) break;
    await wait(delay);
  }
  d.status = 'failed';
}

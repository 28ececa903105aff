import Stripe from 'stripe';
import type { TwinEvent } from './twin-state';

/**
 * The twin's webhook sender: events go to the receiver one at a time and in order, each signed with the
 * SDK's test header (the same scheme as Stripe's), retried with growing waits until accepted or given up.
 */

export interface Delivery {
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus?: number;
  error?: string;
}

export interface WebhookTarget {
  url: string;
  secret: string;
  /** Waits between attempts; their count + 1 is how many attempts an event gets. */
  retryDelaysMs: number[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class WebhookQueue {
  /** Every event queued since the last reset, with its outcome so far (the `/_twin/deliveries` log). */
  readonly deliveries: Delivery[] = [];
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private markClosed = () => {};
  /** Resolves on close, cutting any retry wait short. */
  private readonly closing = new Promise<void>((resolve) => (this.markClosed = resolve));

  constructor(private readonly target: WebhookTarget) {}

  /** Queues events behind every earlier one; resolves when these were delivered or given up on. */
  deliver(events: TwinEvent[]): Promise<void> {
    for (const event of events) {
      const d: Delivery = { eventId: event.id, type: event.type, status: 'pending', attempts: 0 };
      this.deliveries.push(d);
      this.tail = this.tail.then(() => this.send(event, d));
    }
    return this.tail;
  }

  /** Resolves once every event queued so far was delivered or given up on. */
  idle(): Promise<void> {
    return this.tail;
  }

  /** Waits for the queue to drain, then forgets the delivery log. */
  async clear(): Promise<void> {
    await this.tail;
    this.deliveries.length = 0;
  }

  /** Stops retrying (a pending event is marked failed) and resolves when the queue has drained. */
  close(): Promise<void> {
    this.closed = true;
    this.markClosed();
    return this.tail;
  }

  private async send(event: TwinEvent, d: Delivery): Promise<void> {
    const payload = JSON.stringify(event);
    for (let attempt = 0; !this.closed; attempt++) {
      d.attempts++;
      try {
        // Signed at send time, like Stripe: a retry carries a fresh timestamp within the receiver's tolerance.
        const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.target.secret });
        const res = await fetch(this.target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': header },
          body: payload,
          signal: AbortSignal.timeout(30_000),
        });
        [d.responseStatus, d.error] = [res.status, undefined];
        await res.arrayBuffer();
        if (res.ok) return void (d.status = 'delivered');
      } catch (err) {
        [d.responseStatus, d.error] = [undefined, err instanceof Error ? err.message : String(err)];
      }
      const delay = this.target.retryDelaysMs[attempt];
      if (delay === undefined) break;
      await Promise.race([sleep(delay), this.closing]);
    }
    d.status = 'failed';
  }
}

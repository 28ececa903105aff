import Stripe from 'stripe';
import { postWebhook, sleep, type WebhookAttempts } from '../../twin/post-webhook';
import type { TwinEvent } from './twin-state';

/**
 * The twin's webhook sender: events go to the receiver one at a time and in order, each signed with the
 * SDK's test header (the same scheme as Stripe's), retried with growing waits until accepted or given up.
 */

export interface Delivery extends WebhookAttempts {
  eventId: string;
  type: string;
}

export interface WebhookTarget {
  url: string;
  secret: string;
  /** Waits between attempts; their count + 1 is how many attempts an event gets. */
  retryDelaysMs: number[];
}

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

  private send(event: TwinEvent, d: Delivery): Promise<void> {
    const payload = JSON.stringify(event);
    return postWebhook({
      url: this.target.url,
      body: payload,
      retryDelaysMs: this.target.retryDelaysMs,
      delivery: d,
      // Signed at send time, like Stripe: a retry carries a fresh timestamp within the receiver's tolerance.
      headers: () => ({
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: this.target.secret }),
      }),
      wait: (ms) => Promise.race([sleep(ms), this.closing]),
      stopped: () => this.closed,
    });
  }
}

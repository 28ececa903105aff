import { createHmac } from 'node:crypto';
import { postWebhook, type WebhookAttempts } from '../../twin/post-webhook';

/** Zoom's webhook signing and the twin's sender (a few quick retries on non-2xx, as Zoom retries). */

/** `x-zm-signature`: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the secret token. */
export const zoomSignature = (secret: string, timestamp: string, rawBody: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;

export interface Delivery extends WebhookAttempts {
  event: string;
  meetingId: number;
}

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly target: { url: string; secret: string; retryDelaysMs: number[]; now: () => number }) {}

  /** Sends `body` signed at each attempt (fresh timestamp); resolves when delivered or given up on. */
  send(body: { event: string; payload: { object: { id: number } } }): Promise<Delivery> {
    const d: Delivery = { event: body.event, meetingId: body.payload.object.id, status: 'pending', attempts: 0 };
    this.deliveries.push(d);
    const raw = JSON.stringify(body);
    const run = postWebhook({
      url: this.target.url,
      body: raw,
      retryDelaysMs: this.target.retryDelaysMs,
      delivery: d,
      headers: () => {
        const ts = String(Math.floor(this.target.now() / 1000));
        return {
          'content-type': 'application/json; charset=utf-8',
          'x-zm-request-timestamp': ts,
          'x-zm-signature': zoomSignature(this.target.secret, ts, raw),
          'user-agent': 'Zoom Marketplace/1.0a',
        };
      },
    });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run.then(() => d);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}

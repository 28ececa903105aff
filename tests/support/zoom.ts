// Zoom webhook deliveries to the emulated `zoomWebhook`, signed as Zoom signs them.
import { zoomSignature } from '../../functions/src/domain/zoom-recording';
import { FUNCTIONS } from './emulators';

/** The demo project's ZOOM_WEBHOOK_SECRET_TOKEN: `ZOOM_TWIN.webhookSecret` in scripts/emulators.mjs, written to functions/.secret.local. */
export const ZOOM_WEBHOOK_SECRET = 'twin-webhook-secret-token';

/** POSTs `body` to zoomWebhook with Zoom's headers; `timestamp` in seconds, `signature: null` leaves it out. */
export async function postZoomWebhook(
  body: unknown,
  opts: { secret?: string; timestamp?: number; signature?: string | null } = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    opts.signature === undefined ? zoomSignature(opts.secret ?? ZOOM_WEBHOOK_SECRET, timestamp, raw) : opts.signature;
  return fetch(`${FUNCTIONS}/zoomWebhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zm-request-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-zm-signature': signature }),
    },
    body: raw,
  });
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's secret. */
export const gitHubSignature = (secret: string, body: Buffer | string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Whether `header` is the body's signature (timing-safe); an empty secret accepts nothing. */
export function verifyGitHubSignature(secret: string, body: Buffer | string, header: string | undefined): boolean {
  if (!secret || !header) return false;
  const expected = Buffer.from(gitHubSignature(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

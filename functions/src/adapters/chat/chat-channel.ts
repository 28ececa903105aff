/**
 * Announcements posted to the community chat (Slack channel, Telegram channel) when new content goes out.
 * Channels never throw for a refusal by the remote API: the caller (a task queue or retry loop) decides
 * from `retryable` whether to try again, so one dead webhook cannot break publishing.
 */

export interface Announcement {
  title: string;
  summary: string;
  /** Absolute http(s) link to the item in the web app. */
  url: string;
  /** What was published, e.g. "New tutorial". */
  kindLabel: string;
  /** Who can open it, e.g. "Premium" or "Free". */
  accessLabel: string;
}

export type PostResult =
  | { ok: true; id?: string }
  | {
      ok: false;
      /** True for network errors, timeouts, 429 and 5xx; false for refusals that a retry will not fix. */
      retryable: boolean;
      error: string;
      /** The wait the service asked for on a rate limit, when it gave one. */
      retryAfterSeconds?: number;
    };

export type PostFailure = Extract<PostResult, { ok: false }>;

export interface AnnouncementChannel {
  readonly name: 'slack' | 'telegram';
  post(a: Announcement): Promise<PostResult>;
}

/** Default per-request timeout: an announcement is small, a hung connection should not hold a task slot. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A failure for an HTTP answer; `label` names the service ("Slack webhook"), never its secret URL. */
export function httpFailure(label: string, status: number, detail: string, retryAfterSeconds?: number): PostFailure {
  const wait = retryAfterSeconds === undefined ? '' : `; retry after ${retryAfterSeconds} s`;
  const failure: PostFailure = {
    ok: false,
    retryable: isRetryableStatus(status),
    error: `${label} answered ${status}${detail ? ` ${detail}` : ''}${wait}`,
  };
  if (retryAfterSeconds !== undefined) failure.retryAfterSeconds = retryAfterSeconds;
  return failure;
}

/**
 * A failure for a request that got no answer. Retryable, although a timeout may hide a delivered post:
 * a rare duplicate announcement is better than a lost one.
 */
export function networkFailure(label: string, err: unknown, secret?: string): PostFailure {
  let message = describeError(err);
  // undici's messages can carry the request URL; the Telegram token lives in it.
  if (secret) message = message.split(secret).join('<redacted>');
  return { ok: false, retryable: true, error: `${label} request failed: ${message}` };
}

/** A failure caused by the announcement itself (a bad URL): retrying the same input cannot help. */
export function inputFailure(label: string, error: string): PostFailure {
  return { ok: false, retryable: false, error: `${label}: ${error}` };
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  if (!cause) return err.message;
  return `${err.message} (${code ?? cause.message})`;
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The announcement's link as a normalised absolute URL, or null when it is not http(s). */
export function announcementUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** "New tutorial · Premium" */
export function contextLine(a: Announcement): string {
  return [a.kindLabel, a.accessLabel]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' · ');
}

/**
 * `escape(raw)` cut (with an ellipsis) so the escaped result is at most `max` characters. Cuts the raw
 * text, never the escaped one, so no entity is split; counts code points so no emoji is split.
 */
export function clipEscaped(raw: string, max: number, escape: (s: string) => string = (s) => s): string {
  const full = escape(raw);
  if (full.length <= max) return full;
  const chars = Array.from(raw);
  const cut = (n: number) => escape(`${chars.slice(0, n).join('').trimEnd()}…`);
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (cut(mid).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

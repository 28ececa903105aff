import { DEFAULT_TIMEOUT_MS, isRetryableStatus, parseRetryAfter } from './chat-channel';

export const SLACK_API = 'https://api.slack.com';

export interface SlackScimConfig {
  /** A SCIM-scoped token (`admin` scope) of an Enterprise Grid or Business+ workspace. */
  token: string;
  /** Default https://api.slack.com; the local catcher serves /scim/v1 at its root. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** A SCIM call Slack refused or that got no answer; `retryable` as for announcements. */
export class SlackScimError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SlackScimError';
  }
}

interface ScimUser {
  id: string;
  active?: boolean;
  userName?: string;
  emails?: Array<{ value?: string }>;
}

/**
 * Deactivates and reactivates community members in Slack when their membership ends or resumes.
 * Both are idempotent: a user already in the wanted state is left alone.
 */
export class SlackScim {
  private readonly base: string;
  private readonly token: string;
  private readonly timeoutMs: number;

  constructor(config: SlackScimConfig) {
    if (!config.token) throw new Error('Slack SCIM needs a token (SLACK_SCIM_TOKEN)');
    this.token = config.token;
    this.base = `${(config.baseUrl ?? SLACK_API).replace(/\/+$/, '')}/scim/v1`;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** DELETE in Slack's SCIM deactivates the account (it keeps its history), it does not erase it. */
  async deactivate(email: string): Promise<'done' | 'not-found'> {
    const user = await this.findByEmail(email);
    if (!user) return 'not-found';
    if (user.active === false) return 'done';
    const res = await this.call('DELETE', `/Users/${encodeURIComponent(user.id)}`, 'deactivate', [404]);
    return res.status === 404 ? 'not-found' : 'done';
  }

  async reactivate(email: string): Promise<'done' | 'not-found'> {
    const user = await this.findByEmail(email);
    if (!user) return 'not-found';
    if (user.active === true) return 'done';
    const res = await this.call('PATCH', `/Users/${encodeURIComponent(user.id)}`, 'reactivate', [404], {
      schemas: ['urn:scim:schemas:core:1.0'],
      active: true,
    });
    return res.status === 404 ? 'not-found' : 'done';
  }

  private async findByEmail(email: string): Promise<ScimUser | undefined> {
    const address = email.trim();
    if (!address) throw new Error('Slack SCIM: an email is required');
    const wanted = address.toLowerCase();
    // SCIM filter strings are double-quoted with backslash escapes (RFC 7644 section 3.4.2.2).
    const filter = `email eq "${address.replace(/["\\]/g, '\\$&')}"`;
    const res = await this.call('GET', `/Users?filter=${encodeURIComponent(filter)}`, 'look up a user');
    const list = (await res.json().catch(() => undefined)) as { Resources?: unknown } | undefined;
    // An unreadable answer must not pass for "no such user".
    if (!list || typeof list !== 'object' || (list.Resources !== undefined && !Array.isArray(list.Resources))) {
      throw new SlackScimError('Slack SCIM could not look up a user: unreadable list response', res.status, true);
    }
    const users = ((list.Resources ?? []) as ScimUser[]).filter((u) => typeof u?.id === 'string');
    // Prefer an exact address match in case the filter matched more loosely.
    return users.find((u) => u.emails?.some((e) => e.value?.toLowerCase() === wanted)) ?? users[0];
  }

  private async call(method: string, path: string, action: string, allowed: number[] = [], body?: unknown) {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new SlackScimError(`Slack SCIM could not ${action}: ${reason}`, undefined, true);
    }
    if (res.ok || allowed.includes(res.status)) return res;
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    const wait = retryAfter === undefined ? '' : `; retry after ${retryAfter} s`;
    const detail = await errorDetail(res);
    throw new SlackScimError(
      `Slack SCIM could not ${action}: ${res.status} ${detail}${wait}`,
      res.status,
      isRetryableStatus(res.status),
      retryAfter,
    );
  }
}

/** Slack's SCIM errors look like `{ "Errors": { "description": "...", "code": 403 } }`. */
async function errorDetail(res: Response): Promise<string> {
  const raw = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(raw) as { Errors?: { description?: unknown } | Array<{ description?: unknown }> };
    const errors = Array.isArray(parsed.Errors) ? parsed.Errors[0] : parsed.Errors;
    if (typeof errors?.description === 'string') return errors.description;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return raw.replace(/\s+/g, ' ').trim().slice(0, 200) || res.statusText;
}

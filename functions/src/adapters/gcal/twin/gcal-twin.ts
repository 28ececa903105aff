import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { escapeHtml } from '../../../shared/html';
import { serveTwin, type TwinReply, type TwinRequest } from '../../twin/http-twin';

/**
 * Local twin of Google Calendar for `npm start` and tests, in Google's wire format:
 *
 *   POST /token                                           OAuth 2.0 JWT bearer grant (service accounts)
 *   POST|GET /calendar/v3/calendars/{calendarId}/events   insert, list (`showDeleted`)
 *   GET|PATCH|PUT|DELETE …/events/{eventId}               get, patch, update, delete (204; 410 when deleted)
 *   GET /                                                 a page listing each calendar's events
 *   GET /_twin/calendars/{calendarId}/events              the same as JSON, deleted ones included (tests)
 *   GET /_twin/health
 *
 * The JWT must be RS256, for `aud` https://oauth2.googleapis.com/token, unexpired, with a calendar scope;
 * given the service account's key, the twin also checks its signature. API calls need the bearer token.
 */

export const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
const CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events'];

export interface GcalTwinOptions {
  port?: number;
  host?: string;
  /** The service account key JSON (or just its private or public key PEM): signatures are checked with it. */
  serviceAccountKey?: string;
  now?: () => number;
}

export interface TwinCalendarEvent {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  start: { dateTime: string; timeZone?: string };
  end: { dateTime: string; timeZone?: string };
  iCalUID: string;
  sequence: number;
}

export interface GcalTwin {
  url: string;
  port: number;
  /** Events of a calendar, deleted ones included (status cancelled). */
  events(calendarId: string): TwinCalendarEvent[];
  /** Token requests seen (the JWT claims), newest last. */
  tokenRequests: Record<string, unknown>[];
  close(): Promise<void>;
}

const ID_PATTERN = /^[a-v0-9]{5,1024}$/;
const EDITABLE = ['summary', 'description', 'location', 'start', 'end', 'status'] as const;

function googleError(code: number, message: string, reason: string, status: string): TwinReply {
  return { status: code, json: { error: { code, message, errors: [{ domain: 'global', reason, message }], status } } };
}

const publicKeyOf = (material: string): KeyObject => {
  const pem = material.trim().startsWith('{')
    ? (JSON.parse(material) as { private_key: string }).private_key
    : material;
  return createPublicKey(pem);
};

const b64json = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

export async function startGcalTwin(options: GcalTwinOptions = {}): Promise<GcalTwin> {
  const now = options.now ?? Date.now;
  const publicKey = options.serviceAccountKey ? publicKeyOf(options.serviceAccountKey) : null;
  const calendars = new Map<string, Map<string, TwinCalendarEvent>>();
  const tokens = new Map<string, number>(); // access token → expiry (ms)
  const tokenRequests: Record<string, unknown>[] = [];
  let etag = 0;
  let baseUrl = '';

  const calendar = (id: string) => {
    let events = calendars.get(id);
    if (!events) calendars.set(id, (events = new Map()));
    return events;
  };

  function token(body: string): TwinReply {
    const form = new URLSearchParams(body);
    const invalid = (description: string) => ({
      status: 400,
      json: { error: 'invalid_grant', error_description: description },
    });
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' } };
    }
    const [head, payload, signature, ...rest] = (form.get('assertion') ?? '').split('.');
    if (head === undefined || payload === undefined || signature === undefined || rest.length) {
      return invalid('Invalid JWT: not a JWS');
    }
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = b64json(head);
      claims = b64json(payload);
    } catch {
      return invalid('Invalid JWT: not JSON');
    }
    if (header.alg !== 'RS256') return invalid('Invalid JWT: alg must be RS256');
    const signed = Buffer.from(`${head}.${payload}`);
    if (publicKey && !verify('RSA-SHA256', signed, publicKey, Buffer.from(signature, 'base64url'))) {
      return invalid('Invalid JWT Signature.');
    }
    const seconds = now() / 1000;
    if (claims.aud !== TOKEN_AUDIENCE) return invalid('Invalid JWT: audience');
    if (typeof claims.iss !== 'string' || !claims.iss.includes('@')) return invalid('Invalid JWT: iss');
    if (typeof claims.exp !== 'number' || claims.exp < seconds)
      return invalid('Invalid JWT: Token must be a short-lived token');
    const scopes = String(claims.scope ?? '').split(' ');
    if (!scopes.some((s) => CALENDAR_SCOPES.includes(s))) return invalid('Invalid JWT: no calendar scope');
    tokenRequests.push(claims);
    const accessToken = `ya29.twin-${randomBytes(12).toString('hex')}`;
    tokens.set(accessToken, now() + 3600_000);
    return { json: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }

  function authorized(req: TwinRequest): boolean {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = bearer ? tokens.get(bearer) : undefined;
    return expires !== undefined && expires > now();
  }

  function validTimes(start: unknown, end: unknown): string | null {
    const at = (t: unknown) => Date.parse(String((t as { dateTime?: unknown } | undefined)?.dateTime));
    if (Number.isNaN(at(start)) || Number.isNaN(at(end))) return 'Missing or invalid start or end time.';
    return at(end) > at(start) ? null : 'The specified time range is empty.';
  }

  function api(req: TwinRequest, calendarId: string, eventId: string | undefined): TwinReply {
    const events = calendar(calendarId);
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    const stamp = () => ({ etag: `"${++etag}"`, updated: new Date(now()).toISOString() });
    if (!eventId) {
      if (req.method === 'GET') {
        const showDeleted = req.url.searchParams.get('showDeleted') === 'true';
        const items = [...events.values()].filter((e) => showDeleted || e.status !== 'cancelled');
        return { json: { kind: 'calendar#events', etag: `"${etag}"`, summary: calendarId, items } };
      }
      if (req.method !== 'POST')
        return googleError(405, 'Method not allowed', 'methodNotAllowed', 'METHOD_NOT_ALLOWED');
      const id = body.id === undefined ? randomBytes(13).toString('hex') : String(body.id);
      if (!ID_PATTERN.test(id)) return googleError(400, 'Invalid resource id value.', 'invalid', 'INVALID_ARGUMENT');
      if (events.has(id))
        return googleError(409, 'The requested identifier already exists.', 'duplicate', 'ALREADY_EXISTS');
      const problem = validTimes(body.start, body.end);
      if (problem) return googleError(400, problem, 'timeRangeEmpty', 'INVALID_ARGUMENT');
      const event: TwinCalendarEvent = {
        kind: 'calendar#event',
        id,
        status: 'confirmed',
        htmlLink: `${baseUrl}/event?eid=${Buffer.from(`${id} ${calendarId}`).toString('base64url')}`,
        created: new Date(now()).toISOString(),
        iCalUID: `${id}@google.com`,
        sequence: 0,
        ...(Object.fromEntries(EDITABLE.filter((k) => body[k] !== undefined).map((k) => [k, body[k]])) as object),
        ...stamp(),
      } as TwinCalendarEvent;
      events.set(id, event);
      return { json: event };
    }
    const event = events.get(eventId);
    if (!event) return googleError(404, 'Not Found', 'notFound', 'NOT_FOUND');
    if (req.method === 'GET') return { json: event };
    if (req.method === 'DELETE') {
      if (event.status === 'cancelled') return googleError(410, 'Resource has been deleted', 'deleted', 'GONE');
      Object.assign(event, { status: 'cancelled' }, stamp());
      return { status: 204 };
    }
    if (req.method === 'PATCH' || req.method === 'PUT') {
      const next = {
        ...event,
        ...Object.fromEntries(EDITABLE.filter((k) => body[k] !== undefined).map((k) => [k, body[k]])),
      };
      const problem = validTimes(next.start, next.end);
      if (problem) return googleError(400, problem, 'timeRangeEmpty', 'INVALID_ARGUMENT');
      const moved = JSON.stringify([next.start, next.end]) !== JSON.stringify([event.start, event.end]);
      Object.assign(event, next, { sequence: event.sequence + (moved ? 1 : 0) }, stamp());
      return { json: event };
    }
    return googleError(405, 'Method not allowed', 'methodNotAllowed', 'METHOD_NOT_ALLOWED');
  }

  function page(): TwinReply {
    const sections = [...calendars.entries()].map(([id, events]) => {
      const rows = [...events.values()]
        .sort((a, b) => a.start.dateTime.localeCompare(b.start.dateTime))
        .map(
          (e) => `<tr><td>${escapeHtml(e.start.dateTime)} (${escapeHtml(e.start.timeZone ?? '')})</td>
<td>${escapeHtml(e.end.dateTime)}</td><td><b>${escapeHtml(e.summary ?? '')}</b><pre>${escapeHtml(e.description ?? '')}</pre></td>
<td>${escapeHtml(e.location ?? '')}</td><td>${escapeHtml(e.status)}</td><td>${e.sequence}</td></tr>`,
        )
        .join('');
      return `<h2>${escapeHtml(id)}</h2><table border="1" cellpadding="4"><tr><th>Start</th><th>End</th><th>Event</th><th>Location</th><th>Status</th><th>Seq</th></tr>${rows}</table>`;
    });
    return {
      html: `<!doctype html><meta charset="utf-8"><title>Google Calendar twin</title><h1>Google Calendar twin</h1>
<p>Events the functions mirrored to the community's calendar (reload to refresh).</p>${sections.join('') || '<p>No events yet.</p>'}`,
    };
  }

  const server = await serveTwin(options, (req) => {
    const path = req.url.pathname;
    if (path === '/_twin/health') return { json: { ok: true } };
    if (path === '/' && req.method === 'GET') return page();
    if (path === '/token' && req.method === 'POST') return token(req.body);
    const dev = /^\/_twin\/calendars\/([^/]+)\/events$/.exec(path);
    if (dev) return { json: { items: [...calendar(decodeURIComponent(dev[1] ?? '')).values()] } };
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (!match) return googleError(404, 'Not Found', 'notFound', 'NOT_FOUND');
    if (!authorized(req)) {
      return googleError(401, 'Request had invalid authentication credentials.', 'authError', 'UNAUTHENTICATED');
    }
    return api(req, decodeURIComponent(match[1] ?? ''), match[2] ? decodeURIComponent(match[2]) : undefined);
  });
  baseUrl = server.url;
  return {
    url: server.url,
    port: server.port,
    events: (calendarId) => [...calendar(calendarId).values()],
    tokenRequests,
    close: server.close,
  };
}

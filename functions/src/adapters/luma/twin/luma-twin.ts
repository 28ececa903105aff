import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../../shared/html';
import { serveTwin, type TwinReply, type TwinRequest } from '../../twin/http-twin';

/**
 * Local twin of Luma's public API for `npm start` and tests, in Luma's wire format (see luma-client.ts):
 *
 *   POST /v1/events/create, POST /v1/events/update, GET /v1/events/get?event_id
 *   POST /v1/events/cancel/request, POST /v1/events/cancel
 *   GET  /v1/events/guests/list?event_id&pagination_limit&pagination_cursor   (cursor pages)
 *   POST /v1/events/guests/add {event_id, guests: [{email, name}]}
 *   GET  /v1/calendar/list-events   the calendar's events, `{entries: [{api_id, event}]}` (one page)
 *   GET  /   the calendar's events, each with a form that adds a guest (POST /_twin/guests)
 *   GET  /_twin/health
 *
 * Every /v1 call needs `x-luma-api-key` equal to the twin's key (401 otherwise), as a real calendar key.
 */

export interface LumaTwinOptions {
  port?: number;
  host?: string;
  apiKey: string;
  /** Largest page the guest list serves (Luma enforces a server-side maximum). */
  maxPageSize?: number;
}

export interface TwinLumaGuest {
  id: string;
  user_id: string;
  user_email: string;
  user_name: string;
  approval_status: string;
  registered_at: string;
}

export interface TwinLumaEvent {
  id: string;
  platform: 'luma';
  calendar_id: string;
  name: string;
  description_md: string;
  start_at: string;
  end_at: string;
  timezone: string;
  visibility: string;
  geo_address_json: { type?: string; address?: string } | null;
  url: string;
  created_at: string;
  /** The twin's record of a cancellation (Luma's event object has no status field). */
  cancelled: boolean;
  guests: TwinLumaGuest[];
}

export interface LumaTwin {
  url: string;
  port: number;
  events(): TwinLumaEvent[];
  addGuest(eventId: string, guest: { email: string; name: string; approvalStatus?: string }): TwinLumaGuest;
  close(): Promise<void>;
}

const EVENT_FIELDS = [
  'name',
  'description_md',
  'start_at',
  'end_at',
  'timezone',
  'visibility',
  'geo_address_json',
] as const;
const lumaError = (status: number, message: string): TwinReply => ({ status, json: { message } });
const newId = (prefix: string) => `${prefix}-${randomBytes(8).toString('base64url')}`;

export async function startLumaTwin(options: LumaTwinOptions): Promise<LumaTwin> {
  const events = new Map<string, TwinLumaEvent>();
  const cancellations = new Map<string, string>(); // event id → token
  const maxPage = options.maxPageSize ?? 50;
  let baseUrl = '';

  const event = (id: unknown) => (typeof id === 'string' ? events.get(id) : undefined);
  const publicEvent = ({ guests: _guests, cancelled: _cancelled, ...rest }: TwinLumaEvent) => rest;

  function addGuest(e: TwinLumaEvent, email: string, name: string, approvalStatus = 'approved'): TwinLumaGuest {
    const existing = e.guests.find((g) => g.user_email.toLowerCase() === email.toLowerCase());
    if (existing) return existing;
    const guest = {
      id: newId('gst'),
      user_id: newId('usr'),
      user_email: email,
      user_name: name,
      approval_status: approvalStatus,
      registered_at: new Date().toISOString(),
    };
    e.guests.push(guest);
    return guest;
  }

  function checkTimes(body: Record<string, unknown>): string | null {
    const start = Date.parse(String(body.start_at));
    const end = Date.parse(String(body.end_at));
    if (Number.isNaN(start) || Number.isNaN(end)) return 'start_at and end_at must be ISO 8601 datetimes';
    return end > start ? null : 'end_at must be after start_at';
  }

  function api(req: TwinRequest): TwinReply {
    const body = req.method === 'POST' && req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    const query = Object.fromEntries(req.url.searchParams);
    switch (`${req.method} ${req.url.pathname}`) {
      case 'POST /v1/events/create': {
        if (typeof body.name !== 'string' || !body.name) return lumaError(400, 'name is required');
        if (typeof body.timezone !== 'string') return lumaError(400, 'timezone is required');
        const problem = checkTimes(body);
        if (problem) return lumaError(400, problem);
        const id = newId('evt');
        const fields = Object.fromEntries(EVENT_FIELDS.map((k) => [k, body[k] ?? null]));
        events.set(id, {
          id,
          platform: 'luma',
          calendar_id: 'cal-twin',
          ...(fields as Pick<TwinLumaEvent, (typeof EVENT_FIELDS)[number]>),
          visibility: String(body.visibility ?? 'public'),
          description_md: String(body.description_md ?? ''),
          url: `${baseUrl}/event/${id}`,
          created_at: new Date().toISOString(),
          cancelled: false,
          guests: [],
        });
        return { json: { id } };
      }
      case 'GET /v1/events/get': {
        const e = event(query.event_id);
        return e ? { json: publicEvent(e) } : lumaError(404, 'Event not found');
      }
      case 'POST /v1/events/update': {
        const e = event(body.event_id);
        if (!e) return lumaError(404, 'Event not found');
        const next = {
          ...e,
          ...Object.fromEntries(EVENT_FIELDS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]])),
        };
        const problem = checkTimes(next);
        if (problem) return lumaError(400, problem);
        Object.assign(e, next);
        return { json: {} };
      }
      case 'POST /v1/events/cancel/request': {
        const e = event(body.event_id);
        if (!e || e.cancelled) return lumaError(404, 'Event not found');
        const token = randomBytes(12).toString('hex');
        cancellations.set(e.id, token);
        return { json: { cancellation_token: token, is_paid: false, guest_count: e.guests.length } };
      }
      case 'POST /v1/events/cancel': {
        const e = event(body.event_id);
        if (!e) return lumaError(404, 'Event not found');
        if (cancellations.get(e.id) !== body.cancellation_token) return lumaError(400, 'Invalid cancellation_token');
        e.cancelled = true;
        cancellations.delete(e.id);
        return { json: {} };
      }
      case 'GET /v1/events/guests/list': {
        const e = event(query.event_id);
        if (!e) return lumaError(404, 'Event not found');
        const limit = Math.min(Math.max(Number(query.pagination_limit) || maxPage, 1), maxPage);
        const start = query.pagination_cursor ? e.guests.findIndex((g) => g.id === query.pagination_cursor) : 0;
        if (start < 0) return lumaError(400, 'Invalid pagination_cursor');
        const entries = e.guests.slice(start, start + limit);
        const next = e.guests[start + limit];
        return { json: { entries, has_more: Boolean(next), next_cursor: next?.id ?? null } };
      }
      case 'GET /v1/calendar/list-events': {
        const entries = [...events.values()].map((e) => ({ api_id: e.id, event: publicEvent(e) }));
        return { json: { entries, has_more: false, next_cursor: null } };
      }
      case 'POST /v1/events/guests/add': {
        const e = event(body.event_id);
        if (!e) return lumaError(404, 'Event not found');
        const guests = Array.isArray(body.guests) ? (body.guests as { email?: unknown; name?: unknown }[]) : [];
        for (const g of guests) if (typeof g.email === 'string') addGuest(e, g.email, String(g.name ?? ''));
        return { json: {} };
      }
      default:
        return lumaError(404, `Unknown route ${req.method} ${req.url.pathname}`);
    }
  }

  function page(): TwinReply {
    const rows = [...events.values()].map((e) => {
      const guests = e.guests.map(
        (g) =>
          `<li>${escapeHtml(g.user_name)} &lt;${escapeHtml(g.user_email)}&gt; (${escapeHtml(g.approval_status)})</li>`,
      );
      return `<section><h2>${escapeHtml(e.name)}${e.cancelled ? ' (cancelled)' : ''}</h2>
<p>${escapeHtml(e.start_at)} – ${escapeHtml(e.end_at)} (${escapeHtml(e.timezone)}) · ${escapeHtml(e.id)}</p>
<pre>${escapeHtml(e.description_md)}</pre><ul>${guests.join('') || '<li>No guests yet</li>'}</ul>
<form method="post" action="/_twin/guests"><input type="hidden" name="event_id" value="${escapeHtml(e.id)}">
<label>Name <input name="name" required></label> <label>Email <input name="email" type="email" required></label>
<button>Register on Luma</button></form></section>`;
    });
    return {
      html: `<!doctype html><meta charset="utf-8"><title>Luma twin</title><h1>Luma twin</h1>
<p>The community's Luma calendar. A guest added here becomes a member's registration at the next import (every few minutes).</p>
${rows.join('<hr>') || '<p>No events yet: publish a public event.</p>'}`,
    };
  }

  const server = await serveTwin(options, (req) => {
    const path = req.url.pathname;
    if (path === '/_twin/health') return { json: { ok: true } };
    if (path === '/' && req.method === 'GET') return page();
    if (path === '/_twin/guests' && req.method === 'POST') {
      const form = new URLSearchParams(req.body);
      const e = event(form.get('event_id'));
      const email = form.get('email')?.trim() ?? '';
      if (!e || !/^[^@\s]+@[^@\s]+$/.test(email)) return { status: 400, html: 'Unknown event or bad email' };
      addGuest(e, email, form.get('name')?.trim() ?? '');
      return { redirect: '/' };
    }
    if (path.startsWith('/event/')) {
      const e = event(path.slice('/event/'.length));
      return e ? { redirect: `/#${e.id}` } : { status: 404, html: 'Not found' };
    }
    if (!path.startsWith('/v1/')) return lumaError(404, 'Not found');
    if (req.headers['x-luma-api-key'] !== options.apiKey) return lumaError(401, 'Invalid API key');
    return api(req);
  });
  baseUrl = server.url;
  return {
    url: server.url,
    port: server.port,
    events: () => [...events.values()],
    addGuest: (eventId, g) => {
      const e = events.get(eventId);
      if (!e) throw new Error(`no Luma event ${eventId}`);
      return addGuest(e, g.email, g.name, g.approvalStatus);
    },
    close: server.close,
  };
}

import type { LumaApi, LumaEventInput, LumaEventRef, LumaGuest } from './luma-api';

/**
 * Luma's public API (https://docs.luma.com/reference/getting-started-with-your-api): base
 * https://public-api.luma.com, JSON, the calendar's API key in the `x-luma-api-key` header (a key is
 * scoped to one calendar, so events are created on the community's calendar). Paths and shapes from
 * Luma's OpenAPI spec (https://public-api.luma.com/openapi.json, mirrored in the api-evangelist/luma
 * repository): POST /v1/events/create → `{ id }`, GET /v1/events/get?event_id → the event with `url`,
 * POST /v1/events/update `{ event_id, … }`, POST /v1/events/cancel/request → `{ cancellation_token }` then
 * POST /v1/events/cancel, GET /v1/events/guests/list?event_id&pagination_cursor&pagination_limit →
 * `{ entries, has_more, next_cursor }`. (Older docs name the same calls /v1/event/create, /v1/event/update
 * and /v1/event/get-guests.)
 */
export const LUMA_API_BASE = 'https://public-api.luma.com';
const PAGE_LIMIT = 100;
/** A runaway cursor must not loop forever: 500 pages of 100 guests is far beyond any community event. */
const MAX_PAGES = 500;

export class LumaHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface GuestEntry {
  id?: string;
  api_id?: string;
  user_email?: string;
  user_name?: string | null;
  approval_status?: string;
  guest?: GuestEntry; // older responses nest the guest
}

export class LumaClient implements LumaApi {
  private readonly base: string;

  constructor(
    private readonly apiKey: string,
    base = LUMA_API_BASE,
  ) {
    this.base = base.replace(/\/$/, '');
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<T> {
    const url = new URL(`${this.base}${path}`);
    if (method === 'GET' && body) {
      for (const [k, v] of Object.entries(body)) if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const res = await fetch(url, {
      method,
      headers: {
        'x-luma-api-key': this.apiKey,
        accept: 'application/json',
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    if (!res.ok) throw new LumaHttpError(res.status, `Luma ${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  private static fields(input: LumaEventInput) {
    return {
      name: input.name,
      description_md: input.descriptionMd,
      start_at: input.start.toISOString(),
      end_at: input.end.toISOString(),
      timezone: input.timeZone,
      visibility: 'public',
      ...(input.address ? { geo_address_json: { type: 'manual', address: input.address } } : {}),
    };
  }

  async createEvent(input: LumaEventInput): Promise<LumaEventRef> {
    const created = await this.call<{ id?: string; api_id?: string }>(
      'POST',
      '/v1/events/create',
      LumaClient.fields(input),
    );
    const eventId = created.id ?? created.api_id;
    if (!eventId) throw new Error('Luma created an event without an id');
    const event = await this.call<{ url?: string; event?: { url?: string } }>('GET', '/v1/events/get', {
      event_id: eventId,
    });
    return { eventId, url: event.url ?? event.event?.url ?? '' };
  }

  async updateEvent(eventId: string, input: LumaEventInput): Promise<void> {
    await this.call('POST', '/v1/events/update', { event_id: eventId, ...LumaClient.fields(input) });
  }

  async cancelEvent(eventId: string): Promise<void> {
    try {
      const { cancellation_token } = await this.call<{ cancellation_token: string }>(
        'POST',
        '/v1/events/cancel/request',
        {
          event_id: eventId,
        },
      );
      await this.call('POST', '/v1/events/cancel', { event_id: eventId, cancellation_token, should_refund: true });
    } catch (err) {
      if (err instanceof LumaHttpError && (err.status === 404 || err.status === 410)) return;
      throw err;
    }
  }

  async listGuests(eventId: string): Promise<LumaGuest[]> {
    const guests: LumaGuest[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await this.call<{ entries?: GuestEntry[]; has_more?: boolean; next_cursor?: string | null }>(
        'GET',
        '/v1/events/guests/list',
        { event_id: eventId, pagination_limit: PAGE_LIMIT, pagination_cursor: cursor },
      );
      for (const entry of res.entries ?? []) {
        const guest = entry.guest ?? entry;
        const id = guest.id ?? guest.api_id;
        if (!id || !guest.user_email) continue;
        guests.push({
          id,
          email: guest.user_email,
          name: guest.user_name ?? '',
          approvalStatus: guest.approval_status ?? '',
        });
      }
      if (!res.has_more || !res.next_cursor) return guests;
      cursor = res.next_cursor;
    }
    throw new Error(`Luma guest list of ${eventId} has more than ${MAX_PAGES} pages`);
  }
}

import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import type { CalendarEventInput, CalendarEventRef, CalendarMirror, ServiceAccountKey } from './calendar-mirror';

/** Where google-auth-library sends the service account's JWT (hard-coded there; see `tokenUrl`). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const CALENDAR_EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

export interface GoogleCalendarOptions {
  calendarId: string;
  key: ServiceAccountKey;
  /** Empty for https://www.googleapis.com; the twin's URL locally. */
  apiBase?: string;
  /**
   * Empty for Google's token endpoint. google-auth-library 11 (googleapis' own copy) hard-codes the
   * token URL in gtoken and ignores a key's `token_uri`, so the twin's is reached by rewriting that one
   * URL in the JWT client's own transporter (a gaxios request interceptor).
   */
  tokenUrl?: string;
}

const statusOf = (err: unknown): number | undefined => {
  const e = err as { status?: unknown; code?: unknown; response?: { status?: unknown } };
  const status = e.response?.status ?? e.status ?? e.code;
  return typeof status === 'number' ? status : undefined;
};

/**
 * The community's Google Calendar through googleapis, as a service account (JWT bearer, scope
 * calendar.events). The calendar must be shared with the service account's address ("Make changes to
 * events"). googleapis is loaded on first use, so functions that never mirror don't pay for it.
 */
export class GoogleCalendarMirror implements CalendarMirror {
  private client?: Promise<calendar_v3.Calendar>;

  constructor(private readonly options: GoogleCalendarOptions) {}

  private calendar(): Promise<calendar_v3.Calendar> {
    this.client ??= (async () => {
      const { calendar, auth } = await import('googleapis/build/src/apis/calendar');
      const jwt = new auth.JWT({
        email: this.options.key.client_email,
        key: this.options.key.private_key,
        scopes: [CALENDAR_EVENTS_SCOPE],
      });
      const tokenUrl = this.options.tokenUrl;
      if (tokenUrl && tokenUrl !== GOOGLE_TOKEN_URL) {
        jwt.transporter.interceptors.request.add({
          resolved: async (config) => {
            if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
            return config;
          },
        });
      }
      const rootUrl = this.options.apiBase ? `${this.options.apiBase.replace(/\/$/, '')}/` : undefined;
      return calendar({ version: 'v3', auth: jwt, ...(rootUrl ? { rootUrl } : {}) });
    })();
    return this.client;
  }

  async upsert(input: CalendarEventInput): Promise<CalendarEventRef> {
    const api = await this.calendar();
    const body: calendar_v3.Schema$Event = {
      summary: input.summary,
      description: input.description,
      location: input.location ?? '',
      start: { dateTime: input.start.toISOString(), timeZone: input.timeZone },
      end: { dateTime: input.end.toISOString(), timeZone: input.timeZone },
      status: 'confirmed',
    };
    const calendarId = this.options.calendarId;
    try {
      const { data } = await api.events.insert({ calendarId, requestBody: { id: input.id, ...body } });
      return { eventId: data.id ?? input.id, htmlLink: data.htmlLink ?? '' };
    } catch (err) {
      // 409: the id exists (an earlier insert, a concurrent trigger, or a deleted copy): update that one.
      if (statusOf(err) !== 409) throw err;
    }
    const { data } = await api.events.patch({ calendarId, eventId: input.id, requestBody: body });
    return { eventId: data.id ?? input.id, htmlLink: data.htmlLink ?? '' };
  }

  async remove(eventId: string): Promise<void> {
    const api = await this.calendar();
    try {
      await api.events.delete({ calendarId: this.options.calendarId, eventId });
    } catch (err) {
      const status = statusOf(err);
      if (status !== 404 && status !== 410) throw err;
    }
  }
}

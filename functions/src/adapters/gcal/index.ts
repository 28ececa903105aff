import { parseServiceAccountKey, type CalendarMirror } from './calendar-mirror';
import { GoogleCalendarMirror } from './google-calendar';

export type { CalendarEventInput, CalendarEventRef, CalendarMirror } from './calendar-mirror';
export { GoogleCalendarMirror };

export interface CalendarMirrorEnv {
  GOOGLE_CALENDAR_ID: string;
  /** The key JSON (or its base64); empty or "none" turns the mirror off. */
  GOOGLE_SERVICE_ACCOUNT_KEY: string;
  GOOGLE_API_BASE: string;
  GOOGLE_TOKEN_URL: string;
}

/** The Google Calendar mirror when a calendar id and a key are set, else null (the mirror is skipped). */
export function calendarMirrorFromEnv(env: CalendarMirrorEnv): CalendarMirror | null {
  const calendarId = env.GOOGLE_CALENDAR_ID.trim();
  const rawKey = env.GOOGLE_SERVICE_ACCOUNT_KEY.trim();
  if (!calendarId || !rawKey || rawKey === 'none') return null;
  return new GoogleCalendarMirror({
    calendarId,
    key: parseServiceAccountKey(rawKey),
    apiBase: env.GOOGLE_API_BASE.trim() || undefined,
    tokenUrl: env.GOOGLE_TOKEN_URL.trim() || undefined,
  });
}

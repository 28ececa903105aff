// The Google Calendar port: what Commons asks of the community's calendar. Real: google-calendar.ts
// (googleapis, service account); twin: ./twin (Google's wire format).

/** One event as the calendar shows it. Join details, when wanted, are already in `description`. */
export interface CalendarEventInput {
  /** Google's event id, chosen by us (`googleEventId` in domain/mirrors.ts): inserting twice is refused. */
  id: string;
  summary: string;
  description: string;
  location: string | null;
  start: Date;
  end: Date;
  /** IANA zone the event was planned in; Google shows the times in it. */
  timeZone: string;
}

export interface CalendarEventRef {
  eventId: string;
  htmlLink: string;
}

export interface CalendarMirror {
  /** Creates the event under `input.id`, or updates (and un-cancels) the one already there. */
  upsert(input: CalendarEventInput): Promise<CalendarEventRef>;
  /** Deletes the event; one Google no longer has (404) or already deleted (410) counts as done. */
  remove(eventId: string): Promise<void>;
}

/** The service account key JSON's fields we use (the downloaded key file, as one JSON string). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
}

/** The key JSON as stored in the secret: the JSON itself, or its base64 (one line in a .env-style file). */
export function parseServiceAccountKey(raw: string): ServiceAccountKey {
  const text = raw.trim().startsWith('{') ? raw : Buffer.from(raw, 'base64').toString('utf8');
  const key = JSON.parse(text) as Partial<ServiceAccountKey>;
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new Error('GOOGLE_SERVICE_ACCOUNT_KEY is not a service account key (client_email, private_key)');
  }
  return { client_email: key.client_email, private_key: key.private_key };
}

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleEventId } from '../../domain/mirrors';
import { parseServiceAccountKey, type CalendarEventInput } from './calendar-mirror';
import { GoogleCalendarMirror } from './google-calendar';
import { calendarMirrorFromEnv } from './index';
import { startGcalTwin, type GcalTwin } from './twin/gcal-twin';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const key = { client_email: 'mirror@demo-commons.iam.gserviceaccount.com', private_key: pem() };
const CALENDAR = 'community@group.calendar.google.com';

const input = (over: Partial<CalendarEventInput> = {}): CalendarEventInput => ({
  id: googleEventId('evt1'),
  summary: 'Office hours',
  description: 'Talk\n\nDetails and registration: https://c.example/events/evt1',
  location: 'Berlin',
  start: new Date('2027-01-15T17:00:00Z'),
  end: new Date('2027-01-15T18:00:00Z'),
  timeZone: 'Europe/Berlin',
  ...over,
});

describe('Google Calendar mirror against the twin', () => {
  let twin: GcalTwin;
  let mirror: GoogleCalendarMirror;
  beforeAll(async () => {
    twin = await startGcalTwin({ serviceAccountKey: JSON.stringify(key) });
    mirror = new GoogleCalendarMirror({ calendarId: CALENDAR, key, apiBase: twin.url, tokenUrl: `${twin.url}/token` });
  });
  afterAll(() => twin.close());

  it('exchanges a signed JWT for a token and inserts under our id, in Google shapes', async () => {
    const ref = await mirror.upsert(input());
    expect(ref.eventId).toBe(googleEventId('evt1'));
    expect(ref.htmlLink).toContain(`${twin.url}/event?eid=`);
    const claims = twin.tokenRequests.at(-1)!;
    expect(claims).toMatchObject({
      iss: key.client_email,
      aud: 'https://oauth2.googleapis.com/token',
      scope: 'https://www.googleapis.com/auth/calendar.events',
    });
    const [event] = twin.events(CALENDAR);
    expect(event).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      summary: 'Office hours',
      location: 'Berlin',
      start: { dateTime: '2027-01-15T17:00:00.000Z', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2027-01-15T18:00:00.000Z', timeZone: 'Europe/Berlin' },
    });
    expect(event?.etag).toMatch(/^"\d+"$/);
  });

  it('a second upsert of the same id patches the one event (no duplicate)', async () => {
    await mirror.upsert(input({ start: new Date('2027-01-16T17:00:00Z'), end: new Date('2027-01-16T18:00:00Z') }));
    const events = twin.events(CALENDAR);
    expect(events).toHaveLength(1);
    expect(events[0]?.start.dateTime).toBe('2027-01-16T17:00:00.000Z');
    expect(events[0]?.sequence).toBe(1);
  });

  it('deletes; deleting again (410) or an unknown id (404) is done, and an upsert restores it', async () => {
    await mirror.remove(googleEventId('evt1'));
    expect(twin.events(CALENDAR)[0]?.status).toBe('cancelled');
    await expect(mirror.remove(googleEventId('evt1'))).resolves.toBeUndefined();
    await expect(mirror.remove(googleEventId('never'))).resolves.toBeUndefined();
    await mirror.upsert(input());
    expect(twin.events(CALENDAR).map((e) => e.status)).toEqual(['confirmed']);
  });

  it('a key the calendar does not know is refused at the token exchange', async () => {
    const stranger = new GoogleCalendarMirror({
      calendarId: CALENDAR,
      key: { ...key, private_key: pem() },
      apiBase: twin.url,
      tokenUrl: `${twin.url}/token`,
    });
    await expect(stranger.upsert(input({ id: googleEventId('evt2') }))).rejects.toThrow(/invalid_grant|Signature/);
    expect(twin.events(CALENDAR).map((e) => e.id)).not.toContain(googleEventId('evt2'));
  });

  it('the API refuses a call without the bearer token', async () => {
    const res = await fetch(`${twin.url}/calendar/v3/calendars/${CALENDAR}/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});

describe('calendarMirrorFromEnv', () => {
  const env = {
    GOOGLE_CALENDAR_ID: CALENDAR,
    GOOGLE_SERVICE_ACCOUNT_KEY: '',
    GOOGLE_API_BASE: '',
    GOOGLE_TOKEN_URL: '',
  };
  it('is null without a calendar or a key', () => {
    expect(calendarMirrorFromEnv(env)).toBeNull();
    expect(calendarMirrorFromEnv({ ...env, GOOGLE_SERVICE_ACCOUNT_KEY: 'none' })).toBeNull();
    expect(
      calendarMirrorFromEnv({ ...env, GOOGLE_CALENDAR_ID: '', GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(key) }),
    ).toBeNull();
  });
  it('reads the key as JSON or base64', () => {
    expect(parseServiceAccountKey(Buffer.from(JSON.stringify(key)).toString('base64'))).toEqual(key);
    expect(calendarMirrorFromEnv({ ...env, GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(key) })).not.toBeNull();
    expect(() => parseServiceAccountKey('{"client_email":1}')).toThrow(/not a service account key/);
  });
});

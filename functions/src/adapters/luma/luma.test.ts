import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LumaEventInput } from './luma-api';
import { LumaClient, LumaHttpError } from './luma-client';
import { lumaFromEnv } from './index';
import { startLumaTwin, type LumaTwin } from './twin/luma-twin';

const input = (over: Partial<LumaEventInput> = {}): LumaEventInput => ({
  name: 'Open call',
  descriptionMd: 'Talk\n\nDetails and registration: https://c.example/events/e1',
  start: new Date('2027-07-01T16:00:00Z'),
  end: new Date('2027-07-01T17:00:00Z'),
  timeZone: 'Europe/Berlin',
  address: null,
  ...over,
});

describe('Luma client against the twin', () => {
  let twin: LumaTwin;
  let luma: LumaClient;
  beforeAll(async () => {
    twin = await startLumaTwin({ apiKey: 'secret-key', maxPageSize: 2 });
    luma = new LumaClient('secret-key', twin.url);
  });
  afterAll(() => twin.close());

  it('creates a public event on the calendar and learns its page URL', async () => {
    const ref = await luma.createEvent(input({ address: 'Kreuzberg, Berlin' }));
    expect(ref.eventId).toMatch(/^evt-/);
    expect(ref.url).toBe(`${twin.url}/event/${ref.eventId}`);
    expect(twin.events()[0]).toMatchObject({
      name: 'Open call',
      start_at: '2027-07-01T16:00:00.000Z',
      end_at: '2027-07-01T17:00:00.000Z',
      timezone: 'Europe/Berlin',
      visibility: 'public',
      geo_address_json: { type: 'manual', address: 'Kreuzberg, Berlin' },
    });
  });

  it('updates the times and cancels with the two-step token; cancelling again is done', async () => {
    const { eventId } = await luma.createEvent(input());
    await luma.updateEvent(
      eventId,
      input({ start: new Date('2027-07-02T16:00:00Z'), end: new Date('2027-07-02T17:00:00Z') }),
    );
    const event = twin.events().find((e) => e.id === eventId);
    expect(event?.start_at).toBe('2027-07-02T16:00:00.000Z');
    await luma.cancelEvent(eventId);
    expect(event?.cancelled).toBe(true);
    await expect(luma.cancelEvent(eventId)).resolves.toBeUndefined();
  });

  it('reads every page of guests', async () => {
    const { eventId } = await luma.createEvent(input());
    for (let i = 0; i < 5; i++) twin.addGuest(eventId, { email: `g${i}@example.com`, name: `Guest ${i}` });
    const guests = await luma.listGuests(eventId);
    expect(guests.map((g) => g.email)).toEqual([0, 1, 2, 3, 4].map((i) => `g${i}@example.com`));
    expect(guests[0]).toMatchObject({ name: 'Guest 0', approvalStatus: 'approved' });
  });

  it('sends the key in x-luma-api-key: a wrong key is refused', async () => {
    const stranger = new LumaClient('wrong', twin.url);
    const err = await stranger.createEvent(input()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LumaHttpError);
    expect((err as LumaHttpError).status).toBe(401);
  });
});

describe('lumaFromEnv', () => {
  it('is null without a key', () => {
    expect(lumaFromEnv({ LUMA_API_KEY: '', LUMA_API_BASE: '' })).toBeNull();
    expect(lumaFromEnv({ LUMA_API_KEY: 'none', LUMA_API_BASE: '' })).toBeNull();
    expect(lumaFromEnv({ LUMA_API_KEY: 'k', LUMA_API_BASE: '' })).toBeInstanceOf(LumaClient);
  });
});

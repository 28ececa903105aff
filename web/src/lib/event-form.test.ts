import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '@shared/event-schema';
import type { EventTeaser } from '@shared/events';
import {
  emptyEventForm,
  eventGroups,
  formOfEvent,
  formToInput,
  formToRepeat,
  seatsLabel,
  timeZoneChoices,
  validateEventForm,
  wallTime,
  type AdminEventRow,
  type EventForm,
} from './event-form';

const NOW = new Date('2026-11-24T12:00:00Z');

const form = (over: Partial<EventForm> = {}): EventForm => ({
  ...emptyEventForm('free', NOW, 'Europe/Berlin'),
  title: 'Office hours',
  summary: 'Bring your questions along',
  ...over,
});

const teaser = (over: Partial<EventTeaser<Date>> = {}): EventTeaser<Date> => ({
  title: 'Office hours',
  summary: 'Bring your questions along',
  descriptionHtml: '',
  kind: 'link',
  status: 'published',
  access: 'main',
  rank: 30,
  startAt: new Date('2027-07-14T16:00:00Z'),
  endAt: new Date('2027-07-14T17:00:00Z'),
  timeZone: 'Europe/Berlin',
  capacity: 20,
  registered: 3,
  waitlisted: 0,
  joinWindowMinutes: 10,
  place: null,
  seriesId: null,
  recordingId: null,
  sequence: 0,
  publishedAt: null,
  updatedAt: NOW,
  ...over,
});

describe('wall times', () => {
  it.each([
    ['Berlin in January', '2027-01-14T17:00:00Z', 'Europe/Berlin', '2027-01-14T18:00'],
    ['Berlin in July', '2027-07-14T16:00:00Z', 'Europe/Berlin', '2027-07-14T18:00'],
    ['past midnight in Tokyo', '2027-07-14T16:00:00Z', 'Asia/Tokyo', '2027-07-15T01:00'],
    ['midnight is 00, not 24', '2027-07-14T22:00:00Z', 'Europe/Berlin', '2027-07-15T00:00'],
  ])('%s', (_label, iso, zone, local) => {
    expect(wallTime(new Date(iso), zone)).toBe(local);
  });

  it('a new event starts tomorrow 18:00 in the given zone', () => {
    expect(emptyEventForm('free', NOW, 'Europe/Berlin')).toMatchObject({
      start: '2026-11-25T18:00',
      end: '2026-11-25T19:00',
      timeZone: 'Europe/Berlin',
      access: 'free',
    });
  });

  it('offers the current zone even when the list lacks it', () => {
    expect(timeZoneChoices('Europe/Berlin')).toContain('Europe/Berlin');
    expect(timeZoneChoices('Etc/Unknown')[0]).toBe('Etc/Unknown');
  });
});

describe('formToInput', () => {
  it('makes what the callable schema accepts', () => {
    const input = formToInput(
      form({ kind: 'link', joinUrl: ' https://meet.example.com ', capacity: '12' }),
      'published',
    );
    expect(eventInputSchema.parse(input)).toMatchObject({
      capacity: 12,
      joinUrl: 'https://meet.example.com',
      joinWindowMinutes: 15,
      place: null,
      status: 'published',
    });
  });

  it('sends no link for a Zoom event and no limit for an empty capacity', () => {
    expect(formToInput(form({ kind: 'zoom', joinUrl: 'https://x.example.com', capacity: ' ' }), 'draft')).toMatchObject(
      {
        joinUrl: null,
        capacity: null,
      },
    );
  });

  it('repeats only when asked', () => {
    expect(formToRepeat(form())).toBeNull();
    expect(formToRepeat(form({ repeat: { on: true, every: 'month', count: '6' } }))).toEqual({
      every: 'month',
      count: 6,
    });
  });
});

describe('validateEventForm', () => {
  it.each<[string, Partial<EventForm>, string]>([
    ['a short title', { title: 'x' }, 'title'],
    ['an end before the start', { end: '2026-11-25T17:00' }, 'end'],
    ['an end equal to the start', { end: '2026-11-25T18:00' }, 'end'],
    ['a link event without https', { kind: 'link', joinUrl: 'http://x.example.com' }, 'joinUrl'],
    ['a capacity that is no number', { capacity: 'ten' }, 'capacity'],
    ['a capacity of 0', { capacity: '0' }, 'capacity'],
    ['a negative join window', { joinWindowMinutes: '-1' }, 'joinWindowMinutes'],
    ['a series of 100', { repeat: { on: true, every: 'week', count: '100' } }, 'repeat'],
    ['no start', { start: '' }, 'start'],
  ])('names the field for %s', (_label, over, field) => {
    expect(validateEventForm(form(over), 'published', true)).toHaveProperty(field);
  });

  it('accepts a valid form', () => {
    expect(validateEventForm(form(), 'published', true)).toEqual({});
  });
});

describe('formOfEvent', () => {
  it('shows the stored instants as wall times of the event zone', () => {
    const f = formOfEvent(teaser(), { url: 'https://meet.example.com/a' }, { description: 'D', details: 'X' });
    expect(f).toMatchObject({
      start: '2027-07-14T18:00',
      end: '2027-07-14T19:00',
      capacity: '20',
      joinWindowMinutes: '10',
      joinUrl: 'https://meet.example.com/a',
      description: 'D',
      details: 'X',
    });
    // Round trip: what the editor saves is what was stored.
    expect(formToInput(f, 'published')).toMatchObject({ start: '2027-07-14T18:00', timeZone: 'Europe/Berlin' });
  });
});

describe('the admin list', () => {
  const row = (id: string, over: Partial<EventTeaser<Date>>): AdminEventRow => ({ id, ...teaser(over) });
  const at = (iso: string) => ({ startAt: new Date(iso), endAt: new Date(new Date(iso).getTime() + 3_600_000) });

  it('groups drafts, upcoming (soonest first) and past (latest first)', () => {
    const groups = eventGroups(
      [
        row('later', at('2026-12-10T10:00:00Z')),
        row('draft', { ...at('2026-12-01T10:00:00Z'), status: 'draft' }),
        row('soon', at('2026-11-25T10:00:00Z')),
        row('old', at('2026-10-01T10:00:00Z')),
        row('cancelled', { ...at('2026-11-30T10:00:00Z'), status: 'cancelled' }),
        row('running', at('2026-11-24T11:30:00Z')),
        row('older', at('2026-09-01T10:00:00Z')),
      ],
      NOW,
    );
    expect(groups.drafts.map((r) => r.id)).toEqual(['draft']);
    expect(groups.upcoming.map((r) => r.id)).toEqual(['running', 'soon', 'cancelled', 'later']);
    expect(groups.past.map((r) => r.id)).toEqual(['old', 'older']);
  });

  it('labels seats', () => {
    expect(seatsLabel({ registered: 12, capacity: 20, waitlisted: 0 })).toBe('12 / 20');
    expect(seatsLabel({ registered: 20, capacity: 20, waitlisted: 3 })).toBe('20 / 20 (3 waiting)');
    expect(seatsLabel({ registered: 5, capacity: null, waitlisted: 0 })).toBe('5');
  });
});

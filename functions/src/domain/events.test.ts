import { describe, expect, it } from 'vitest';
import type { EventInput } from '../shared/event-schema';
import {
  NEW_EVENT_STATE,
  cancelChange,
  countersAfterLeaving,
  eventDocs,
  eventInputOf,
  eventTiming,
  factsOf,
  instantOf,
  localOf,
  registrationDecision,
  saveChange,
  seatsToFill,
  seriesOccurrences,
  shiftedInput,
  type EventFacts,
} from './events';
import { Refusal } from './refusal';

const NOW = new Date('2026-11-24T12:00:00Z');

const input = (over: Partial<EventInput> = {}): EventInput => ({
  title: 'Community call',
  summary: 'What we are building this month',
  description: 'Agenda',
  kind: 'link',
  status: 'published',
  access: 'main',
  start: '2027-01-14T18:00',
  end: '2027-01-14T19:30',
  timeZone: 'Europe/Berlin',
  capacity: 20,
  joinWindowMinutes: 15,
  place: null,
  joinUrl: 'https://meet.example.com/call',
  details: 'Bring questions',
  ...over,
});

const refusal = (run: () => unknown): Refusal => {
  try {
    run();
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('no refusal');
};

describe('instants from wall times', () => {
  it.each([
    ['18:00 Berlin in January is 17:00Z', '2027-01-14T18:00', 'Europe/Berlin', '2027-01-14T17:00:00.000Z'],
    ['18:00 Berlin in July is 16:00Z', '2027-07-14T18:00', 'Europe/Berlin', '2027-07-14T16:00:00.000Z'],
    ['18:00 New York in January is 23:00Z', '2027-01-14T18:00', 'America/New_York', '2027-01-14T23:00:00.000Z'],
    ['UTC stays', '2027-03-28T02:30', 'UTC', '2027-03-28T02:30:00.000Z'],
    ['a time skipped by DST moves forward', '2027-03-28T02:30', 'Europe/Berlin', '2027-03-28T01:30:00.000Z'],
  ])('%s', (_label, local, zone, iso) => {
    expect(instantOf(local, zone).toISOString()).toBe(iso);
  });

  it('reads an instant back as the wall time of its zone', () => {
    expect(localOf(new Date('2027-07-14T16:00:00Z'), 'Europe/Berlin')).toBe('2027-07-14T18:00');
    expect(localOf(new Date('2027-07-14T16:00:00Z'), 'Asia/Tokyo')).toBe('2027-07-15T01:00');
  });

  it('opens the join window before the start', () => {
    const timing = eventTiming(input({ joinWindowMinutes: 30 }));
    expect(timing.opensAt.toISOString()).toBe('2027-01-14T16:30:00.000Z');
    expect(timing.endAt.toISOString()).toBe('2027-01-14T18:30:00.000Z');
  });

  it.each([
    ['before the start', '2027-01-14T17:00'],
    ['at the start', '2027-01-14T18:00'],
  ])('refuses an end %s, naming event.end', (_label, end) => {
    const err = refusal(() => eventTiming(input({ end })));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(/^event\.end: /);
  });
});

describe('eventDocs', () => {
  const html = { description: '<p>Agenda</p>', details: '<p>Bring questions</p>' };

  it('splits an input into teaser, join details and source with the derived fields', () => {
    const docs = eventDocs(input(), 30, NEW_EVENT_STATE, html, NOW);
    expect(docs.teaser).toMatchObject({
      title: 'Community call',
      descriptionHtml: '<p>Agenda</p>',
      status: 'published',
      access: 'main',
      rank: 30,
      timeZone: 'Europe/Berlin',
      capacity: 20,
      registered: 0,
      waitlisted: 0,
      sequence: 0,
      publishedAt: NOW,
      updatedAt: NOW,
    });
    expect(docs.teaser.startAt.toISOString()).toBe('2027-01-14T17:00:00.000Z');
    expect(docs.join).toEqual({
      access: 'main',
      rank: 30,
      status: 'published',
      opensAt: new Date('2027-01-14T16:45:00Z'),
      url: 'https://meet.example.com/call',
      passcode: null,
      detailsHtml: '<p>Bring questions</p>',
    });
    expect(docs.source).toEqual({ description: 'Agenda', details: 'Bring questions' });
    // Nothing private leaks into the public teaser.
    expect(JSON.stringify(docs.teaser)).not.toContain('meet.example.com');
    expect(JSON.stringify(docs.teaser)).not.toContain('Bring questions');
  });

  it('keeps counters, sequence, series, first publication and Zoom join details from the stored state', () => {
    const first = new Date('2026-10-01T00:00:00Z');
    const state = {
      ...NEW_EVENT_STATE,
      registered: 5,
      waitlisted: 2,
      sequence: 3,
      seriesId: 's1',
      publishedAt: first,
      zoom: { url: 'https://zoom.us/j/1', passcode: '123' },
    };
    const docs = eventDocs(input({ kind: 'zoom', joinUrl: 'https://evil.example.com' }), 30, state, html, NOW);
    expect(docs.teaser).toMatchObject({
      registered: 5,
      waitlisted: 2,
      sequence: 3,
      seriesId: 's1',
      publishedAt: first,
    });
    expect(docs.join).toMatchObject({ url: 'https://zoom.us/j/1', passcode: '123' });
  });

  it('leaves a draft unpublished', () => {
    expect(eventDocs(input({ status: 'draft' }), 30, NEW_EVENT_STATE, html, NOW).teaser.publishedAt).toBeNull();
  });

  it.each([
    ['an http link', { joinUrl: 'http://meet.example.com' }],
    ['a javascript: link', { joinUrl: 'javascript:alert(1)' }],
    ['a link event without a link', { joinUrl: null }],
    ['a relative link', { joinUrl: '/join' }],
  ])('refuses %s, naming event.joinUrl', (_label, over) => {
    expect(refusal(() => eventDocs(input(over), 30, NEW_EVENT_STATE, html, NOW)).message).toMatch(/^event\.joinUrl: /);
  });

  it('an in-person event may have no link', () => {
    const docs = eventDocs(
      input({ kind: 'in-person', joinUrl: null, place: ' Berlin ' }),
      30,
      NEW_EVENT_STATE,
      html,
      NOW,
    );
    expect(docs.join.url).toBeNull();
    expect(docs.teaser.place).toBe('Berlin');
  });

  it('reads back the input it was made from', () => {
    const given = input();
    const docs = eventDocs(given, 30, NEW_EVENT_STATE, html, NOW);
    expect(eventInputOf(docs.teaser, docs.join, docs.source)).toEqual({ ...given, joinUrl: docs.join.url });
  });
});

describe('seriesOccurrences', () => {
  it('weekly keeps the wall time across the DST change, so the instants move', () => {
    const weeks = seriesOccurrences({ start: '2027-03-18T18:00', end: '2027-03-18T19:00' }, 'week', 3);
    expect(weeks.map((o) => o.start)).toEqual(['2027-03-18T18:00', '2027-03-25T18:00', '2027-04-01T18:00']);
    expect(weeks.map((o) => instantOf(o.start, 'Europe/Berlin').toISOString())).toEqual([
      '2027-03-18T17:00:00.000Z',
      '2027-03-25T17:00:00.000Z',
      '2027-04-01T16:00:00.000Z',
    ]);
  });

  it('monthly keeps the day of the month, clamped to the last day, counted from the first', () => {
    const months = seriesOccurrences({ start: '2027-01-31T18:00', end: '2027-01-31T19:30' }, 'month', 4);
    expect(months).toEqual([
      { start: '2027-01-31T18:00', end: '2027-01-31T19:30' },
      { start: '2027-02-28T18:00', end: '2027-02-28T19:30' },
      { start: '2027-03-31T18:00', end: '2027-03-31T19:30' },
      { start: '2027-04-30T18:00', end: '2027-04-30T19:30' },
    ]);
  });

  it('keeps an event that ends after midnight as long as the first', () => {
    const [, second] = seriesOccurrences({ start: '2027-01-08T23:00', end: '2027-01-09T01:00' }, 'week', 2);
    expect(second).toEqual({ start: '2027-01-15T23:00', end: '2027-01-16T01:00' });
  });

  it('shifts a copy by whole days of wall time', () => {
    expect(shiftedInput({ start: '2027-03-25T18:00', end: '2027-03-25T19:00' }, 7)).toEqual({
      start: '2027-04-01T18:00',
      end: '2027-04-01T19:00',
    });
  });
});

describe('saveChange', () => {
  const facts = (over: Partial<EventFacts> = {}): EventFacts => ({
    ...factsOf(eventDocs(input(), 30, NEW_EVENT_STATE, { description: 'd', details: 'x' }, NOW)),
    ...over,
  });
  const later = new Date('2027-01-14T18:00:00Z');

  it.each<[string, EventFacts | null, EventFacts, ReturnType<typeof saveChange>]>([
    ['a new draft: nothing', null, facts({ status: 'draft' }), { kind: null, sequence: 0 }],
    [
      'a draft edited: nothing',
      facts({ status: 'draft' }),
      facts({ status: 'draft', title: 'T' }),
      { kind: null, sequence: 0 },
    ],
    ['created published', null, facts(), { kind: 'published', sequence: 0 }],
    ['a draft published', facts({ status: 'draft' }), facts(), { kind: 'published', sequence: 0 }],
    ['moved', facts(), facts({ startAt: later }), { kind: 'rescheduled', sequence: 1 }],
    ['longer', facts(), facts({ endAt: new Date('2027-01-14T20:00:00Z') }), { kind: 'rescheduled', sequence: 1 }],
    ['another zone', facts(), facts({ timeZone: 'Europe/Paris' }), { kind: 'rescheduled', sequence: 1 }],
    ['another kind', facts(), facts({ kind: 'in-person' }), { kind: 'rescheduled', sequence: 1 }],
    ['another place', facts(), facts({ place: 'Berlin' }), { kind: 'rescheduled', sequence: 1 }],
    ['a new title', facts(), facts({ title: 'New title' }), { kind: 'updated', sequence: 1 }],
    ['a new link', facts(), facts({ url: 'https://other.example.com' }), { kind: 'updated', sequence: 1 }],
    ['new details', facts(), facts({ detailsHtml: '<p>y</p>' }), { kind: 'updated', sequence: 1 }],
    ['another access', facts(), facts({ access: 'premium' }), { kind: 'updated', sequence: 1 }],
    ['saved unchanged (a double click)', facts(), facts(), { kind: null, sequence: 0 }],
    [
      'the same instant as another Date',
      facts(),
      facts({ startAt: new Date(facts().startAt) }),
      { kind: null, sequence: 0 },
    ],
  ])('%s', (_label, before, after, expected) => {
    expect(saveChange(before, after, 0)).toEqual(expected);
  });

  it('raises from the stored sequence', () => {
    expect(saveChange(facts(), facts({ startAt: later }), 4)).toEqual({ kind: 'rescheduled', sequence: 5 });
  });

  it('refuses to unpublish a published event and to edit a cancelled one', () => {
    expect(refusal(() => saveChange(facts(), facts({ status: 'draft' }), 0)).code).toBe('failed-precondition');
    expect(refusal(() => saveChange(facts({ status: 'cancelled' }), facts(), 1)).code).toBe('failed-precondition');
  });

  it('cancels a published event once, raising the sequence', () => {
    expect(cancelChange('published', 2)).toEqual({ kind: 'cancelled', sequence: 3 });
    expect(cancelChange('cancelled', 3)).toEqual({ kind: null, sequence: 3 });
    expect(refusal(() => cancelChange('draft', 0)).code).toBe('failed-precondition');
  });
});

describe('seats', () => {
  it.each<[string, Parameters<typeof registrationDecision>, ReturnType<typeof registrationDecision>]>([
    ['no limit', [null, { capacity: null, registered: 500, waitlisted: 0 }], { status: 'registered', changed: true }],
    ['a seat left', [null, { capacity: 10, registered: 9, waitlisted: 0 }], { status: 'registered', changed: true }],
    ['full', [null, { capacity: 10, registered: 10, waitlisted: 3 }], { status: 'waitlisted', changed: true }],
    [
      'over full (capacity lowered)',
      [null, { capacity: 5, registered: 8, waitlisted: 0 }],
      { status: 'waitlisted', changed: true },
    ],
    [
      'already registered',
      ['registered', { capacity: 1, registered: 1, waitlisted: 0 }],
      { status: 'registered', changed: false },
    ],
    [
      'already waitlisted, a seat free now',
      ['waitlisted', { capacity: 10, registered: 1, waitlisted: 1 }],
      { status: 'waitlisted', changed: false },
    ],
  ])('%s', (_label, args, expected) => {
    expect(registrationDecision(...args)).toEqual(expected);
  });

  it.each<[string, Parameters<typeof seatsToFill>[0], number]>([
    ['nobody waits', { capacity: 10, registered: 3, waitlisted: 0 }, 0],
    ['one seat, three wait', { capacity: 10, registered: 9, waitlisted: 3 }, 1],
    ['full', { capacity: 10, registered: 10, waitlisted: 3 }, 0],
    ['over full', { capacity: 5, registered: 8, waitlisted: 3 }, 0],
    ['capacity lifted', { capacity: null, registered: 10, waitlisted: 3 }, 3],
  ])('seatsToFill: %s', (_label, seats, expected) => {
    expect(seatsToFill(seats)).toBe(expected);
  });

  it('counts a registered member leaving and the first waitlisted moving up', () => {
    expect(countersAfterLeaving({ capacity: 2, registered: 2, waitlisted: 2 }, 'registered', 1)).toEqual({
      capacity: 2,
      registered: 2,
      waitlisted: 1,
    });
    expect(countersAfterLeaving({ capacity: 2, registered: 2, waitlisted: 2 }, 'waitlisted', 0)).toEqual({
      capacity: 2,
      registered: 2,
      waitlisted: 1,
    });
  });
});

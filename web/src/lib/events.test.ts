import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import type { AccessClaims } from '@shared/access';
import { publicEvent } from '@shared/public-events';
import { makeEvent, type EventOverrides } from '../../../functions/src/testing/factories';
import {
  byMonth,
  capacityLabel,
  eventAction,
  eventView,
  eventTimes,
  gmtName,
  lowestPlanFor,
  msUntilNextChange,
  splitByEnd,
  type EventView,
} from './events';

const at = (iso: string) => new Date(iso);
const stamp = (iso: string) => ({ toDate: () => new Date(iso) });

/** Office hours on 14 January 2027, 18:00–19:30 Berlin, as the page reads them (see makeEvent). */
function event(over: EventOverrides = {}): EventView {
  const { id = 'e1', ...rest } = over;
  const { teaser } = makeEvent('main', {
    title: 'Office hours',
    summary: 'Bring questions',
    startAt: at('2027-01-14T17:00:00Z'),
    endAt: at('2027-01-14T18:30:00Z'),
    ...rest,
  });
  return publicEvent(id, teaser, (d) => d);
}

/** Runs `body` with the viewer in `zone` (Node reads TZ again when it changes). */
function inZone(zone: string, body: () => void) {
  vi.stubEnv('TZ', zone);
  try {
    body();
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('times', () => {
  const july = () => event({ startAt: at('2027-07-14T16:00:00Z'), endAt: at('2027-07-14T17:30:00Z') });

  it('shows the event on its own clock while rendering and hydrating, naming its zone, winter and summer', () => {
    expect(eventTimes(event(), false)).toEqual({ shown: 'Thu 14 Jan, 18:00–19:30 CET', own: '' });
    expect(eventTimes(july(), false).shown).toBe('Wed 14 Jul, 18:00–19:30 CEST');
    expect(eventTimes(event({ timeZone: 'UTC' }), false).shown).toBe('Thu 14 Jan, 17:00–18:30 UTC');
  });

  it('names both days of an event that ends on another day', () => {
    const late = event({ startAt: at('2027-01-14T22:00:00Z'), endAt: at('2027-01-15T01:00:00Z') });
    expect(eventTimes(late, false).shown).toBe('Thu 14 Jan, 23:00 – Fri 15 Jan, 02:00 CET');
  });

  it('moves to the viewer’s clock when it differs, keeping the event’s own time beside it', () => {
    inZone('America/New_York', () =>
      expect(eventTimes(event(), true)).toEqual({
        shown: 'Thu 14 Jan, 12:00–13:30 GMT-5',
        own: 'Thu 14 Jan, 18:00–19:30 CET',
      }),
    );
    inZone('Asia/Kolkata', () =>
      expect(eventTimes(event(), true).shown).toBe('Thu 14 Jan, 22:30 – Fri 15 Jan, 00:00 GMT+5:30'),
    );
    inZone('Europe/London', () => expect(eventTimes(july(), true).shown).toBe('Wed 14 Jul, 17:00–18:30 GMT+1'));
  });

  it('keeps the event’s zone name for a viewer on the same offset', () => {
    inZone('Europe/Paris', () =>
      expect(eventTimes(event(), true)).toEqual({ shown: 'Thu 14 Jan, 18:00–19:30 CET', own: '' }),
    );
  });

  it('writes days, months and times as Intl does in en-GB, in every month and zone', () => {
    for (const zone of ['America/Los_Angeles', 'Asia/Kolkata', 'Australia/Sydney', 'UTC']) {
      inZone(zone, () => {
        const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
        const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' });
        for (let m = 0; m < 12; m++) {
          const startAt = new Date(Date.UTC(2027, m, 3 + m * 2, 6 + m, 5 * m));
          const endAt = new Date(startAt.getTime() + 45 * 60_000);
          const e = event({ startAt, endAt });
          const [from, to] = [day.format(startAt), day.format(endAt)];
          const expected =
            from === to
              ? `${from}, ${time.format(startAt)}–${time.format(endAt)}`
              : `${from}, ${time.format(startAt)} – ${to}, ${time.format(endAt)}`;
          expect(eventTimes(e, true).shown).toMatch(new RegExp(`^${expected} GMT`));
          expect(byMonth([e], true)[0]!.month).toBe(month.format(startAt));
        }
      });
    }
  });

  it.each([
    [0, 'GMT'],
    [60, 'GMT+1'],
    [-300, 'GMT-5'],
    [330, 'GMT+5:30'],
    [-570, 'GMT-9:30'],
  ])('names offset %s "%s"', (offset, name) => {
    expect(gmtName(offset)).toBe(name);
  });

  it('converts stored Timestamps to Dates', () => {
    const { startAt, endAt, updatedAt: _u, publishedAt: _p, ...rest } = event();
    const view = eventView({
      ...rest,
      startAt: stamp(startAt.toISOString()),
      endAt: stamp(endAt.toISOString()),
      publishedAt: null,
      updatedAt: stamp('2027-01-02T00:00:00Z'),
    });
    expect(view.startAt).toEqual(startAt);
    expect(view.publishedAt).toBeNull();
    expect(view.updatedAt).toEqual(at('2027-01-02T00:00:00Z'));
  });
});

describe('lists', () => {
  const now = Date.parse('2027-01-14T18:00:00Z');
  const early = event({ id: 'early', startAt: at('2027-01-10T10:00:00Z'), endAt: at('2027-01-10T11:00:00Z') });
  const ongoing = event({ id: 'ongoing' });
  const later = event({ id: 'later', startAt: at('2027-02-01T10:00:00Z'), endAt: at('2027-02-01T11:00:00Z') });
  const earlier = event({ id: 'earlier', startAt: at('2026-12-01T10:00:00Z'), endAt: at('2026-12-01T11:00:00Z') });

  it('keeps an event that has not ended among the upcoming, past ones latest first', () => {
    const { upcoming, past } = splitByEnd([later, early, ongoing, earlier], now);
    expect(upcoming.map((e) => e.id)).toEqual(['ongoing', 'later']);
    expect(past.map((e) => e.id)).toEqual(['early', 'earlier']);
  });

  it('groups by month on the clock shown', () => {
    const newYear = event({ id: 'ny', startAt: at('2026-12-31T23:30:00Z'), endAt: at('2027-01-01T00:30:00Z') });
    expect(byMonth([newYear, later], false).map((g) => [g.month, g.events.length])).toEqual([
      ['January 2027', 1],
      ['February 2027', 1],
    ]);
    inZone('UTC', () => expect(byMonth([newYear], true)[0]!.month).toBe('December 2026'));
  });

  it.each([
    [null, 5, 0, ''],
    [10, 7, 0, '3 spots left'],
    [10, 9, 0, '1 spot left'],
    [10, 10, 0, 'Full · waitlist open'],
    [10, 10, 2, 'Full · 2 on the waitlist'],
  ])('capacity %s, %s registered, %s waiting: "%s"', (capacity, registered, waitlisted, label) => {
    expect(capacityLabel({ capacity, registered, waitlisted })).toBe(label);
  });
});

describe('eventAction', () => {
  const start = Date.parse('2027-01-14T17:00:00Z');
  const member = (rank: number): AccessClaims => ({ tier: 'x', rank });
  const act = (over: Partial<Parameters<typeof eventAction>[0]> & { ev?: Partial<EventView> } = {}) => {
    const { ev, ...rest } = over;
    return eventAction({
      event: event(ev),
      now: start - 86_400_000,
      claims: member(30),
      isAdmin: false,
      registration: null,
      tiers: DEFAULT_TIERS,
      ...rest,
    });
  };

  it('offers the lowest plan that may join', () => {
    expect(lowestPlanFor(DEFAULT_TIERS, { rank: 30 })?.id).toBe('main');
    expect(lowestPlanFor(DEFAULT_TIERS, { rank: 25 })?.id).toBe('main');
    expect(lowestPlanFor(DEFAULT_TIERS, { rank: 0 })?.id).toBe('free');
  });

  it('asks a visitor to sign in, naming the plan only when a free account is not enough', () => {
    expect(act({ claims: null })).toEqual({ kind: 'sign-in', plan: expect.objectContaining({ id: 'main' }) });
    expect(act({ claims: null, ev: { access: 'public', rank: 0 } })).toEqual({ kind: 'sign-in', plan: undefined });
    expect(act({ claims: null, ev: { access: 'free', rank: 10 } })).toEqual({ kind: 'sign-in', plan: undefined });
  });

  it('asks a member below the rank to upgrade to the lowest plan that may join', () => {
    expect(act({ claims: member(20) })).toEqual({ kind: 'upgrade', plan: expect.objectContaining({ id: 'main' }) });
    expect(act({ claims: member(20), ev: { access: 'premium', rank: 40 } })).toMatchObject({
      plan: { id: 'premium' },
    });
    // An admin is entitled whatever the claims say.
    expect(act({ claims: member(10), isAdmin: true })).toEqual({ kind: 'register', full: false });
  });

  it('waits for the registration, then offers Register or the waitlist', () => {
    expect(act({ registration: undefined })).toEqual({ kind: 'loading' });
    expect(act({ claims: member(40) })).toEqual({ kind: 'register', full: false });
    expect(act({ ev: { capacity: 2, registered: 2 } })).toEqual({ kind: 'register', full: true });
  });

  it('opens Join for a registered member inside the window only', () => {
    const before = start - 15 * 60_000 - 1;
    expect(act({ registration: 'registered', now: before })).toEqual({
      kind: 'registered',
      status: 'registered',
      joinOpen: false,
    });
    expect(act({ registration: 'registered', now: before + 1 })).toMatchObject({ joinOpen: true });
    expect(act({ registration: 'registered', now: start + 60_000, ev: { joinWindowMinutes: 0 } })).toMatchObject({
      joinOpen: true,
    });
    expect(act({ registration: 'waitlisted', now: start })).toEqual({
      kind: 'registered',
      status: 'waitlisted',
      joinOpen: false,
    });
  });

  it('ends with the recording when there is one, and a cancelled event says so to everyone', () => {
    const after = Date.parse('2027-01-14T18:30:00Z');
    expect(act({ now: after, registration: 'registered' })).toEqual({ kind: 'ended', recording: null });
    expect(act({ now: after, claims: null, ev: { recordingId: 'rec 1' } })).toEqual({
      kind: 'ended',
      recording: '/materials/rec%201',
    });
    expect(act({ claims: null, ev: { status: 'cancelled' } })).toEqual({ kind: 'cancelled' });
    expect(act({ registration: 'registered', now: start, ev: { status: 'cancelled' } })).toEqual({
      kind: 'cancelled',
    });
  });

  it('knows when the action changes by itself: the window opens, then the event ends', () => {
    const opens = start - 15 * 60_000;
    expect(msUntilNextChange(event(), opens - 1000)).toBe(1000);
    expect(msUntilNextChange(event(), opens)).toBe(Date.parse('2027-01-14T18:30:00Z') - opens);
    expect(msUntilNextChange(event(), Date.parse('2027-01-14T18:30:00Z'))).toBeNull();
  });
});

import type { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventDraft } from '../../functions/src/shared/event-schema';
import type { EventChange, EventJoin, EventTeaser, Registration } from '../../functions/src/shared/events';
import { adminSdk, callFunction, clearEmulators, type SignedIn } from '../support/emulators';
import { createMember, seedDemo } from '../support/factories';

// The event callables through the emulated functions: saving (series, duplicate, cancel, the change log)
// and registration (capacity, waitlist, promotion, concurrency, refusals).
const { db } = adminSdk();

let admin: SignedIn;
let free: SignedIn;
let basic: SignedIn;
let main: SignedIn;
let premium: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('admin@events.test', { admin: true });
  free = await createMember('free@events.test');
  basic = await createMember('basic@events.test', { tier: 'basic' });
  main = await createMember('main@events.test', { tier: 'main' });
  premium = await createMember('premium@events.test', { tier: 'premium' });
}, 60_000);

/** An event in two weeks, 18:00 Berlin, as the editor sends it. */
function draft(over: Partial<EventDraft> = {}): EventDraft {
  const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  return {
    title: 'Modelling office hours',
    summary: 'Bring your data model, we look at it together',
    description: 'We **review** models. <script>alert(1)</script>',
    kind: 'link',
    status: 'published',
    access: 'main',
    start: `${day}T18:00`,
    end: `${day}T19:00`,
    timeZone: 'Europe/Berlin',
    capacity: null,
    place: null,
    joinUrl: 'https://meet.example.com/office-hours',
    details: 'Room **B**',
    ...over,
  };
}

const save = async (event: EventDraft, extra: Record<string, unknown> = {}) => {
  const res = await callFunction('saveEvent', { event, ...extra }, admin.idToken);
  if (!res.result) throw new Error(`saveEvent: ${JSON.stringify(res.error)}`);
  return res.result;
};
const teaser = async (id: string) => (await db.doc(`events/${id}`).get()).data() as EventTeaser<Timestamp>;
const join = async (id: string) => (await db.doc(`events/${id}/gated/join`).get()).data() as EventJoin<Timestamp>;
const changes = async (id: string) =>
  (await db.collection(`events/${id}/changes`).get()).docs.map((d) => ({ id: d.id, ...(d.data() as EventChange) }));
const registration = async (id: string, uid: string) =>
  (await db.doc(`events/${id}/registrations/${uid}`).get()).data() as Registration<Timestamp> | undefined;
const register = (id: string, who: SignedIn) => callFunction('registerForEvent', { id }, who.idToken);
const withdraw = (id: string, who: SignedIn) => callFunction('cancelRegistration', { id }, who.idToken);

describe('saveEvent', () => {
  it('creates teaser, join details and source with instants from the zone, and a published change', async () => {
    const { id, ids } = await save(draft({ start: '2027-01-14T18:00', end: '2027-01-14T19:30' }));
    expect(ids).toEqual([id]);
    const t = await teaser(id);
    expect(t.startAt.toDate().toISOString()).toBe('2027-01-14T17:00:00.000Z');
    expect(t).toMatchObject({ status: 'published', access: 'main', rank: 30, sequence: 0, registered: 0 });
    expect(t.descriptionHtml).toContain('<strong>review</strong>');
    expect(t.descriptionHtml).not.toContain('<script');
    expect(JSON.stringify(t)).not.toContain('meet.example.com');
    const j = await join(id);
    expect(j).toMatchObject({
      access: 'main',
      rank: 30,
      status: 'published',
      url: 'https://meet.example.com/office-hours',
    });
    expect(j.opensAt.toDate().toISOString()).toBe('2027-01-14T16:45:00.000Z');
    expect(j.detailsHtml).toContain('<strong>B</strong>');
    expect((await db.doc(`events/${id}/private/source`).get()).data()).toEqual({
      description: draft().description,
      details: 'Room **B**',
    });
    expect(await changes(id)).toEqual([
      expect.objectContaining({ id: '0', kind: 'published', sequence: 0, notify: true }),
    ]);
  });

  it('18:00 Berlin in July is 16:00Z', async () => {
    const { id } = await save(draft({ start: '2027-07-14T18:00', end: '2027-07-14T19:00' }));
    expect((await teaser(id)).startAt.toDate().toISOString()).toBe('2027-07-14T16:00:00.000Z');
  });

  it('a draft makes no change; publishing does; a reschedule raises the sequence; a repeat save nothing', async () => {
    const { id } = await save(draft({ status: 'draft' }));
    expect(await changes(id)).toEqual([]);
    expect((await teaser(id)).publishedAt).toBeNull();
    await save(draft(), { id });
    expect((await teaser(id)).publishedAt).not.toBeNull();
    await save(draft({ start: '2027-02-01T10:00', end: '2027-02-01T11:00' }), { id });
    await save(draft({ start: '2027-02-01T10:00', end: '2027-02-01T11:00' }), { id });
    await save(draft({ start: '2027-02-01T10:00', end: '2027-02-01T11:00', title: 'Renamed office hours' }), { id });
    expect((await changes(id)).map((c) => [c.id, c.kind])).toEqual([
      ['0', 'published'],
      ['1', 'rescheduled'],
      ['2', 'updated'],
    ]);
    expect((await teaser(id)).sequence).toBe(2);
  });

  it('creates a weekly series at the same wall time across DST, sharing a series id', async () => {
    const { ids } = await save(draft({ start: '2027-03-18T18:00', end: '2027-03-18T19:00' }), {
      repeat: { every: 'week', count: 3 },
    });
    expect(ids).toHaveLength(3);
    const teasers = await Promise.all(ids.map(teaser));
    expect(teasers.map((t) => t.startAt.toDate().toISOString())).toEqual([
      '2027-03-18T17:00:00.000Z',
      '2027-03-25T17:00:00.000Z',
      '2027-04-01T16:00:00.000Z',
    ]);
    expect(new Set(teasers.map((t) => t.seriesId))).toEqual(new Set([ids[0]]));
  });

  it('keeps the Zoom join URL and passcode the Zoom meeting wrote', async () => {
    const { id } = await save(draft({ kind: 'zoom', joinUrl: null }));
    await db.doc(`events/${id}/gated/join`).update({ url: 'https://zoom.us/j/123', passcode: 'abc' });
    await save(draft({ kind: 'zoom', joinUrl: 'https://evil.example.com', title: 'New Zoom title' }), { id });
    expect(await join(id)).toMatchObject({ url: 'https://zoom.us/j/123', passcode: 'abc' });
  });

  it.each([
    ['an end before the start', { end: '2020-01-01T00:00' }, /event\.end/],
    ['an unknown access', { access: 'gold' }, /event\.access/],
    ['a prototype name as access', { access: 'constructor' }, /event\.access/],
    ['an http join link', { joinUrl: 'http://meet.example.com' }, /event\.joinUrl/],
    ['a link event without its link', { joinUrl: null }, /event\.joinUrl/],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, /event\.timeZone/],
  ])('refuses %s with invalid-argument naming the field, writing nothing', async (_label, over, says) => {
    const before = (await db.collection('events').get()).size;
    const res = await callFunction('saveEvent', { event: draft(over) }, admin.idToken);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toMatch(says);
    expect((await db.collection('events').get()).size).toBe(before);
  });

  it('refuses a series on update, unknown ids, members and visitors', async () => {
    const { id } = await save(draft());
    const repeat = await callFunction(
      'saveEvent',
      { id, event: draft(), repeat: { every: 'week', count: 2 } },
      admin.idToken,
    );
    expect(repeat.error?.message).toMatch(/repeat/);
    expect((await callFunction('saveEvent', { id: 'nope', event: draft() }, admin.idToken)).error?.status).toBe(
      'NOT_FOUND',
    );
    expect((await callFunction('saveEvent', { event: draft() }, premium.idToken)).error?.status).toBe(
      'PERMISSION_DENIED',
    );
    expect((await callFunction('saveEvent', { event: draft() })).error?.status).toBe('UNAUTHENTICATED');
  });

  it('refuses to unpublish a published event', async () => {
    const { id } = await save(draft());
    const res = await callFunction('saveEvent', { id, event: draft({ status: 'draft' }) }, admin.idToken);
    expect(res.error?.status).toBe('FAILED_PRECONDITION');
    expect((await teaser(id)).status).toBe('published');
  });
});

describe('duplicateEvent and cancelEvent', () => {
  it('duplicates as a draft one week later, without registrations or Zoom details', async () => {
    const { id } = await save(
      draft({ kind: 'zoom', joinUrl: null, capacity: 5, start: '2027-03-25T18:00', end: '2027-03-25T19:00' }),
    );
    await db.doc(`events/${id}/gated/join`).update({ url: 'https://zoom.us/j/1', passcode: 'p' });
    await register(id, main);
    const res = await callFunction('duplicateEvent', { id }, admin.idToken);
    const copy = res.result!.id;
    expect(copy).not.toBe(id);
    const t = await teaser(copy);
    // A week later at the same wall time: across the DST change the instant moves by an hour less.
    expect(t.startAt.toDate().toISOString()).toBe('2027-04-01T16:00:00.000Z');
    expect(t).toMatchObject({
      status: 'draft',
      registered: 0,
      waitlisted: 0,
      sequence: 0,
      capacity: 5,
      seriesId: null,
    });
    expect(await join(copy)).toMatchObject({ url: null, passcode: null, status: 'draft' });
    expect((await db.collection(`events/${copy}/registrations`).get()).size).toBe(0);
    expect(await changes(copy)).toEqual([]);
  });

  it('cancels once: status, raised sequence, a change with the notify choice', async () => {
    const { id } = await save(draft());
    await callFunction('cancelEvent', { id, notify: false }, admin.idToken);
    await callFunction('cancelEvent', { id }, admin.idToken);
    expect(await teaser(id)).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect((await join(id)).status).toBe('cancelled');
    expect((await changes(id)).map((c) => [c.id, c.kind, c.notify])).toEqual([
      ['0', 'published', true],
      ['1', 'cancelled', false],
    ]);
    const edit = await callFunction('saveEvent', { id, event: draft() }, admin.idToken);
    expect(edit.error?.status).toBe('FAILED_PRECONDITION');
    expect((await register(id, main)).error?.message).toMatch(/cancelled/);
  });

  it('refuses to cancel a draft', async () => {
    const { id } = await save(draft({ status: 'draft' }));
    expect((await callFunction('cancelEvent', { id }, admin.idToken)).error?.status).toBe('FAILED_PRECONDITION');
    expect((await teaser(id)).status).toBe('draft');
  });
});

describe('registration', () => {
  it('registers up to capacity, then waitlists; registering twice answers the same', async () => {
    const { id } = await save(draft({ access: 'basic', capacity: 2 }));
    expect((await register(id, basic)).result).toEqual({ status: 'registered' });
    expect((await register(id, basic)).result).toEqual({ status: 'registered' });
    expect((await register(id, main)).result).toEqual({ status: 'registered' });
    expect((await register(id, premium)).result).toEqual({ status: 'waitlisted' });
    expect((await register(id, premium)).result).toEqual({ status: 'waitlisted' });
    expect(await teaser(id)).toMatchObject({ registered: 2, waitlisted: 1 });
    expect(await registration(id, main.uid)).toMatchObject({
      uid: main.uid,
      email: 'main@events.test',
      name: 'main',
      status: 'registered',
      source: 'web',
    });
  });

  it('promotes the earliest waitlisted when a registered member withdraws', async () => {
    const other = await createMember('main2@events.test', { tier: 'main' });
    const { id } = await save(draft({ capacity: 1 }));
    await register(id, main);
    await register(id, premium);
    await register(id, other);
    expect((await withdraw(id, main)).result).toEqual({ promoted: premium.uid });
    expect(await registration(id, main.uid)).toBeUndefined();
    expect((await registration(id, premium.uid))?.status).toBe('registered');
    expect((await registration(id, other.uid))?.status).toBe('waitlisted');
    expect(await teaser(id)).toMatchObject({ registered: 1, waitlisted: 1 });
    // A waitlisted member leaving promotes nobody; withdrawing twice is once.
    expect((await withdraw(id, other)).result).toEqual({ promoted: null });
    expect((await withdraw(id, other)).result).toEqual({ promoted: null });
    expect(await teaser(id)).toMatchObject({ registered: 1, waitlisted: 0 });
  });

  it('moves the waitlist up when the admin raises the capacity', async () => {
    const { id } = await save(draft({ capacity: 1 }));
    await register(id, main);
    await register(id, premium);
    await save(draft({ capacity: 3 }), { id });
    expect((await registration(id, premium.uid))?.status).toBe('registered');
    expect(await teaser(id)).toMatchObject({ registered: 2, waitlisted: 0 });
  });

  it('gives the last seat to one of two concurrent members and keeps the counters exact', async () => {
    const { id } = await save(draft({ capacity: 1 }));
    const answers = await Promise.all([register(id, main), register(id, premium)]);
    expect(answers.map((a) => a.result?.status).sort()).toEqual(['registered', 'waitlisted']);
    expect(await teaser(id)).toMatchObject({ registered: 1, waitlisted: 1 });
    const stored = (await db.collection(`events/${id}/registrations`).get()).docs.map((d) => d.get('status'));
    expect(stored.sort()).toEqual(['registered', 'waitlisted']);
  });

  it('counts a burst of double clicks once', async () => {
    const { id } = await save(draft({ capacity: 10 }));
    await Promise.all(Array.from({ length: 5 }, () => register(id, main)));
    expect(await teaser(id)).toMatchObject({ registered: 1, waitlisted: 0 });
  });

  it('refuses a member below the rank, naming the plan to upgrade to', async () => {
    const { id } = await save(draft({ access: 'premium' }));
    const res = await register(id, basic);
    expect(res.error?.status).toBe('PERMISSION_DENIED');
    expect(res.error?.message).toMatch(/upgrade to Premium/);
    const freeRes = await register((await save(draft({ access: 'basic' }))).id, free);
    expect(freeRes.error?.message).toMatch(/upgrade to Basic/);
    expect(await registration(id, basic.uid)).toBeUndefined();
  });

  it('refuses drafts (as unknown), ended events, visitors and unknown ids', async () => {
    const { id: draftId } = await save(draft({ status: 'draft', access: 'public' }));
    expect((await register(draftId, main)).error?.status).toBe('NOT_FOUND');
    const { id: past } = await save(draft({ access: 'public', start: '2020-01-01T10:00', end: '2020-01-01T11:00' }));
    expect((await register(past, main)).error?.message).toMatch(/over/);
    expect((await callFunction('registerForEvent', { id: past })).error?.status).toBe('UNAUTHENTICATED');
    expect((await register('no-such-event', main)).error?.status).toBe('NOT_FOUND');
  });

  it('a public event is open to every signed-in member', async () => {
    const { id } = await save(draft({ access: 'public' }));
    expect((await register(id, free)).result).toEqual({ status: 'registered' });
  });
});

describe('the demo seed', () => {
  it('writes the demo events through the same store functions, once', async () => {
    await seedDemo();
    await seedDemo();
    const workshop = await teaser('demo-dbt-workshop');
    expect(workshop).toMatchObject({ kind: 'zoom', access: 'main', capacity: 2, registered: 2, waitlisted: 0 });
    expect((await teaser('demo-cancelled-clinic')).status).toBe('cancelled');
    expect((await teaser('demo-past-meetup')).endAt.toMillis()).toBeLessThan(Date.now());
    const series = await db.collection('events').where('seriesId', '==', 'demo-office-hours-1').get();
    expect(series.size).toBe(4);
    const starts = series.docs.map((d) => (d.get('startAt') as Timestamp).toMillis()).sort();
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
    expect((await registration('demo-community-call', 'demo-basic'))?.status).toBe('registered');
    // Created once: a second run kept the counters and the change log as they were.
    expect((await teaser('demo-community-call')).registered).toBe(2);
    expect((await changes('demo-cancelled-clinic')).map((c) => c.kind)).toEqual(['published', 'cancelled']);
  }, 60_000);
});

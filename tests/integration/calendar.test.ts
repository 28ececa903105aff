import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendEventReminders } from '../../functions/src/calendar/event-reminders';
import { setGrant } from '../../functions/src/members/member-store';
import { adminSdk, callFunction, clearEmulators, eventually, FUNCTIONS, type SignedIn } from '../support/emulators';
import { writeRegistration } from '../support/events';
import { createMember, writeEvent } from '../support/factories';
import { clearInbox, inbox, type CapturedMail } from '../support/inbox';

// Calendar files and feeds through the real `calendarFeed` function, and event mails through the real
// triggers and outbox into the SMTP capture. Every calendar is read back with ical.js.

const { db, auth } = adminSdk();
const HOUR = 3_600_000;
/** Events start three days from now unless a test says otherwise. */
const inHours = (hours = 72) => new Date(Date.now() + hours * HOUR);
const APP_URL = 'http://127.0.0.1:5173'; // functions/.env.demo-commons, APP_URL's first entry

/** GET a calendar path (`/ics/...`) from the function, as Hosting's `/ics/**` rewrite passes it. */
const getIcs = (path: string) => fetch(`${FUNCTIONS}/calendarFeed${path}`);
const pathOf = (url: string) => new URL(url).pathname;

function parse(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { root, events: root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}
const uids = (ics: string) =>
  parse(ics)
    .events.map((e) => e.uid.replace(/@.*$/, ''))
    .sort();

async function feedOf(member: SignedIn): Promise<string> {
  const res = await callFunction('getCalendarFeed', {}, member.idToken);
  expect(res.error).toBeUndefined();
  return res.result!.url;
}

let basic: SignedIn;
let admin: SignedIn;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await clearEmulators();
  await clearInbox();
  basic = await createMember('basic-cal@example.com', { tier: 'basic' });
  admin = await createMember('admin-cal@example.com', { admin: true });
  ids.public = await writeEvent(db, 'public', { id: 'cal-public', startAt: inHours() });
  ids.basic = await writeEvent(db, 'basic', { id: 'cal-basic', startAt: inHours() });
  ids.main = await writeEvent(db, 'main', { id: 'cal-main', startAt: inHours() });
  ids.draft = await writeEvent(db, 'public', { id: 'cal-draft', status: 'draft', startAt: inHours() });
  ids.cancelled = await writeEvent(db, 'basic', {
    id: 'cal-cancelled',
    status: 'cancelled',
    sequence: 1,
    startAt: inHours(),
  });
  ids.recent = await writeEvent(db, 'public', { id: 'cal-recent', startAt: inHours(-10 * 24) });
  ids.old = await writeEvent(db, 'public', { id: 'cal-old', startAt: inHours(-40 * 24) });
});

describe('calendar files', () => {
  it('serves a published event as text/calendar with its UID, briefly cached, and 404 for drafts and unknown ids', async () => {
    const res = await getIcs(`/ics/event/${ids.main}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const ics = await res.text();
    expect(ics).toMatch(/\r\n/);
    const [event] = parse(ics).events;
    expect(event!.uid).toBe('cal-main@127.0.0.1:5173');
    expect(event!.location).toBe(`${APP_URL}/events/cal-main`);
    expect((await getIcs(`/ics/event/${ids.draft}.ics`)).status).toBe(404);
    expect((await getIcs('/ics/event/no-such-event.ics')).status).toBe(404);
    const cancelled = parse(await (await getIcs(`/ics/event/${ids.cancelled}.ics`)).text()).events[0]!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('lists public events of the last 30 days and ahead in the public feed', async () => {
    const res = await getIcs('/ics/public.ics');
    expect(res.status).toBe(200);
    const ics = await res.text();
    expect(parse(ics).root.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(uids(ics)).toEqual(['cal-public', 'cal-recent']);
  });
});

describe('member feed', () => {
  it('lists exactly what a basic member may join, and main events after an upgrade', async () => {
    const url = await feedOf(basic);
    expect(url).toMatch(new RegExp(`^${APP_URL}/ics/member/[A-Za-z0-9_.-]+\\.ics$`));
    const res = await getIcs(pathOf(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(uids(await res.text())).toEqual(['cal-basic', 'cal-cancelled', 'cal-public', 'cal-recent']);

    await setGrant({ db, auth, now: () => new Date() }, basic.uid, {
      tier: 'main',
      endsAt: null,
      grantedBy: 'test',
      note: '',
    });
    const after = await eventually(
      async () => uids(await (await getIcs(pathOf(url))).text()),
      (list) => list.includes('cal-main'),
    );
    expect(after).toEqual(['cal-basic', 'cal-cancelled', 'cal-main', 'cal-public', 'cal-recent']);
  });

  it('rotating makes a new URL and the old one answers 404', async () => {
    const old = await feedOf(basic);
    const rotated = await callFunction('rotateCalendarFeed', {}, basic.idToken);
    expect(rotated.result?.url).toBeTruthy();
    expect(rotated.result!.url).not.toBe(old);
    expect((await getIcs(pathOf(old))).status).toBe(404);
    expect((await getIcs(pathOf(rotated.result!.url))).status).toBe(200);
    expect(await feedOf(basic)).toBe(rotated.result!.url);
  });

  it('answers 404 for tokens that are not ours, never 500', async () => {
    const [, , , token] = pathOf(await feedOf(basic))
      .replace(/\.ics$/, '')
      .split('/');
    const [uid64, version, ...signature] = token!.split('.');
    const adminUid64 = Buffer.from(admin.uid).toString('base64url');
    for (const forged of [
      `${adminUid64}.${version}.${signature.join('.')}`, // another member with this signature
      `${uid64}.${Number(version) + 1}.${signature.join('.')}`, // a version not signed
      `${uid64}.${version}.v1.${'A'.repeat(43)}`, // a made-up signature
      'garbage',
      `${Buffer.from('no-such-member').toString('base64url')}.0.v1.${'A'.repeat(43)}`,
    ]) {
      expect((await getIcs(`/ics/member/${forged}.ics`)).status, forged).toBe(404);
    }
    expect((await callFunction('getCalendarFeed', {})).error?.status).toBe('UNAUTHENTICATED');
  });
});

/** The mails to `to` whose subject starts with `prefix`, once `count` have arrived. */
async function mailsTo(to: string, prefix: string, count = 1): Promise<CapturedMail[]> {
  const got = await eventually(
    async () => (await inbox(to)).filter((m) => m.subject.startsWith(prefix)),
    (list) => list.length >= count,
    20_000,
  );
  return got;
}
const invite = (mail: CapturedMail | undefined) => mail?.attachments?.find((a) => a.filename.endsWith('.ics'));

describe('event mails', () => {
  let ada: SignedIn;
  let bob: SignedIn;
  let quiet: SignedIn;
  let eventId: string;

  beforeAll(async () => {
    ada = await createMember('ada-cal@example.com', { tier: 'main' });
    bob = await createMember('bob-cal@example.com', { tier: 'main' });
    quiet = await createMember('quiet-cal@example.com', { tier: 'main' });
    await db.doc(`members/${quiet.uid}`).update({ 'emailPrefs.events': false });
    eventId = await writeEvent(db, 'main', {
      id: 'cal-mail',
      title: 'Window functions live',
      capacity: 2,
      startAt: inHours(),
    });
  });

  it('confirms a registration with the invitation attached, and tells a waitlisted member', async () => {
    await writeRegistration(db, eventId, ada, 'registered');
    await writeRegistration(db, eventId, quiet, 'registered');
    await writeRegistration(db, eventId, bob, 'waitlisted');

    const [confirmation] = await mailsTo(ada.email, "You're registered: Window functions live");
    const file = invite(confirmation);
    expect(file?.contentType).toBe('text/calendar');
    const { root, events } = parse(file!.content);
    expect(root.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(events[0]!.uid).toBe('cal-mail@127.0.0.1:5173');
    expect(events[0]!.sequence).toBe(0);
    // A direct answer to the member's own action: sent even with event emails off.
    await mailsTo(quiet.email, "You're registered");
    const [waitlisted] = await mailsTo(bob.email, "You're on the waitlist: Window functions live");
    expect(invite(waitlisted)).toBeUndefined();
  });

  it('sends "you\'re in" with the invitation when a waitlisted member moves up', async () => {
    await db.doc(`events/${eventId}/registrations/${bob.uid}`).update({ status: 'registered' });
    const [promoted] = await mailsTo(bob.email, "A place opened: you're in for Window functions live");
    expect(parse(invite(promoted)!.content).root.getFirstPropertyValue('method')).toBe('REQUEST');
  });

  it('mails the new time on a reschedule: same UID, higher SEQUENCE; not to a member with event emails off', async () => {
    // Whole seconds: iCalendar times have no fractions.
    const startAt = new Date(Math.floor((Date.now() + 96 * HOUR) / 1000) * 1000);
    await db.doc(`events/${eventId}`).update({ startAt, endAt: new Date(startAt.getTime() + HOUR), sequence: 1 });
    await db.doc(`events/${eventId}/changes/1`).set({ kind: 'rescheduled', sequence: 1, notify: true, at: new Date() });

    const [update] = await mailsTo(ada.email, 'New time: Window functions live');
    const event = parse(invite(update)!.content).events[0]!;
    expect(event.uid).toBe('cal-mail@127.0.0.1:5173');
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe(startAt.toISOString());
    await mailsTo(bob.email, 'New time');
    expect((await db.doc(`mail/event-update-${eventId}-1-${quiet.uid}`).get()).exists).toBe(false);
  });

  it('sends each reminder once, even when the job runs twice', async () => {
    const startAt = (await db.doc(`events/${eventId}`).get()).get('startAt').toDate() as Date;
    const settings = { appUrl: APP_URL, from: 'Commons <hello@commons.example>' };
    const at = (ms: number) => ({ db, now: () => new Date(ms), settings });
    const dayBefore = startAt.getTime() - 20 * HOUR;
    // Registrations are from now; the 24 h reminder goes to those registered a day before the start.
    const first = await sendEventReminders(at(dayBefore));
    const again = await sendEventReminders(at(dayBefore + 5 * 60_000));
    expect(first.queued).toBe(2); // ada, bob (quiet keeps event emails off)
    expect(again.queued).toBe(0);
    const hourBefore = startAt.getTime() - 30 * 60_000;
    expect((await sendEventReminders(at(hourBefore))).queued).toBe(2);
    expect((await sendEventReminders(at(hourBefore))).queued).toBe(0);

    await mailsTo(ada.email, 'Tomorrow: Window functions live');
    await mailsTo(ada.email, 'Starting in an hour: Window functions live');
    const reminders = (await inbox(ada.email)).filter((m) => /^(Tomorrow|Starting in an hour):/.test(m.subject));
    expect(reminders.map((m) => m.subject).sort()).toEqual([
      'Starting in an hour: Window functions live',
      'Tomorrow: Window functions live',
    ]);
    expect((await inbox(quiet.email)).some((m) => /^(Tomorrow|Starting)/.test(m.subject))).toBe(false);
  });

  it('mails the cancellation with METHOD:CANCEL when notifying, and nothing without notice', async () => {
    await db.doc(`events/${eventId}`).update({ status: 'cancelled', sequence: 2 });
    await db.doc(`events/${eventId}/changes/2`).set({ kind: 'cancelled', sequence: 2, notify: true, at: new Date() });
    const [cancelled] = await mailsTo(ada.email, 'Cancelled: Window functions live');
    const { root, events } = parse(invite(cancelled)!.content);
    expect(root.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[0]!.sequence).toBe(2);

    const silent = await writeEvent(db, 'main', {
      id: 'cal-silent',
      status: 'cancelled',
      sequence: 1,
      startAt: inHours(),
    });
    await writeRegistration(db, silent, ada, 'registered');
    await db.doc(`events/${silent}/changes/1`).set({ kind: 'cancelled', sequence: 1, notify: false, at: new Date() });
    await new Promise((r) => setTimeout(r, 2000));
    const mails = await db.collection('mail').where('uid', '==', ada.uid).get();
    expect(mails.docs.map((d) => d.id).filter((id) => id.includes('cal-silent'))).toEqual([]);
  });
});

describe('announce an event', () => {
  it('queues the teaser with its time and page; announcing twice is refused', async () => {
    const eventId = await writeEvent(db, 'main', {
      id: 'cal-announce',
      title: 'Query plans explained',
      startAt: inHours(),
    });
    const res = await callFunction('announce', { eventId }, admin.idToken);
    expect(res.error).toBeUndefined();
    expect(res.result?.id).toBe('event_cal-announce');
    const doc = (await db.doc('announcements/event_cal-announce').get()).data();
    expect(doc).toMatchObject({
      kind: 'event',
      refId: eventId,
      title: 'Query plans explained',
      kindLabel: 'New event',
    });
    expect(doc?.url).toBe(`${APP_URL}/events/cal-announce`);
    expect(doc?.summary).toMatch(/\(Europe\/Berlin\)/);
    expect((await callFunction('announce', { eventId }, admin.idToken)).error?.status).toBe('ALREADY_EXISTS');
    expect((await callFunction('announce', { eventId: 'cal-draft' }, admin.idToken)).error?.status).toBe(
      'FAILED_PRECONDITION',
    );
    expect((await callFunction('announce', { eventId, materialId: 'x' }, admin.idToken)).error?.status).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

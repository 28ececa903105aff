import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import type { EventStatus, Registration, RegistrationStatus } from '../../functions/src/shared/events';
import { makeEvent, makeMemberDoc } from '../../functions/src/testing/factories';
import { dbFor, documentOperations, reader, READERS, rulesSuite, whoCan, type ReaderName } from './readers';

// Events (functions/src/shared/events.ts): every write goes through the event callables, so clients
// write nothing. The teaser is public once published or cancelled; the join details need the rank, a
// registration (not a waitlist place) and the join window; registrations are each member's own; the
// source, the mirrors' ids and the change log are for admins.

const HOUR = 3_600_000;
const past = new Date(Date.now() - HOUR);
const future = new Date(Date.now() + 24 * HOUR);
const STAMP = 1_700_000_000;

const registration = (uid: string, status: RegistrationStatus): Registration<Date> => ({
  uid,
  email: `${uid}@example.com`,
  name: uid,
  status,
  source: 'web',
  createdAt: past,
});

/** Events seeded: a main event at each status, open (window started) or not yet, and a public one. */
const EVENTS: Array<[string, string, EventStatus, Date]> = [
  ['e-draft', 'main', 'draft', past],
  ['e-open', 'main', 'published', past],
  ['e-later', 'main', 'published', future],
  ['e-cancelled', 'main', 'cancelled', past],
  ['e-public', 'public', 'published', past],
];

/** Who holds what at the main events: main registered, premium waitlisted, basic registered (rank too low). */
const REGISTERED: Array<[string, RegistrationStatus]> = [
  ['u-main', 'registered'],
  ['u-premium', 'waitlisted'],
  ['u-basic', 'registered'],
  ['u-admin', 'registered'],
  ['u-stale', 'registered'],
];

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  for (const [id, access, status, opensAt] of EVENTS) {
    const { teaser, join, source } = makeEvent(access, { status, opensAt });
    await setDoc(doc(db, `events/${id}`), teaser);
    await setDoc(doc(db, `events/${id}/gated/join`), join);
    await setDoc(doc(db, `events/${id}/private/source`), source);
    await setDoc(doc(db, `events/${id}/private/sync`), {
      zoom: { meetingId: '1', uuid: 'u', joinUrl: 'x', syncedSequence: 0 },
    });
    await setDoc(doc(db, `events/${id}/changes/0`), { kind: 'published', sequence: 0, notify: true, at: past });
    const holders: Array<[string, RegistrationStatus]> = access === 'public' ? [['u-free', 'registered']] : REGISTERED;
    for (const [uid, state] of holders) {
      await setDoc(doc(db, `events/${id}/registrations/${uid}`), registration(uid, state));
    }
  }
  // A main member whose claims changed at STAMP: tokens from before it are stale (the readers' mock tokens
  // carry iat 0, so the stamp is on a member of its own).
  await setDoc(
    doc(db, 'members/u-stale'),
    makeMemberDoc({ email: 'stale@example.com', tier: 'main', tokensValidAfter: STAMP }),
  );
});

const NOT_ANON: ReaderName[] = ['free', 'basic', 'main', 'premium', 'admin'];
const EVERYONE: ReaderName[] = ['anonymous', ...NOT_ANON];

describe('events/{id} teaser', () => {
  describe('published', () => whoCan(env, documentOperations('events/e-open', { get: EVERYONE, list: ['admin'] })));
  describe('cancelled', () =>
    whoCan(env, documentOperations('events/e-cancelled', { get: EVERYONE, list: ['admin'] })));
  describe('draft', () => whoCan(env, documentOperations('events/e-draft', { get: ['admin'], list: ['admin'] })));

  it.each(READERS.map((r) => [r.name]))('%s can list published and cancelled events by status', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDocs(query(collection(db, 'events'), where('status', 'in', ['published', 'cancelled']))));
    await assertSucceeds(getDocs(query(collection(db, 'events'), where('status', '==', 'published'))));
  });

  it.each(READERS.map((r) => [r.name]))('%s cannot create, overwrite or delete an event', async (name) => {
    const db = dbFor(env(), reader(name));
    const { teaser } = makeEvent('public');
    await assertFails(setDoc(doc(db, 'events/new'), teaser));
    await assertFails(setDoc(doc(db, 'events/e-open'), { ...teaser, registered: 0 }));
  });
});

describe('events/{id}/gated/join', () => {
  // Only the registered member of the rank once the window opened (and admins); waitlisted premium and
  // registered-but-basic stay out.
  describe('open window, main event', () =>
    whoCan(env, documentOperations('events/e-open/gated/join', { get: ['main', 'admin'] })));
  describe('before the window opens', () =>
    whoCan(env, documentOperations('events/e-later/gated/join', { get: ['admin'] })));
  describe('a draft', () => whoCan(env, documentOperations('events/e-draft/gated/join', { get: ['admin'] })));
  describe('a cancelled event', () =>
    whoCan(env, documentOperations('events/e-cancelled/gated/join', { get: ['admin'] })));
  describe('a public event: the registered member only, never a visitor', () =>
    whoCan(env, documentOperations('events/e-public/gated/join', { get: ['free', 'admin'] })));

  it('a token from before a downgrade cannot read it; one issued after can', async () => {
    const token = (iat: number) => env().authenticatedContext('u-stale', { tier: 'main', rank: 30, iat }).firestore();
    await assertFails(getDoc(doc(token(STAMP - 60), 'events/e-open/gated/join')));
    await assertFails(getDoc(doc(token(STAMP), 'events/e-open/gated/join')));
    await assertSucceeds(getDoc(doc(token(STAMP + 1), 'events/e-open/gated/join')));
  });

  it('another document under gated is closed even to a registered member', async () => {
    await env().withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), 'events/e-open/gated/other'), makeEvent('main').join);
    });
    await assertFails(getDoc(doc(dbFor(env(), reader('main')), 'events/e-open/gated/other')));
  });

  it('registering from a client does not open it', async () => {
    const db = dbFor(env(), reader('premium'));
    await assertFails(
      setDoc(doc(db, 'events/e-open/registrations/u-premium'), registration('u-premium', 'registered')),
    );
    await assertFails(getDoc(doc(db, 'events/e-open/gated/join')));
  });
});

describe('events/{id}/registrations/{uid}', () => {
  describe('own registration', () =>
    whoCan(env, documentOperations('events/e-open/registrations/u-main', { get: ['main', 'admin'], list: ['admin'] })));
  describe('own waitlist place', () =>
    whoCan(
      env,
      documentOperations('events/e-open/registrations/u-premium', { get: ['premium', 'admin'], list: ['admin'] }),
    ));

  it("a member cannot read another member's registration, nor list their own by query", async () => {
    const db = dbFor(env(), reader('main'));
    await assertFails(getDoc(doc(db, 'events/e-open/registrations/u-premium')));
    await assertFails(getDocs(query(collection(db, 'events/e-open/registrations'), where('uid', '==', 'u-main'))));
  });

  it('a member reads whether they hold a place on an event they are not registered for (absent)', async () => {
    await assertSucceeds(getDoc(doc(dbFor(env(), reader('free')), 'events/e-open/registrations/u-free')));
  });
});

describe('events/{id}/private and changes', () => {
  for (const path of ['events/e-open/private/source', 'events/e-open/private/sync', 'events/e-open/changes/0']) {
    describe(path, () => whoCan(env, documentOperations(path, { get: ['admin'], list: ['admin'] })));
  }

  it('nothing else under an event is readable', async () => {
    await env().withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), 'events/e-open/other/x'), { a: 1 });
    });
    await assertFails(getDoc(doc(dbFor(env(), reader('admin')), 'events/e-open/other/x')));
  });
});

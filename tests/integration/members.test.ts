import { beforeAll, describe, expect, it } from 'vitest';
import { expireGrants } from '../../functions/src/members/member-store';
import {
  adminSdk,
  callFunction,
  clearEmulators,
  readMember as member,
  signIn,
  signInCurrent,
  signUp,
  tokenClaims,
  type SignedIn,
} from '../support/emulators';
import { verifyThroughInbox } from '../support/inbox';

// Sign-up is what this suite is about, so its members come through signUp (the blocking function runs).
const { db, auth } = adminSdk();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

let admin: SignedIn;
let adminAtSignUp: SignedIn;
let alice: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  // Listed in ADMIN_EMAILS for the demo project: admin once the address is verified, at the next sign-in.
  adminAtSignUp = await signUp('admin@demo.test');
  await verifyThroughInbox('admin@demo.test');
  admin = await signIn('admin@demo.test');
  alice = await signUp('alice@example.com');
});

describe('sign-up (beforeUserCreated)', () => {
  it('starts every member as free, in the first ID token and in members/{uid}', async () => {
    expect(tokenClaims(alice.idToken)).toMatchObject({ tier: 'free', rank: 10 });
    expect(tokenClaims(alice.idToken).admin).toBeUndefined();
    expect(await member(alice.uid)).toMatchObject({
      email: 'alice@example.com',
      tier: 'free',
      rank: 10,
      admin: false,
      grant: null,
      emailPrefs: { newsletter: true, events: true },
    });
  });

  it('makes ADMIN_EMAILS admins once the address is verified (a password sign-up is not)', async () => {
    expect(tokenClaims(adminAtSignUp.idToken).admin).toBeUndefined();
    expect(tokenClaims(admin.idToken)).toMatchObject({ tier: 'free', rank: 10, admin: true });
    expect(await member(admin.uid)).toMatchObject({ admin: true, emailVerified: true });
  });
});

describe('grantComplimentary / revokeComplimentary', () => {
  it('refuses visitors and non-admins', async () => {
    const anon = await callFunction('grantComplimentary', { email: 'alice@example.com', tier: 'premium' });
    expect(anon.error?.status).toBe('UNAUTHENTICATED');
    const self = await callFunction('grantComplimentary', { uid: alice.uid, tier: 'premium' }, alice.idToken);
    expect(self.error?.status).toBe('PERMISSION_DENIED');
    expect((await member(alice.uid)).tier).toBe('free');
  });

  it.each([
    ['no tier', { email: 'alice@example.com' }, /tier/],
    ['both email and uid', { email: 'alice@example.com', uid: 'x', tier: 'main' }, /exactly one/],
    ['a bad email', { email: 'not-an-email', tier: 'main' }, /email/],
    ['an unknown tier', { email: 'alice@example.com', tier: 'platinum' }, /Unknown tier "platinum"/],
    ['an end date in the past', { email: 'alice@example.com', tier: 'main', endsAt: '2020-01-01' }, /future/],
    ['an unparseable end date', { email: 'alice@example.com', tier: 'main', endsAt: 'next week' }, /endsAt/],
    ['extra fields', { email: 'alice@example.com', tier: 'main', rank: 99 }, /rank|Unrecognized/i],
    ['not an object', 'premium please', /object/],
  ])('answers invalid-argument with a message for %s, and writes nothing', async (_label, data, message) => {
    const res = await callFunction('grantComplimentary', data, admin.idToken);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toMatch(message);
    expect((await member(alice.uid)).grant).toBeNull();
    expect((await auth.getUser(alice.uid)).customClaims).toMatchObject({ tier: 'free', rank: 10 });
  });

  it('answers not-found for an unknown member', async () => {
    const res = await callFunction('grantComplimentary', { email: 'nobody@example.com', tier: 'main' }, admin.idToken);
    expect(res.error?.status).toBe('NOT_FOUND');
  });

  it('grants a tier: claims, member mirror and claimsUpdatedAt move together; revoke falls back', async () => {
    const before = (await member(alice.uid)).claimsUpdatedAt.toMillis();
    const res = await callFunction(
      'grantComplimentary',
      { email: 'ALICE@example.com', tier: 'premium', endsAt: inDays(30), note: 'speaker' },
      admin.idToken,
    );
    expect(res.result?.tier).toBe('premium');
    expect((await auth.getUser(alice.uid)).customClaims).toEqual({ tier: 'premium', rank: 40 });
    const after = await member(alice.uid);
    expect(after).toMatchObject({
      tier: 'premium',
      rank: 40,
      grant: { tier: 'premium', note: 'speaker', grantedBy: 'admin@demo.test' },
    });
    expect(after.claimsUpdatedAt.toMillis()).toBeGreaterThan(before);
    // A fresh sign-in carries the new claims.
    expect(tokenClaims((await signIn('alice@example.com')).idToken)).toMatchObject({ tier: 'premium', rank: 40 });

    const revoked = await callFunction('revokeComplimentary', { uid: alice.uid }, admin.idToken);
    expect(revoked.result?.tier).toBe('free');
    expect((await auth.getUser(alice.uid)).customClaims).toEqual({ tier: 'free', rank: 10 });
    expect((await member(alice.uid)).grant).toBeNull();
  });

  it('never wipes the admin claim when granting to an admin', async () => {
    await callFunction('grantComplimentary', { uid: admin.uid, tier: 'main' }, admin.idToken);
    expect((await auth.getUser(admin.uid)).customClaims).toEqual({ tier: 'main', rank: 30, admin: true });
    const onMain = await signIn('admin@demo.test');
    await callFunction('revokeComplimentary', { uid: admin.uid }, admin.idToken);
    expect((await auth.getUser(admin.uid)).customClaims).toEqual({ tier: 'free', rank: 10, admin: true });
    // Main -> free is a downgrade: a token from before it that still says main is refused by callables;
    // one that claims no more than the member holds now keeps working.
    const stale = await callFunction('grantComplimentary', { uid: alice.uid, tier: 'main' }, onMain.idToken);
    expect(stale.error?.status).toBe('UNAUTHENTICATED');
    expect((await auth.getUser(alice.uid)).customClaims).toEqual({ tier: 'free', rank: 10 });
    admin = await signInCurrent('admin@demo.test');
  });
});

describe('expireGrants (the hourly job, called directly)', () => {
  it('drops expired grants to free and leaves running ones alone', async () => {
    const bob = await signUp('bob@example.com');
    await callFunction('grantComplimentary', { uid: alice.uid, tier: 'main', endsAt: inDays(2) }, admin.idToken);
    await callFunction('grantComplimentary', { uid: bob.uid, tier: 'basic', endsAt: null }, admin.idToken);
    const deps = { db, auth, now: () => new Date(Date.now() + 3 * 86_400_000) };

    expect(await expireGrants(deps)).toEqual([alice.uid]);
    expect((await auth.getUser(alice.uid)).customClaims).toEqual({ tier: 'free', rank: 10 });
    expect(await member(alice.uid)).toMatchObject({ tier: 'free', grant: null, lastGrant: { tier: 'main' } });
    expect((await auth.getUser(bob.uid)).customClaims).toEqual({ tier: 'basic', rank: 20 });
    // Running again finds nothing: the job is idempotent.
    expect(await expireGrants(deps)).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { queueMail } from '../../functions/src/mail/queue-mail';
import {
  adminSdk,
  callFunction,
  clearEmulators,
  eventually,
  readMember,
  signIn,
  signUp,
  tokenClaims,
  type SignedIn,
} from '../support/emulators';
import { createMember } from '../support/factories';
import { clearInbox, inbox, verifyThroughInbox } from '../support/inbox';

// Password accounts and their addresses, through the Auth emulator's REST API (the blocking functions
// run), the real callables and the SMTP capture's dev inbox.
const { db, auth } = adminSdk();
const ADMIN_EMAIL = 'admin@demo.test'; // in ADMIN_EMAILS for the demo project
const verificationMails = async (email: string) =>
  (await inbox(email)).filter((m) => m.subject === 'Verify your email address');
const checkout = (idToken: string) =>
  callFunction('createCheckoutSession', { tier: 'main', interval: 'monthly' }, idToken);

let pending: SignedIn; // the ADMIN_EMAILS address, signed up with a password, not verified yet
let other: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  await clearInbox();
  pending = await signUp(ADMIN_EMAIL);
  other = await signUp('unverified@example.com');
});

describe('a password sign-up', () => {
  it('is not made admin by ADMIN_EMAILS before the address is verified', async () => {
    expect(tokenClaims(pending.idToken)).toMatchObject({ tier: 'free', rank: 10 });
    expect(tokenClaims(pending.idToken).admin).toBeUndefined();
    expect(await readMember(pending.uid)).toMatchObject({ admin: false, emailVerified: false });
    expect((await auth.getUser(pending.uid)).customClaims?.admin).toBeUndefined();
  });

  it('gets one verification mail through the outbox, with Firebase Auth’s action link', async () => {
    const [mail] = await eventually(
      () => verificationMails(ADMIN_EMAIL),
      (m) => m.length === 1,
    );
    expect(mail!.text).toMatch(/Verify my email: http:\/\/127\.0\.0\.1:9099\/emulator\/action\?mode=verifyEmail&/);
    expect((await db.doc(`mail/${pending.uid}_verify-email`).get()).get('state')).toBe('sent');
  });

  it('cannot check out: failed-precondition, with what to do', async () => {
    const res = await checkout(pending.idToken);
    expect(res.error?.status).toBe('FAILED_PRECONDITION');
    expect(res.error?.message).toMatch(/^Verify your email first/);
    expect((await readMember(pending.uid)).stripeCustomerId).toBeUndefined();
  });

  it('can ask for the link again, once per few minutes', async () => {
    const again = await callFunction('resendVerification', {}, other.idToken);
    expect(again.result).toEqual({ verified: false, sent: true });
    const twice = await callFunction('resendVerification', {}, other.idToken);
    expect(twice.error?.status).toBe('FAILED_PRECONDITION');
    expect(twice.error?.message).toMatch(/a moment ago/);
    await eventually(
      () => verificationMails('unverified@example.com'),
      (m) => m.length === 2, // the first one at sign-up, and this one
    );
    expect((await callFunction('resendVerification', { extra: 1 }, other.idToken)).error?.status).toBe(
      'INVALID_ARGUMENT',
    );
    expect((await callFunction('resendVerification', {})).error?.status).toBe('UNAUTHENTICATED');
  });

  it('receives no other member mail until verified: the outbox skips it', async () => {
    const batch = db.batch();
    queueMail(
      db,
      batch,
      {
        key: `${other.uid}_welcome_test`,
        to: other.email,
        uid: other.uid,
        template: 'welcome',
        data: { tier: 'main', tierName: 'Main' },
      },
      new Date(),
    );
    await batch.commit();
    const state = await eventually(
      async () => (await db.doc(`mail/${other.uid}_welcome_test`).get()).get('state') as string,
      (s) => s === 'skipped',
    );
    expect(state).toBe('skipped');
    expect((await inbox('unverified@example.com')).some((m) => m.subject === 'Welcome to Main')).toBe(false);
  });

  it('receives no newsletter until verified', async () => {
    const sender = await createMember('sender@example.com', { admin: true });
    const subject = 'Verified readers only';
    const saved = await callFunction(
      'saveNewsletter',
      { newsletter: { subject, sections: [{ access: 'public', markdown: 'Hello' }], audience: 'everyone' } },
      sender.idToken,
    );
    await callFunction('sendNewsletter', { id: saved.result!.id, at: null }, sender.idToken);
    await eventually(
      async () => (await db.doc(`newsletters/${saved.result!.id}`).get()).get('status') as string,
      (s) => s === 'sent',
      30_000,
    );
    const got = (await inbox()).filter((m) => m.subject === subject).flatMap((m) => m.to);
    expect(got).toContain('sender@example.com');
    expect(got).not.toContain('unverified@example.com');
    expect(got).not.toContain(ADMIN_EMAIL);
  }, 60_000);
});

describe('once the address is verified', () => {
  it('the next sign-in mirrors it and makes an ADMIN_EMAILS address admin (beforeUserSignedIn)', async () => {
    await verifyThroughInbox(ADMIN_EMAIL);
    expect((await auth.getUser(pending.uid)).emailVerified).toBe(true);
    const again = await signIn(ADMIN_EMAIL);
    expect(tokenClaims(again.idToken)).toMatchObject({ tier: 'free', rank: 10, admin: true });
    expect(await readMember(pending.uid)).toMatchObject({ admin: true, emailVerified: true });
  });

  it('checkout no longer stops at the address', async () => {
    const res = await checkout((await signIn(ADMIN_EMAIL)).idToken);
    expect(res.error?.message ?? '').not.toMatch(/Verify your email/);
  });

  it('resendVerification sends nothing and catches the member document up without a sign-in', async () => {
    await verifyThroughInbox('unverified@example.com');
    const before = (await verificationMails('unverified@example.com')).length;
    expect((await callFunction('resendVerification', {}, other.idToken)).result).toEqual({
      verified: true,
      sent: false,
    });
    expect((await readMember(other.uid)).emailVerified).toBe(true);
    expect(await verificationMails('unverified@example.com')).toHaveLength(before);
  });
});

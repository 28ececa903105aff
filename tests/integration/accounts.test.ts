import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapEnv } from '../../functions/src/app/params';
import { settingsFrom } from '../../functions/src/app/settings';
import { demoEnv } from '../../functions/src/scripts/demo-env';
import { ACCOUNT_MAIL_ANSWERS, CHANGE_EMAIL_REFUSED } from '../../functions/src/auth/account-mail';
import { RATE_LIMITS, REFUSED_ACCOUNT_MAIL } from '../../functions/src/signup/signup-limits';
import { MAIL } from '../../functions/src/shared/mail';
import type { CallableName } from '../../functions/src/shared/callables';
import {
  FUNCTIONS,
  adminSdk,
  callFunction,
  clearEmulators,
  eventually,
  readMember,
  signIn,
} from '../support/emulators';
import { createMember } from '../support/factories';
import { clearInbox, inbox } from '../support/inbox';

// The account mails through the real callables, the outbox and the SMTP capture: "Forgot password" and
// "Email me a sign-in link" answer the same for a member and anyone else, mail only members, and take
// from the signup box's limits; "Change email" mails the new address, and the member document follows.

const { db, auth } = adminSdk();
const LIMITS = settingsFrom(mapEnv(demoEnv())).signupLimits;
const PASSWORD = 'demo-password'; // createMember's

let sequence = 0;
const address = (what: string) => `${what}-${Date.now()}-${++sequence}@example.com`;
/** A network no earlier call in this file used (TEST-NET-3), as Google's front end would pass it on. */
const network = () => `203.0.113.${++sequence % 250}`;

async function ask(
  name: Extract<CallableName, 'requestPasswordReset' | 'sendSignInLink'>,
  data: Record<string, unknown>,
  forwardedFor = network(),
): Promise<{ message?: string; status?: string }> {
  const res = await fetch(`${FUNCTIONS}/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ data }),
  });
  const json = (await res.json()) as { result?: { message: string }; error?: { status: string; message: string } };
  return json.result ? { message: json.result.message } : { status: json.error?.status, message: json.error?.message };
}

const queued = async (template: string, to: string) =>
  (await db.collection(MAIL).where('template', '==', template).where('to', '==', to).get()).docs;
const mailed = async (subject: string, to: string) => (await inbox(to)).filter((m) => m.subject === subject);
const linkIn = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1] ?? '';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await clearEmulators();
  await clearInbox();
});
beforeEach(async () => {
  await db.recursiveDelete(db.collection(RATE_LIMITS));
});

describe('Forgot password', () => {
  it('answers a member and a stranger alike, and mails only the member a link to the app’s reset page', async () => {
    const member = await createMember(address('reset'));
    const stranger = address('stranger');
    const forMember = await ask('requestPasswordReset', { email: member.email, next: '/materials/m1' });
    const forStranger = await ask('requestPasswordReset', { email: stranger, next: '/materials/m1' });
    expect(forMember).toEqual({ message: ACCOUNT_MAIL_ANSWERS['password-reset'] });
    expect(forStranger).toEqual(forMember);

    const [mail] = await eventually(
      () => mailed('Reset your Commons password', member.email),
      (m) => m.length === 1,
      20_000,
    );
    const link = new URL(linkIn(mail!.text, 'Choose a new password'));
    expect(link.pathname).toBe('/reset-password');
    expect(link.searchParams.get('next')).toBe('/materials/m1');
    const oobCode = link.searchParams.get('oobCode') ?? '';
    expect(oobCode).not.toBe('');
    expect(await queued('password-reset', stranger)).toHaveLength(0);

    // The code is Firebase's own: the web SDK's confirmPasswordReset call sets the new password.
    const res = await fetch(
      'http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1/accounts:resetPassword?key=demo-key',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ oobCode, newPassword: 'a-new-password' }),
      },
    );
    expect(res.status).toBe(200);
    await expect(signIn(member.email, 'a-new-password')).resolves.toMatchObject({ uid: member.uid });
    await expect(signIn(member.email, PASSWORD)).rejects.toThrow(/INVALID/);
    // Nothing reached the stranger's address.
    await pause(500);
    expect(await mailed('Reset your Commons password', stranger)).toHaveLength(0);
  });

  it('the same address twice: the second ask is refused alike for a member and a stranger, with no second mail', async () => {
    const member = await createMember(address('twice'));
    const stranger = address('twice-stranger');
    for (const email of [member.email, stranger]) {
      expect(await ask('requestPasswordReset', { email })).toEqual({ message: ACCOUNT_MAIL_ANSWERS['password-reset'] });
      expect(await ask('requestPasswordReset', { email })).toEqual({
        status: 'RESOURCE_EXHAUSTED',
        message: REFUSED_ACCOUNT_MAIL.address(10 * 60 * 1000),
      });
    }
    expect(await queued('password-reset', member.email)).toHaveLength(1);
  });

  it(`one network gets ${LIMITS.perClient} asks per window, whatever the addresses`, async () => {
    const from = network();
    for (let i = 0; i < LIMITS.perClient; i++) {
      expect(await ask('requestPasswordReset', { email: address('client') }, from)).toEqual({
        message: ACCOUNT_MAIL_ANSWERS['password-reset'],
      });
    }
    expect(await ask('requestPasswordReset', { email: address('client') }, from)).toEqual({
      status: 'RESOURCE_EXHAUSTED',
      message: REFUSED_ACCOUNT_MAIL.client,
    });
    // Another network is not held back, and the signup box keeps its own counters.
    expect(await ask('requestPasswordReset', { email: address('client') })).toEqual({
      message: ACCOUNT_MAIL_ANSWERS['password-reset'],
    });
    const ids = (await db.collection(RATE_LIMITS).listDocuments()).map((d) => d.id);
    expect(ids.every((id) => id.startsWith('password-reset-'))).toBe(true);
  });
});

describe('Email me a sign-in link', () => {
  it('mails a member a link that names the address and lands on next; a stranger gets the same answer and nothing', async () => {
    const member = await createMember(address('link'));
    const stranger = address('link-stranger');
    const answer = { message: ACCOUNT_MAIL_ANSWERS['sign-in-link'] };
    expect(await ask('sendSignInLink', { email: member.email, next: '/events/e1?x=1' })).toEqual(answer);
    expect(await ask('sendSignInLink', { email: stranger })).toEqual(answer);

    const [mail] = await eventually(
      () => mailed('Your Commons sign-in link', member.email),
      (m) => m.length === 1,
      20_000,
    );
    // The Auth emulator's action link continues to /sign-in/finish with `next` and `email`.
    const action = new URL(linkIn(mail!.text, 'Sign in to Commons'));
    const finish = new URL(action.searchParams.get('continueUrl') ?? '');
    expect(finish.pathname).toBe('/sign-in/finish');
    expect(finish.searchParams.get('next')).toBe('/events/e1?x=1');
    expect(finish.searchParams.get('email')).toBe(member.email);
    expect(await queued('sign-in-link', stranger)).toHaveLength(0);
  });
});

describe('Change email', () => {
  it('mails the new address; opening the link changes the account, and the member document follows', async () => {
    const member = await createMember(address('mover'));
    const fresh = address('moved');
    const sent = await callFunction('requestEmailChange', { newEmail: fresh }, member.idToken);
    expect(sent.result?.message).toContain(fresh);
    // A second ask within minutes is refused, without a second mail.
    const again = await callFunction('requestEmailChange', { newEmail: fresh }, member.idToken);
    expect(again.error).toEqual({ status: 'FAILED_PRECONDITION', message: CHANGE_EMAIL_REFUSED.again });

    const [mail] = await eventually(
      () => mailed('Confirm your new email address', fresh),
      (m) => m.length === 1,
      20_000,
    );
    expect(await mailed('Confirm your new email address', member.email)).toHaveLength(0);
    // The Auth emulator's action page applies it, then redirects to the account page.
    const res = await fetch(linkIn(mail!.text, 'Confirm my new address'), { redirect: 'manual' });
    expect(res.status).toBeLessThan(400);
    expect((await auth.getUser(member.uid)).email).toBe(fresh);

    // The account page (or the next sign-in) catches the member document up.
    const moved = await signIn(fresh, PASSWORD);
    await callFunction('resendVerification', {}, moved.idToken);
    expect((await readMember(member.uid)).email).toBe(fresh);
  });

  it('an address another account holds gets no mail, and the same answer', async () => {
    const member = await createMember(address('taker'));
    const other = await createMember(address('holder'));
    const res = await callFunction('requestEmailChange', { newEmail: other.email }, member.idToken);
    expect(res.result?.message).toContain(other.email);
    expect(await queued('change-email', other.email)).toHaveLength(0);
  });

  it('refuses the address the member already has, and a visitor', async () => {
    const member = await createMember(address('same'));
    const same = await callFunction('requestEmailChange', { newEmail: member.email }, member.idToken);
    expect(same.error).toEqual({ status: 'INVALID_ARGUMENT', message: CHANGE_EMAIL_REFUSED.same });
    const visitor = await callFunction('requestEmailChange', { newEmail: address('x') });
    expect(visitor.error?.status).toBe('UNAUTHENTICATED');
  });
});

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapEnv } from '../../functions/src/app/params';
import { settingsFrom } from '../../functions/src/app/settings';
import { demoEnv } from '../../functions/src/scripts/demo-env';
import { REFUSED, RATE_LIMITS } from '../../functions/src/signup/signup-limits';
import { MAIL } from '../../functions/src/shared/mail';
import { FUNCTIONS, adminSdk, clearEmulators, eventually } from '../support/emulators';
import { createMember } from '../support/factories';
import { clearInbox, inbox } from '../support/inbox';

// The signup box's limits through the real callable on the emulators, the outbox and the SMTP capture:
// per client, per address, and the confirmation mails per minute overall, as functions/.env.demo-commons
// sets them. The emulator passes X-Forwarded-For through as sent, so each call says which network it
// comes from the way Google's front end would (its address last); an App Check token is decoded
// unverified there (the emulator skips verification), so a call can name its app too.

const { db } = adminSdk();
const LIMITS = settingsFrom(mapEnv(demoEnv())).signupLimits;
const OK = 'Check your inbox: we sent you a link to confirm.';

interface From {
  /** The X-Forwarded-For header, as Google's front end would pass it on. */
  forwardedFor: string;
  /** An App Check app id, carried in an (unsigned) App Check token. */
  appId?: string;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const appCheckToken = (appId: string) => `${b64({ alg: 'none' })}.${b64({ sub: appId })}.x`;

async function subscribe(email: string, from: From): Promise<{ message?: string; status?: string }> {
  const res = await fetch(`${FUNCTIONS}/subscribeVisitor`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': from.forwardedFor,
      ...(from.appId ? { 'x-firebase-appcheck': appCheckToken(from.appId) } : {}),
    },
    body: JSON.stringify({ data: { email } }),
  });
  const json = (await res.json()) as { result?: { message: string }; error?: { status: string; message: string } };
  return json.result ? { message: json.result.message } : { status: json.error?.status, message: json.error?.message };
}

let sequence = 0;
const address = (what: string) => `${what}-${++sequence}@example.com`;
/** A network no earlier call in this file used (TEST-NET-2). */
const network = () => `198.51.100.${++sequence % 250}`;
const confirmations = async (email: string) =>
  (await inbox(email)).filter((m) => m.subject === 'Confirm your subscription');
const queuedConfirmations = async (emails: string[]) => {
  const wanted = new Set(emails);
  const mails = await db.collection(MAIL).where('template', '==', 'confirm-subscription').get();
  return mails.docs.filter((d) => wanted.has(d.get('to') as string)).length;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  expect(LIMITS.mailsPerMinute).toBeGreaterThan(1);
  expect(LIMITS.perClient).toBeGreaterThan(1);
  await clearEmulators();
  await clearInbox();
});

// Every test starts with fresh counters (the overall one would otherwise carry over within the minute).
beforeEach(async () => {
  await db.recursiveDelete(db.collection(RATE_LIMITS));
});

describe('the signup box, rate limited', () => {
  it('the same address twice, even from another network: one mail; the second ask is told to look in the inbox', async () => {
    const email = address('twice');
    expect(await subscribe(email, { forwardedFor: network() })).toEqual({ message: OK });
    const again = await subscribe(email, { forwardedFor: network() });
    expect(again).toEqual({ status: 'RESOURCE_EXHAUSTED', message: REFUSED.address(10 * 60 * 1000) });
    expect(again.message).toContain('try again in 10 minutes');
    await eventually(
      () => confirmations(email),
      (m) => m.length === 1,
      20_000,
    );
    await pause(1500);
    expect(await confirmations(email)).toHaveLength(1);
  });

  it('a member’s address gets the same answers as a visitor’s, and no mail', async () => {
    const member = 'limits-member@example.com';
    await createMember(member);
    const visitor = address('visitor');
    const answers = async (email: string) => [
      await subscribe(email, { forwardedFor: network() }),
      await subscribe(email, { forwardedFor: network() }),
    ];
    const [forMember, forVisitor] = [await answers(member), await answers(visitor)];
    expect(forMember).toEqual(forVisitor);
    expect(forMember[1]?.status).toBe('RESOURCE_EXHAUSTED');
    await eventually(
      () => confirmations(visitor),
      (m) => m.length === 1,
      20_000,
    );
    expect(await confirmations(member)).toHaveLength(0);
  });

  it('one network gets SIGNUPS_PER_CLIENT sign-ups, then resource-exhausted; a forged X-Forwarded-For does not help; other clients go on', async () => {
    const ip = network();
    for (let i = 0; i < LIMITS.perClient; i++) {
      expect(await subscribe(address('client'), { forwardedFor: ip })).toEqual({ message: OK });
    }
    const refused = { status: 'RESOURCE_EXHAUSTED', message: REFUSED.client };
    expect(await subscribe(address('client'), { forwardedFor: ip })).toEqual(refused);
    expect(REFUSED.client).toBe('Too many sign-ups from your network; try again in a few minutes.');
    // What the client writes into the header comes first; Google's front end appends the real address.
    expect(await subscribe(address('client'), { forwardedFor: `${network()}, ${ip}` })).toEqual(refused);
    // Another network, and the same network in another App Check app, are other clients.
    expect(await subscribe(address('client'), { forwardedFor: network() })).toEqual({ message: OK });
    expect(await subscribe(address('client'), { forwardedFor: ip, appId: '1:000:web:other' })).toEqual({ message: OK });
  });

  it('50 sign-ups in one burst from 50 networks: at most SIGNUP_MAILS_PER_MINUTE mails, resource-exhausted for the rest', async () => {
    // As fast as the emulator takes them, 10 in flight (it starts one worker process per concurrent call, so
    // not all 50 at once on a small machine); workers up first, with calls that change nothing. Any burst
    // shorter than the minute the overall limit counts shows the same.
    const CONCURRENCY = 10;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, () => subscribe('not-an-email', { forwardedFor: network() })),
    );

    const emails = Array.from({ length: 50 }, () => address('burst'));
    const started = Date.now();
    const answers: Awaited<ReturnType<typeof subscribe>>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < emails.length) {
          const i = next++;
          answers[i] = await subscribe(emails[i]!, { forwardedFor: `203.0.113.${i + 1}` });
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`50 sign-ups in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(30); // well inside the minute the overall limit counts

    const sent = answers.filter((a) => a.message === OK).length;
    const refused = answers.filter((a) => a.status === 'RESOURCE_EXHAUSTED');
    expect(sent + refused.length).toBe(50); // nothing else: no internal error under the burst
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(LIMITS.mailsPerMinute);
    expect(new Set(refused.map((a) => a.message))).toEqual(new Set([REFUSED.busy]));

    expect(await queuedConfirmations(emails)).toBe(sent);
    const captured = async () => (await inbox()).filter((m) => emails.includes(m.to[0] ?? '')).length;
    await eventually(captured, (n) => n === sent, 30_000);
    await pause(1500);
    expect(await captured()).toBe(sent);
    console.log(`${sent} confirmation mails sent, ${refused.length} refused (limit ${LIMITS.mailsPerMinute}/minute)`);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { adminSdk, callFunction, clearEmulators, eventually } from '../support/emulators';
import { createMember } from '../support/factories';
import { clearInbox, inbox } from '../support/inbox';
import { throughHosting } from '../support/postmark';

// Visitor signup with double opt-in, through the emulators and the SMTP capture (:8025).
const { db, auth } = adminSdk();
const confirmations = async (email: string) =>
  (await inbox(email)).filter((m) => m.subject === 'Confirm your subscription');
const subscribe = (email: unknown) => callFunction('subscribeVisitor', { email });

beforeAll(async () => {
  await clearEmulators();
  await clearInbox();
});

describe('visitor signup (double opt-in)', () => {
  const email = 'visitor@example.com';
  let link: string;

  it('sends a confirmation link and creates nothing yet', async () => {
    expect((await subscribe('  Visitor@Example.com ')).result?.message).toBe(
      'Check your inbox: we sent you a link to confirm.',
    );
    const [mail] = await eventually(
      () => confirmations(email),
      (m) => m.length === 1,
      20_000,
    );
    // On the app's domain; Hosting rewrites /email/confirm to `confirmSubscription`.
    link = throughHosting(/https?:\/\/\S+\/email\/confirm\?\S+/.exec(mail!.text)![0]);
    await expect(auth.getUserByEmail(email)).rejects.toThrow();
  });

  it('asking again at once sends no second email', async () => {
    await subscribe(email);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await confirmations(email)).toHaveLength(1);
  });

  it('opening the link changes nothing; confirming creates a free member with newsletters on', async () => {
    expect((await fetch(link)).status).toBe(200);
    await expect(auth.getUserByEmail(email)).rejects.toThrow();
    const forged = await fetch(link.replace(/t=[^&\s]+/, 't=forged'), { method: 'POST', redirect: 'manual' });
    expect(forged.headers.get('location')).toMatch(/\/subscribed\?status=invalid$/);
    const res = await fetch(link, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/subscribed\?status=ok$/);
    const user = await auth.getUserByEmail(email);
    expect(user.customClaims).toMatchObject({ tier: 'free', rank: 10 });
    expect((await db.doc(`members/${user.uid}`).get()).data()).toMatchObject({
      email,
      tier: 'free',
      emailPrefs: { newsletter: true },
    });
    expect((await fetch(link, { method: 'POST', redirect: 'manual' })).headers.get('location')).toMatch(/status=ok$/); // idempotent
  });

  it('an existing member gets the same answer and no email', async () => {
    await createMember('member@example.com');
    expect((await subscribe('member@example.com')).result?.message).toContain('Check your inbox');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await confirmations('member@example.com')).toHaveLength(0);
  });

  it('a malformed address gets invalid-argument with a message', async () => {
    const res = await subscribe('not-an-email');
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toContain('Enter a valid email address');
  });
});

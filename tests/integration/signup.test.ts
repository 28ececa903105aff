import { beforeAll, describe, expect, it } from 'vitest';
import { adminSdk, callFunction, clearEmulators, eventually } from '../support/emulators';
import { createMember, writeMaterial } from '../support/factories';
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

describe('lead magnet: the box on a free material mails a sign-in link that lands on it', () => {
  const files = [{ name: 'sheet.pdf', path: 'media/lm/sheet.pdf', size: 10, contentType: 'application/pdf' }];
  const magnet = (email: string, materialId: unknown) => callFunction('subscribeVisitor', { email, materialId });
  const magnetMails = async (email: string) =>
    (await inbox(email)).filter((m) => m.subject === 'Your free copy of The free sheet');

  beforeAll(async () => {
    await db.recursiveDelete(db.collection('rateLimits')); // the earlier tests spent some of this client's allowance
    await writeMaterial(db, 'free', { id: 'lm-sheet', kind: 'download', title: 'The free sheet', files });
    await writeMaterial(db, 'basic', { id: 'lm-paid', kind: 'download', title: 'A paid sheet', files });
    await writeMaterial(db, 'free', { id: 'lm-draft', kind: 'download', status: 'draft', title: 'A draft', files });
  });

  it('mails a sign-in link to the material and a page link per file; no file URL, nothing created yet', async () => {
    const email = 'magnet@example.com';
    const res = await magnet(email, 'lm-sheet');
    expect(res.result?.message).toContain('signs you in');
    const [mail] = await eventually(
      () => magnetMails(email),
      (m) => m.length === 1,
      20_000,
    );
    const signIn = /Sign in and open it: (\S+)/.exec(mail!.text)?.[1] ?? '';
    const link = new URL(signIn);
    expect(link.searchParams.get('mode')).toBe('signIn');
    const finish = new URL(link.searchParams.get('continueUrl') ?? '');
    expect(finish.pathname).toBe('/sign-in/finish');
    expect(finish.searchParams.get('next')).toBe('/materials/lm-sheet');
    expect(finish.searchParams.get('email')).toBe(email);
    expect(mail!.text).toContain(
      'sheet.pdf (opens once you are signed in): http://127.0.0.1:5173/materials/lm-sheet?download=sheet.pdf',
    );
    expect(mail!.text).not.toMatch(/media\/lm|sig=/); // never the file itself
    await expect(auth.getUserByEmail(email)).rejects.toThrow();

    // What the page does with the link: signing in with its code creates the free member (newsletter on).
    const oobCode = link.searchParams.get('oobCode');
    const signedIn = await fetch(
      'http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1/accounts:signInWithEmailLink?key=demo-key',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, oobCode }) },
    );
    expect(signedIn.status).toBe(200);
    const user = await auth.getUserByEmail(email);
    expect(user.customClaims).toMatchObject({ tier: 'free', rank: 10 });
    expect((await db.doc(`members/${user.uid}`).get()).data()).toMatchObject({ emailPrefs: { newsletter: true } });
  });

  it('a member gets the same answer and the same mail (it signs them in)', async () => {
    await createMember('reader@example.com');
    expect((await magnet('reader@example.com', 'lm-sheet')).result?.message).toContain('signs you in');
    await eventually(
      () => magnetMails('reader@example.com'),
      (m) => m.length === 1,
      20_000,
    );
  });

  it('the same address again at once gets no second mail', async () => {
    const res = await magnet('magnet@example.com', 'lm-sheet');
    expect(res.error?.status).toBe('RESOURCE_EXHAUSTED');
  });

  it.each([
    ['a paid material', 'lm-paid'],
    ['a draft', 'lm-draft'],
    ['no such material', 'lm-none'],
  ])('%s is refused alike, with no mail', async (_what, id) => {
    const email = `refused-${id}@example.com`;
    const res = await magnet(email, id);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toContain('materialId');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await inbox(email)).toHaveLength(0);
  });
});

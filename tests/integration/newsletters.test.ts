import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSdk, callFunction, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { seedDemo, signInDemo } from '../support/factories';
import { clearInbox, inbox, type CapturedMail } from '../support/inbox';
import { throughHosting } from '../support/postmark';

// The whole path through the emulators: callables -> batch documents -> the batch trigger -> SMTP ->
// the local capture that test-emulated.mjs runs (inbox API on :8025), then the one-click unsubscribe.
const { db } = adminSdk();

let admin: SignedIn;
const SUBJECT = 'Window functions, part 2';
const PREMIUM_TEXT = 'Premium deep dive: frames and peers.';
const BASIC_TEXT = 'Basic members get the worked example.';

beforeAll(async () => {
  await clearEmulators();
  await seedDemo();
  await db.doc('members/demo-free').update({ 'emailPrefs.newsletter': false });
  await clearInbox();
  admin = await signInDemo('admin');
});

const save = (newsletter: unknown, id?: string) =>
  callFunction('saveNewsletter', id ? { id, newsletter } : { newsletter }, admin.idToken);
const issue = {
  subject: SUBJECT,
  preview: 'Frames, peers and the default frame',
  sections: [
    { access: 'public', markdown: 'Everyone reads this intro. <script>alert(1)</script>' },
    { access: 'basic', markdown: BASIC_TEXT },
    { access: 'premium', markdown: PREMIUM_TEXT },
  ],
  audience: 'everyone',
  materialId: null,
};

describe('composer input', () => {
  it.each([
    ['an empty subject', { ...issue, subject: '  ' }, 'Write a subject'],
    ['an unknown audience', { ...issue, audience: 'gold' }, 'Unknown audience "gold"'],
    ['no sections', { ...issue, sections: [] }, 'Write at least one section'],
  ])('refuses %s with invalid-argument and a message', async (_label, newsletter, message) => {
    const res = await save(newsletter);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toContain(message);
  });

  it('refuses a schedule in the past and leaves the draft a draft', async () => {
    const { result } = await save(issue);
    const res = await callFunction('sendNewsletter', { id: result!.id, at: '2020-01-01T10:00:00Z' }, admin.idToken);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toBe('Choose a time in the future');
    expect((await db.doc(`newsletters/${result!.id}`).get()).get('status')).toBe('draft');
    await db.doc(`newsletters/${result!.id}`).delete();
  });

  it('is for admins only', async () => {
    const member = await signInDemo('premium');
    expect((await callFunction('saveNewsletter', { newsletter: issue }, member.idToken)).error?.status).toBe(
      'PERMISSION_DENIED',
    );
  });
});

describe('sending an issue with a premium-only section', () => {
  let messages: CapturedMail[];
  let id: string;
  beforeAll(async () => {
    id = (await save(issue)).result!.id;
    const sent = await callFunction('sendNewsletter', { id, at: null }, admin.idToken);
    expect(sent.result).toMatchObject({ status: 'sending' });
    await eventually(
      async () => (await db.doc(`newsletters/${id}`).get()).get('status'),
      (s) => s === 'sent',
      30_000,
    );
    messages = (await inbox()).filter((m) => m.subject === SUBJECT);
  }, 60_000);

  const to = (email: string) => messages.filter((m) => m.to.includes(email));

  it('reaches each member with newsletters on exactly once, and no one who turned them off', () => {
    for (const email of ['basic@demo.test', 'main@demo.test', 'premium@demo.test', 'admin@demo.test']) {
      expect(to(email), email).toHaveLength(1);
    }
    expect(to('free@demo.test')).toHaveLength(0);
    expect(messages).toHaveLength(4);
  });

  it('gives each recipient only what their plan may read, with an upgrade prompt instead', () => {
    const basic = to('basic@demo.test')[0]!;
    expect(basic.html + basic.text).toContain(BASIC_TEXT);
    expect(basic.html + basic.text).not.toContain('Premium deep dive');
    expect(basic.html).toContain('Upgrade to Premium to read it');
    const premium = to('premium@demo.test')[0]!;
    expect(premium.html).toContain(PREMIUM_TEXT);
    expect(premium.html).not.toContain('Upgrade to');
    const admin = to('admin@demo.test')[0]!; // free plan: neither paid section
    expect(admin.html + admin.text).not.toContain(BASIC_TEXT);
  });

  it('renders markdown through the sanitizer', () => {
    const html = to('premium@demo.test')[0]!.html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('Everyone reads this intro.');
  });

  it('carries both one-click unsubscribe headers on every message', () => {
    for (const m of messages) {
      // On the app's domain (APP_URL), which Hosting rewrites to the `unsubscribe` function.
      expect(m.headers['list-unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:5173\/email\/unsubscribe\?u=.+&t=.+>$/);
      expect(m.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    }
  });

  it('records stats and a ledger entry per recipient', async () => {
    const doc = (await db.doc(`newsletters/${id}`).get()).data()!;
    expect(doc.stats).toMatchObject({ recipients: 4, sent: 4, failed: 0, batchesDone: doc.stats.batches });
    const ledger = await db.collection(`newsletters/${id}/deliveries`).get();
    expect(ledger.docs.map((d) => d.get('status'))).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('the one-click POST unsubscribes; a forged token changes nothing and gets a friendly answer', async () => {
    const url = throughHosting(to('basic@demo.test')[0]!.headers['list-unsubscribe']!.slice(1, -1));
    const forged = url.replace(/t=[^&]+/, 't=forged');
    const bad = await fetch(forged, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('This unsubscribe link is not valid.');
    expect((await db.doc('members/demo-basic').get()).get('emailPrefs.newsletter')).toBe(true);
    const page = await fetch(forged, { redirect: 'manual' });
    expect(page.headers.get('location')).toMatch(/\/unsubscribed\?status=invalid$/);

    const prefetch = await fetch(url); // a GET (link scanner) changes nothing
    expect(prefetch.status).toBe(200);
    expect((await db.doc('members/demo-basic').get()).get('emailPrefs.newsletter')).toBe(true);
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(ok.status).toBe(200);
    expect((await db.doc('members/demo-basic').get()).get('emailPrefs.newsletter')).toBe(false);
  });
});

describe('transactional outbox', () => {
  it('delivers a queued mail once and records its state', async () => {
    await db
      .collection('mail')
      .doc('test-welcome')
      .set({
        to: 'main@demo.test',
        uid: 'demo-main',
        template: 'welcome',
        data: { tierName: 'Main' },
        state: 'queued',
      });
    const doc = await eventually(
      async () => (await db.doc('mail/test-welcome').get()).data()!,
      (d) => d.state === 'sent',
      20_000,
    );
    expect(doc).toMatchObject({ state: 'sent', attempts: 1 });
    const got = (await inbox()).filter((m) => m.subject === 'Welcome to Main');
    expect(got).toHaveLength(1);
    expect(got[0]!.to).toEqual(['main@demo.test']);
  });

  it('fails an unknown template for good, with the reason', async () => {
    await db
      .collection('mail')
      .doc('test-unknown')
      .set({ to: 'main@demo.test', uid: 'demo-main', template: 'nope', data: {}, state: 'queued' });
    const doc = await eventually(
      async () => (await db.doc('mail/test-unknown').get()).data()!,
      (d) => d.state === 'failed',
      20_000,
    );
    expect(doc.error).toBe('Unknown mail template "nope"');
  });
});

afterAll(clearInbox);

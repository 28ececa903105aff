import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressionId } from '../../functions/src/domain/suppression';
import { adminSdk, callFunction, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { createMember, seedDemo, signInDemo } from '../support/factories';
import { clearInbox, inbox, type CapturedMail } from '../support/inbox';
import { APP_URL, postPostmark, postmarkRecord, throughHosting } from '../support/postmark';

// Bounces and complaints end to end: newsletters go out through SMTP to the capture, which answers mail to
// *@bounce.test, *@soft-bounce.test and *@complaint.test with Postmark's webhooks (basic auth) to
// `postmarkWebhook`; the suppression list then keeps the next issue away from them, until an admin lifts it.
// Also what a mailbox provider reads in each message: List-Id, Feedback-ID, the text part, the postal
// address (MAIL_POSTAL_ADDRESS of functions/.env.demo-commons) and links on the app's domain via Hosting.
const { db } = adminSdk();
const HARD = 'gone@bounce.test';
const COMPLAINT = 'angry@complaint.test';
const SOFT = 'full@soft-bounce.test';
const POSTAL = 'Commons Community e.V., Musterstraße 1, 10115 Berlin, Germany';

let admin: SignedIn;
const suppression = async (email: string) => (await db.doc(`suppressions/${suppressionId(email)}`).get()).data();
const ledgerOf = async () => (await db.collection('webhookEvents').get()).docs.map((d) => d.id).sort();
const ledgerFor = async (email: string) =>
  (await db.collection('webhookEvents').where('suppressionId', '==', suppressionId(email)).get()).size;

async function sendIssue(subject: string): Promise<string> {
  const newsletter = {
    subject,
    preview: 'Frames and peers',
    sections: [
      {
        access: 'public',
        markdown:
          '## Window functions\n\nA **bold** claim, a [worked example](https://example.com/x) and `code`.\n\n- one\n- two',
      },
    ],
    audience: 'everyone',
    materialId: null,
  };
  const id = (await callFunction('saveNewsletter', { newsletter }, admin.idToken)).result!.id;
  expect((await callFunction('sendNewsletter', { id, at: null }, admin.idToken)).result).toMatchObject({
    status: 'sending',
  });
  await eventually(
    async () => (await db.doc(`newsletters/${id}`).get()).get('status'),
    (s) => s === 'sent',
    30_000,
  );
  return id;
}
const issueTo = async (subject: string, email: string) => (await inbox(email)).filter((m) => m.subject === subject);

beforeAll(async () => {
  await clearEmulators();
  await seedDemo();
  await clearInbox();
  admin = await signInDemo('admin');
  for (const email of [HARD, COMPLAINT, SOFT]) await createMember(email);
}, 60_000);
afterAll(clearInbox);

describe('bounces and complaints from the capture, through the webhook', () => {
  let first: string;
  let second: string;
  const FIRST = 'Issue one: window functions';
  const SECOND = 'Issue two: frames';

  beforeAll(async () => {
    first = await sendIssue(FIRST);
    // The capture posts each record right after the message: wait until the webhook applied all three.
    await eventually(
      async () => (await ledgerOf()).length,
      (n) => n >= 3,
      20_000,
    );
    second = await sendIssue(SECOND);
  }, 90_000);

  it('a hard bounce and a complaint suppress the address at once; one soft bounce only counts', async () => {
    expect(await suppression(HARD)).toMatchObject({
      email: HARD,
      suppressed: true,
      reason: 'hard-bounce',
      lastEvent: { recordType: 'Bounce', type: 'HardBounce' },
    });
    expect(await suppression(COMPLAINT)).toMatchObject({
      suppressed: true,
      reason: 'complaint',
      lastEvent: { recordType: 'SpamComplaint', type: 'SpamComplaint' },
    });
    const soft = await suppression(SOFT);
    expect(soft).toMatchObject({ suppressed: false, reason: null });
    expect(soft!.softBounces.length).toBeGreaterThanOrEqual(1);
    expect(await suppression('basic@demo.test')).toBeUndefined();
  });

  it('the next newsletter skips the suppressed addresses, in its ledger and stats, and still reaches the rest', async () => {
    expect(await issueTo(FIRST, HARD)).toHaveLength(1);
    expect(await issueTo(SECOND, HARD)).toHaveLength(0);
    expect(await issueTo(SECOND, COMPLAINT)).toHaveLength(0);
    expect(await issueTo(SECOND, SOFT)).toHaveLength(1);
    expect(await issueTo(SECOND, 'basic@demo.test')).toHaveLength(1);
    const ledger = async (email: string) => {
      const uid = email.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      return (await db.doc(`newsletters/${second}/deliveries/${uid}`).get()).data();
    };
    expect(await ledger(HARD)).toMatchObject({ status: 'skipped', error: 'suppressed: hard-bounce' });
    expect(await ledger(COMPLAINT)).toMatchObject({ status: 'skipped', error: 'suppressed: complaint' });
    expect(await ledger(SOFT)).toMatchObject({ status: 'sent' });
    // Skipped for suppression: those two only (other members of the shared emulator may be skipped for another
    // reason, such as an unverified address, which their ledger entries name).
    const suppressedSkips = async (issue: string) =>
      (await db.collection(`newsletters/${issue}/deliveries`).where('status', '==', 'skipped').get()).docs
        .filter((d) => String(d.get('error')).startsWith('suppressed'))
        .map((d) => d.id)
        .sort();
    expect(await suppressedSkips(second)).toEqual(
      [HARD, COMPLAINT].map((e) => e.toLowerCase().replace(/[^a-z0-9]+/g, '-')).sort(),
    );
    expect(await suppressedSkips(first)).toEqual([]);
    const stats = (await db.doc(`newsletters/${second}`).get()).get('stats');
    expect(stats).toMatchObject({ failed: 0 });
    expect(stats.sent + stats.skipped).toBe(stats.recipients);
  });

  it('transactional mail to a suppressed address is skipped with the reason; the verification mail still goes', async () => {
    await db.doc('mail/test-suppressed-welcome').set({
      to: COMPLAINT,
      uid: null,
      template: 'welcome',
      data: { tier: 'main', tierName: 'Main' },
      state: 'queued',
      createdAt: new Date(),
    });
    await db.doc('mail/test-suppressed-verify').set({
      to: HARD,
      uid: null,
      template: 'verify-email',
      data: { verifyUrl: 'https://commons.example/verify' },
      state: 'queued',
      createdAt: new Date(),
    });
    const state = (id: string) => async () => (await db.doc(`mail/${id}`).get()).data()!;
    const welcome = await eventually(state('test-suppressed-welcome'), (d) => d.state !== 'queued', 20_000);
    expect(welcome).toMatchObject({ state: 'skipped', error: 'The address is on the suppression list (complaint).' });
    const verify = await eventually(state('test-suppressed-verify'), (d) => d.state === 'sent', 20_000);
    expect(verify.state).toBe('sent');
    expect((await inbox(COMPLAINT)).filter((m) => m.subject === 'Welcome to Main')).toHaveLength(0);
  });

  it('an admin sees and lifts the entry; the next newsletter reaches the address again', async () => {
    const id = suppressionId(HARD);
    const member = await signInDemo('premium');
    expect((await callFunction('liftSuppression', { id }, member.idToken)).error?.status).toBe('PERMISSION_DENIED');
    expect((await suppression(HARD))!.suppressed).toBe(true);

    const lifted = await callFunction('liftSuppression', { id }, admin.idToken);
    expect(lifted.result).toEqual({ id, email: HARD, lifted: true });
    expect(await suppression(HARD)).toMatchObject({ suppressed: false, reason: null, liftedBy: 'admin@demo.test' });
    expect((await callFunction('liftSuppression', { id }, admin.idToken)).result).toMatchObject({ lifted: false });

    const third = 'Issue three: peers';
    await sendIssue(third);
    expect(await issueTo(third, HARD)).toHaveLength(1);
    expect(await issueTo(third, COMPLAINT)).toHaveLength(0);
    // ... and the address bounces again, so it is back on the list.
    await eventually(
      async () => (await suppression(HARD))?.suppressed,
      (s) => s === true,
      20_000,
    );
  }, 60_000);
});

describe("Postmark's webhook directly", () => {
  it('refuses bad credentials (401) and a bad body (400) and writes nothing', async () => {
    const record = postmarkRecord('HardBounce', 'nobody@example.com');
    for (const auth of [null, 'postmark:wrong', 'someone:demo-webhook-password']) {
      const res = await postPostmark(record, auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    }
    const bad = await postPostmark({ ...record, Email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Email/);
    expect((await postPostmark('{"RecordType":')).status).toBe(400);
    expect(await ledgerFor('nobody@example.com')).toBe(0);
    expect(await suppression('nobody@example.com')).toBeUndefined();
  });

  it('applies a record once: a replay changes nothing', async () => {
    const email = 'Replay@Example.com';
    const record = postmarkRecord('SpamComplaint', email);
    const res = await postPostmark(record);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'suppressed' });
    const stored = await suppression(email);
    expect(stored).toMatchObject({ email: 'replay@example.com', suppressed: true, reason: 'complaint' });
    const replay = await postPostmark(record);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ outcome: 'duplicate' });
    expect(await suppression(email)).toEqual(stored);
  });

  it('soft bounces suppress at the third within the window (SOFT_BOUNCE_LIMIT=3), each counted once', async () => {
    const email = 'flaky@example.com';
    const soft = (day: number) => postmarkRecord('SoftBounce', email, { BouncedAt: `2026-12-0${day}T10:00:00Z` });
    const [a, b, c] = [soft(1), soft(2), soft(3)];
    const outcome = async (record: unknown) =>
      ((await (await postPostmark(record)).json()) as { outcome: string }).outcome;
    expect(await outcome(a)).toBe('counted');
    expect(await outcome(b)).toBe('counted');
    expect(await outcome(b)).toBe('duplicate');
    expect((await suppression(email))!.softBounces).toHaveLength(2);
    expect(await outcome(postmarkRecord('AutoResponder', email))).toBe('ignored');
    expect(await outcome(c)).toBe('suppressed');
    expect(await suppression(email)).toMatchObject({ suppressed: true, reason: 'soft-bounces' });
  });
});

describe('what a mailbox provider reads in each newsletter', () => {
  const SUBJECT = 'Issue four: headers';
  let message: CapturedMail;
  beforeAll(async () => {
    await sendIssue(SUBJECT);
    const [got] = await issueTo(SUBJECT, 'basic@demo.test');
    if (!got) throw new Error('basic@demo.test got no copy');
    message = got;
  }, 60_000);

  it('List-Id, Feedback-ID and one-click unsubscribe on the app domain', () => {
    expect(message.headers['list-id']).toBe('Commons newsletter <newsletter.commons.example>');
    expect(message.headers['feedback-id']).toMatch(/^[A-Za-z0-9_-]+:newsletter:commons\.example$/);
    expect(message.headers['list-unsubscribe']).toMatch(
      new RegExp(`^<${APP_URL.replace(/\./g, '\\.')}/email/unsubscribe\\?u=demo-basic&t=[^>]+>$`),
    );
    expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('a text part rendered from the HTML: no markdown, no tags, links written out, the postal address', () => {
    expect(message.text).toContain('A bold claim, a worked example [https://example.com/x] and code.');
    expect(message.text).not.toMatch(/<\/?[a-z][^>]*>|\*\*|##|\]\(|`/i);
    expect(message.text).not.toContain('&amp;');
    expect(message.text).toContain(POSTAL);
    expect(message.html).toContain(POSTAL);
    expect(message.text).toMatch(new RegExp(`Unsubscribe: ${APP_URL.replace(/\./g, '\\.')}/email/unsubscribe\\?`));
  });

  it('the unsubscribe link works through Hosting: GET shows the page, the one-click POST unsubscribes', async () => {
    const link = throughHosting(message.headers['list-unsubscribe']!.slice(1, -1));
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Unsubscribe from the newsletter?');
    expect((await db.doc('members/demo-basic').get()).get('emailPrefs.newsletter')).toBe(true);
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect((await db.doc('members/demo-basic').get()).get('emailPrefs.newsletter')).toBe(false);
  });

  it('transactional mail carries Feedback-ID and the postal address, no List-Id', async () => {
    const [mail] = (await inbox(HARD)).filter((m) => m.subject === 'Verify your email address');
    expect(mail!.headers['feedback-id']).toBe('verify-email:transactional:commons.example');
    expect(mail!.headers['list-id']).toBeUndefined();
    expect(mail!.text).toContain(POSTAL);
    expect(mail!.text).toContain('Verify my email: https://commons.example/verify');
  });
});

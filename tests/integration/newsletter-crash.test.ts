import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCapture, type MailCapture } from '../../functions/src/adapters/mail/twin/mail-capture';
import { SmtpTransport } from '../../functions/src/adapters/mail/smtp-transport';
import { dispatchNewsletters, type SenderDeps } from '../../functions/src/newsletters/newsletter-sender';
import { saveNewsletter, scheduleNewsletter } from '../../functions/src/newsletters/newsletter-store';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { makeMemberDoc } from '../../functions/src/testing/factories';
import { isolatedFirestore } from '../support/emulators';

// Crash and resume, in-process: a project of its own on the Firestore emulator (no triggers run for it,
// so only the workers started here send) and a mail capture of its own.
const TIERS = ['free', 'basic', 'main', 'premium'];
const MEMBERS = 23;
const OPTED_OUT = new Set([3, 11, 17]);

let db: Firestore;
let capture: MailCapture;
let transport: SmtpTransport;
const deps = (extra: Partial<SenderDeps> = {}): SenderDeps => ({
  db,
  transport,
  now: () => new Date(),
  settings: {
    from: 'Commons <hello@commons.example>',
    appUrl: 'http://app.test',
    postalAddress: 'Commons, 1 Test Street, Testville',
    unsubscribeSecret: 's',
  },
  batchSize: 4,
  ...extra,
});

async function newIssue(subject: string): Promise<string> {
  const id = await saveNewsletter(
    db,
    {
      subject,
      preview: '',
      sections: [{ access: 'public', markdown: 'Hello' }],
      audience: 'everyone',
      materialId: null,
    },
    'test',
    new Date(),
  );
  await scheduleNewsletter(db, id, null, new Date());
  return id;
}

/** Messages per eligible recipient for one subject: the exactly-once check. */
function counts(subject: string): Map<string, number> {
  const byRecipient = new Map<string, number>();
  for (const m of capture.messages().filter((x) => x.subject === subject)) {
    for (const to of m.to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
  }
  return byRecipient;
}
const eligible = () =>
  Array.from({ length: MEMBERS }, (_, i) => i)
    .filter((i) => !OPTED_OUT.has(i))
    .map((i) => `m${i}@crash.test`)
    .sort();

beforeAll(async () => {
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0 });
  transport = new SmtpTransport(`smtp://127.0.0.1:${capture.smtpPort}`);
  db = await isolatedFirestore('demo-newsletter-crash');
  await db.doc('config/tiers').set(DEFAULT_TIERS);
  const batch = db.batch();
  for (let i = 0; i < MEMBERS; i++) {
    const member = makeMemberDoc({
      email: `m${i}@crash.test`,
      tier: TIERS[i % TIERS.length],
      emailPrefs: { newsletter: !OPTED_OUT.has(i), events: true },
    });
    batch.set(db.doc(`members/m${i}`), member);
  }
  await batch.commit();
});
afterAll(async () => {
  await transport.close();
  await capture.close();
});

describe('newsletter sender crash and resume', () => {
  it('killed after two batches and restarted: every eligible recipient gets exactly one message', async () => {
    const id = await newIssue('Crash test issue');
    let done = 0;
    const killing = deps({
      afterBatch: () => {
        if (++done === 2) throw new Error('worker killed');
      },
    });
    await expect(dispatchNewsletters(killing)).rejects.toThrow('worker killed');
    const partial = counts('Crash test issue');
    expect([...partial.values()].reduce((a, b) => a + b, 0)).toBe(8); // two batches of four
    expect((await db.doc(`newsletters/${id}`).get()).get('status')).toBe('sending');

    await dispatchNewsletters(deps()); // the restart
    const final = counts('Crash test issue');
    expect([...final.keys()].sort()).toEqual(eligible());
    expect([...final.values()].every((n) => n === 1)).toBe(true);
    const issue = (await db.doc(`newsletters/${id}`).get()).data()!;
    expect(issue.status).toBe('sent');
    expect(issue.stats).toMatchObject({
      recipients: eligible().length,
      sent: eligible().length,
      failed: 0,
      batches: 5,
      batchesDone: 5,
    });

    await dispatchNewsletters(deps()); // a late duplicate run sends nothing more
    expect([...counts('Crash test issue').values()].every((n) => n === 1)).toBe(true);
  });

  it('a batch whose worker died before sending is taken over once its lease ran out', async () => {
    const id = await newIssue('Lease test issue');
    await dispatchNewsletters(
      deps({ afterBatch: () => Promise.reject(new Error('stop after the first batch')) }),
    ).catch(() => {});
    // A second worker claimed the next batch, then died before sending anything.
    const batches = await db.collection(`newsletters/${id}/batches`).where('status', '==', 'pending').get();
    const stuck = batches.docs[0]!;
    await stuck.ref.update({ status: 'claimed', claimedAt: Timestamp.fromMillis(Date.now() - 60_000), attempts: 1 });
    await dispatchNewsletters(deps());
    expect((await stuck.ref.get()).get('status')).toBe('claimed'); // still within its lease: left alone
    await stuck.ref.update({ claimedAt: Timestamp.fromMillis(Date.now() - 11 * 60_000) });
    await dispatchNewsletters(deps());
    const final = counts('Lease test issue');
    expect([...final.keys()].sort()).toEqual(eligible());
    expect([...final.values()].every((n) => n === 1)).toBe(true);
    expect((await db.doc(`newsletters/${id}`).get()).get('status')).toBe('sent');
  });

  it('a provider outage mid-send releases the unsent recipients for the retry, without duplicates', async () => {
    const id = await newIssue('Outage test issue');
    let calls = 0;
    const flaky = {
      name: 'flaky',
      maxBatch: 2,
      sendBatch: async (messages: Parameters<SmtpTransport['sendBatch']>[0]) => {
        if (++calls === 3) throw new Error('provider down');
        return transport.sendBatch(messages);
      },
    };
    await expect(dispatchNewsletters(deps({ transport: flaky }))).rejects.toThrow('provider down');
    await dispatchNewsletters(deps());
    const final = counts('Outage test issue');
    expect([...final.keys()].sort()).toEqual(eligible());
    expect([...final.values()].every((n) => n === 1)).toBe(true);
    const ledger = await db.collection(`newsletters/${id}/deliveries`).get();
    expect(ledger.docs.every((d) => d.get('status') === 'sent')).toBe(true);
  });

  it('recipients who unsubscribed, lost their verified address or left after the cut are skipped with why', async () => {
    const id = await newIssue('Changed recipients issue');
    const changed: Record<string, string> = {};
    await dispatchNewsletters(
      deps({
        afterBatch: async () => {
          if (Object.keys(changed).length) return;
          // After the first batch: three members of a batch still to come change.
          const pending = await db.collection(`newsletters/${id}/batches`).where('status', '==', 'pending').get();
          const [a, b, c] = pending.docs.at(-1)!.get('uids') as string[];
          await db.doc(`members/${a}`).update({ 'emailPrefs.newsletter': false });
          await db.doc(`members/${b}`).update({ emailVerified: false });
          await db.doc(`members/${c}`).delete();
          Object.assign(changed, { [a!]: 'unsubscribed', [b!]: 'address not verified', [c!]: 'no longer a member' });
        },
      }),
    );
    const issue = (await db.doc(`newsletters/${id}`).get()).data()!;
    expect(issue.status).toBe('sent');
    // Every recipient of the cut is accounted for, so the admin's progress reaches 100 %.
    expect(issue.stats).toMatchObject({ recipients: eligible().length, skipped: 3, failed: 0 });
    expect(issue.stats.sent + issue.stats.skipped).toBe(issue.stats.recipients);
    for (const [uid, why] of Object.entries(changed)) {
      expect((await db.doc(`newsletters/${id}/deliveries/${uid}`).get()).data()).toMatchObject({
        status: 'skipped',
        error: why,
      });
    }
    expect(counts('Changed recipients issue').size).toBe(eligible().length - 3);
  });
});

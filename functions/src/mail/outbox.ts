import { logger } from 'firebase-functions';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { MailTransport } from '../adapters/mail';
import type { Settings } from '../app/settings';
import { MAIL, type MailState } from '../shared/mail';
import { isMailTemplate, renderTemplate, VERIFICATION_TEMPLATE } from './mail-templates';
import { MEMBERS, mayReceiveMail } from '../shared/members';
import type { QueuedMail } from './queue-mail';
import { transactionalHeaders } from './mail-headers';
import { suppressionOf } from './suppression-store';

export const MAX_ATTEMPTS = 5;

export interface OutboxDeps {
  db: Firestore;
  transport: MailTransport;
  now: () => Date;
  settings: Pick<Settings, 'from' | 'appUrl' | 'postalAddress'>;
}

/**
 * Mail that goes even to an address on the suppression list: the verification mail. It is only ever sent
 * because someone just acted with that address (signed up, pressed "send again", at most once per 5
 * minutes), the account is unusable without it, and it is no broadcast a complaint was about; an address
 * that really does not exist bounces once more, which is the cost of letting its owner back in.
 */
const SENT_WHEN_SUPPRESSED = new Set<string>([VERIFICATION_TEMPLATE]);

type MailDoc = Omit<QueuedMail, 'key'> & { state: MailState; attempts?: number };

/**
 * Deliver one outbox mail: claim it (queued -> sending, so a duplicate trigger does nothing), render,
 * send, record sent/failed with the attempt count. Mail to a member whose address is not verified, or to
 * an address on the suppression list, is `skipped` with the reason (except the verification mail). A
 * transport error puts it back to `queued` and rethrows so the trigger retries, up to MAX_ATTEMPTS; an
 * unknown template fails it for good.
 */
export async function deliverMail(deps: OutboxDeps, id: string): Promise<MailState | null> {
  const ref = deps.db.collection(MAIL).doc(id);
  const mail = await deps.db.runTransaction(async (tx) => {
    const doc = (await tx.get(ref)).data() as MailDoc | undefined;
    if (!doc || doc.state !== 'queued') return null;
    // Member mail waits for a verified address; only the verification mail itself goes out before.
    if (doc.uid && doc.template !== VERIFICATION_TEMPLATE) {
      const member = (await tx.get(deps.db.collection(MEMBERS).doc(doc.uid))).data();
      if (member && !mayReceiveMail(member)) {
        tx.update(ref, { state: 'skipped', error: 'The address is not verified.' });
        return { skipped: 'the member has not verified their address' };
      }
    }
    // An address that bounced for good or complained gets no more mail from us.
    const suppressed = SENT_WHEN_SUPPRESSED.has(doc.template) ? null : await suppressionOf(deps.db, doc.to, tx);
    if (suppressed) {
      tx.update(ref, { state: 'skipped', error: `The address is on the suppression list (${suppressed}).` });
      return { skipped: `the address is suppressed (${suppressed})` };
    }
    tx.update(ref, {
      state: 'sending',
      attempts: (doc.attempts ?? 0) + 1,
      lastAttemptAt: Timestamp.fromDate(deps.now()),
    });
    return { ...doc, attempts: (doc.attempts ?? 0) + 1 };
  });
  if (!mail) return null;
  if ('skipped' in mail) {
    logger.info(`mail ${id}: skipped, ${mail.skipped}`);
    return 'skipped';
  }

  let rendered;
  try {
    // A document written by hand or by an older version: a bad one fails for good, with the reason.
    if (!isMailTemplate(mail.template)) throw new Error(`Unknown mail template "${String(mail.template)}"`);
    rendered = renderTemplate(mail.template, mail.data, deps.settings.appUrl, deps.settings.postalAddress);
  } catch (err) {
    await ref.update({ state: 'failed', error: (err as Error).message });
    return 'failed';
  }
  try {
    const [result] = await deps.transport.sendBatch([
      {
        ...rendered,
        id,
        to: mail.to,
        from: deps.settings.from,
        headers: transactionalHeaders(mail.template, deps.settings.from),
        stream: 'transactional',
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      },
    ]);
    const state: MailState = result?.ok ? 'sent' : 'failed';
    await ref.update({
      state,
      providerId: result?.providerId ?? null,
      error: result?.error ?? null,
      sentAt: Timestamp.fromDate(deps.now()),
    });
    return state;
  } catch (err) {
    const giveUp = mail.attempts >= MAX_ATTEMPTS;
    await ref.update({ state: giveUp ? 'failed' : 'queued', error: (err as Error).message });
    if (!giveUp) throw err; // the trigger's retry brings it back
    return 'failed';
  }
}

/** The minute job: mails put back to `queued` after a transport error whose trigger retry did not come. */
export async function retryQueuedMail(deps: OutboxDeps, olderThanMs = 60_000): Promise<number> {
  const cutoff = Timestamp.fromMillis(deps.now().getTime() - olderThanMs);
  const queued = await deps.db
    .collection(MAIL)
    .where('state', '==', 'queued')
    .where('createdAt', '<=', cutoff)
    .limit(100)
    .get();
  for (const doc of queued.docs) {
    // One mail failing again must not hold up the others; the next minute tries it again.
    await deliverMail(deps, doc.id).catch((err: unknown) => logger.warn(`mail ${doc.id}: retry failed`, err));
  }
  return queued.size;
}

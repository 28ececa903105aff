import {
  Timestamp,
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Transaction,
} from 'firebase-admin/firestore';
import { MAIL, type MailAttachment } from '../shared/mail';
import { isAlreadyExists } from '../app/firebase';
import type { MailTemplate, MailTemplates } from './mail-templates';

/** A transaction or a batch: the mail is written with the state change it announces, or not at all. */
export interface MailWriter {
  create(ref: DocumentReference, data: DocumentData): unknown;
}

/** One outbox mail; `template` decides the shape of `data`. */
export type QueuedMail = { [T in MailTemplate]: { template: T; data: MailTemplates[T] } }[MailTemplate] & {
  /** The outbox document id: an idempotency key, so a retried change cannot queue the mail twice. */
  key: string;
  to: string;
  /** The member it is for; null for a visitor (double opt-in). */
  uid: string | null;
  /** Small text files stored with the mail (an event's `.ics`, a few KB), sent as attachments. */
  attachments?: MailAttachment[];
};

/** The one way to queue a transactional email (`deliverOutboxMail` sends it once it is created). */
export function queueMail(db: Firestore, writer: MailWriter, mail: QueuedMail, at: Date): void {
  const { key, ...doc } = mail;
  writer.create(db.collection(MAIL).doc(key), { ...doc, state: 'queued', createdAt: Timestamp.fromDate(at) });
}

/**
 * `queueMail` in its own transaction, for a mail that announces an occurrence rather than a write of ours
 * (an invoice, a trial end): nothing is queued when a mail with this key exists. True when queued.
 */
export async function queueMailOnce(
  db: Firestore,
  mail: QueuedMail,
  at: Date,
  /** More of the same occurrence (the member's in-app notification): reads in the transaction, returns its writes. */
  alongside?: (tx: Transaction) => Promise<() => void>,
): Promise<boolean> {
  const ref = db.collection(MAIL).doc(mail.key);
  try {
    return await db.runTransaction(async (tx) => {
      if ((await tx.get(ref)).exists) return false;
      const writeAlongside = await alongside?.(tx);
      queueMail(db, tx, mail, at);
      writeAlongside?.();
      return true;
    });
  } catch (err) {
    if (isAlreadyExists(err)) return false; // queued by a concurrent run between our read and commit
    throw err;
  }
}

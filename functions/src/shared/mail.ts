/**
 * Email contract: what the senders (newsletters, the `mail` outbox) hand to a mail transport, and the
 * outbox document. Transports live in functions/src/adapters/mail (SMTP, Postmark, local capture).
 */

/** A small text file sent with an email (an event's `.ics`); the outbox stores it with the mail. */
export interface MailAttachment {
  filename: string;
  /** e.g. `text/calendar; charset=utf-8; method=REQUEST`. */
  contentType: string;
  /** The file's text (UTF-8). */
  content: string;
}

/** One email, fully rendered. `headers` carries List-Unsubscribe and friends. */
export interface OutgoingEmail {
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Our own id for this message (delivery ledger key), echoed in results and as X-Commons-Message-Id. */
  id: string;
  /** Provider-side grouping, e.g. 'newsletter' or 'transactional' (Postmark message streams). */
  stream?: 'newsletter' | 'transactional';
  attachments?: MailAttachment[];
}

export interface SendResult {
  id: string;
  ok: boolean;
  /** Provider message id when accepted. */
  providerId?: string;
  error?: string;
}

/** `mail/{id}`: the outbox of single emails, delivered by a trigger with retries. */
export const MAIL = 'mail';
/** `skipped`: never sent, the member's address was not verified or is on the suppression list (`error` says which; see `deliverMail`). */
export type MailState = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';

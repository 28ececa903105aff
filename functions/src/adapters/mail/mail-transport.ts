import type { OutgoingEmail, SendResult } from '../../shared/mail';

export type { OutgoingEmail, SendResult };

/**
 * Sends rendered emails. `sendBatch` returns one result per input message, in input order; a message
 * the server or provider refuses is a result with `ok: false`. It throws (a `MailTransportError`) only
 * when nothing was sent (network down, credentials refused), so the caller may retry the whole batch
 * without sending anyone a duplicate.
 */
export interface MailTransport {
  readonly name: string;
  /** The most messages one `sendBatch` call takes. */
  readonly maxBatch: number;
  sendBatch(messages: OutgoingEmail[]): Promise<SendResult[]>;
  close?(): Promise<void>;
}

/** The whole call failed and nothing was sent. `retryable` is false when retrying cannot help (bad token). */
export class MailTransportError extends Error {
  readonly retryable: boolean;
  readonly status?: number;

  constructor(message: string, opts: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.name = 'MailTransportError';
    this.retryable = opts.retryable;
    this.status = opts.status;
  }
}

/** Our correlation header, also what the capture and delivery ledger key on. */
export const MESSAGE_ID_HEADER = 'X-Commons-Message-Id';

/** Headers the transport builds itself; a caller's copy would corrupt the MIME structure or the envelope. */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  MESSAGE_ID_HEADER.toLowerCase(),
]);

/**
 * The caller's extra headers (List-Unsubscribe and friends), then ours. Throws on a CR or LF in a name or
 * value: header injection is a bug upstream, reported as that message's failure.
 */
export function messageHeaders(message: OutgoingEmail): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!/^[!-9;-~]+$/.test(name)) throw new Error(`invalid header name ${JSON.stringify(name)}`);
    if (/[\r\n]/.test(value)) throw new Error(`invalid header value for ${name}: line breaks are not allowed`);
    if (RESERVED_HEADERS.has(name.toLowerCase())) continue;
    out.push([name, value]);
  }
  out.push([MESSAGE_ID_HEADER, message.id]);
  return out;
}

/** A message's failure as its result. */
export function failedResult(id: string, err: unknown): SendResult {
  return { id, ok: false, error: err instanceof Error ? err.message : String(err) };
}

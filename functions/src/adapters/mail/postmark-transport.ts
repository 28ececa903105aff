import {
  MailTransportError,
  failedResult,
  messageHeaders,
  type MailTransport,
  type OutgoingEmail,
  type SendResult,
} from './mail-transport';

export interface PostmarkConfig {
  serverToken: string;
  /** Default https://api.postmarkapp.com; tests point it at a local server. */
  baseUrl?: string;
  /** Postmark message streams for our two kinds of mail. */
  streams?: { newsletter: string; transactional: string };
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** One message of `POST /email/batch` (Postmark's field names). */
export interface PostmarkMessage {
  From: string;
  To: string;
  Subject: string;
  HtmlBody: string;
  TextBody: string;
  Headers: Array<{ Name: string; Value: string }>;
  MessageStream: string;
  Metadata?: Record<string, string>;
  /** Postmark's attachments: the content base64-encoded. */
  Attachments?: Array<{ Name: string; Content: string; ContentType: string }>;
}

/** One entry of the batch response, in request order. ErrorCode 0 means accepted. */
export interface PostmarkResult {
  ErrorCode: number;
  Message: string;
  MessageID?: string;
  To?: string;
  SubmittedAt?: string;
}

export const POSTMARK_API = 'https://api.postmarkapp.com';
const MAX_MESSAGES = 500;
// Postmark caps a batch request at 50 MB; stay clear of it and split bigger batches.
const MAX_REQUEST_BYTES = 40 * 1024 * 1024;
// Postmark metadata values are limited to 80 characters.
const MAX_METADATA_VALUE = 80;

/** Postmark's batch API over plain fetch: up to 500 messages per request, results in request order. */
export class PostmarkTransport implements MailTransport {
  readonly name = 'postmark';
  readonly maxBatch = MAX_MESSAGES;
  private readonly endpoint: string;
  private readonly streams: { newsletter: string; transactional: string };

  constructor(private readonly config: PostmarkConfig) {
    if (!config.serverToken) throw new Error('Postmark transport needs a server token (POSTMARK_SERVER_TOKEN)');
    this.endpoint = `${(config.baseUrl ?? POSTMARK_API).replace(/\/+$/, '')}/email/batch`;
    this.streams = config.streams ?? { newsletter: 'broadcast', transactional: 'outbound' };
  }

  async sendBatch(messages: OutgoingEmail[]): Promise<SendResult[]> {
    if (messages.length > this.maxBatch) {
      throw new RangeError(`Postmark batch of ${messages.length} messages exceeds maxBatch ${this.maxBatch}`);
    }
    const results: Array<SendResult | undefined> = new Array(messages.length);
    const toSend: Array<{ index: number; body: string }> = [];
    messages.forEach((m, index) => {
      try {
        toSend.push({ index, body: JSON.stringify(this.toPostmark(m)) });
      } catch (err) {
        results[index] = failedResult(m.id, err);
      }
    });

    let anySent = false;
    for (const chunk of chunkBySize(toSend, MAX_REQUEST_BYTES)) {
      let answers: PostmarkResult[];
      try {
        answers = await this.post(`[${chunk.map((c) => c.body).join(',')}]`);
      } catch (err) {
        // Nothing went out yet: let the caller retry the batch. Otherwise report only this chunk as not sent.
        if (!anySent) throw err;
        for (const { index } of chunk) results[index] = failedResult(messages[index]!.id, `not sent: ${describe(err)}`);
        continue;
      }
      anySent = true;
      chunk.forEach(({ index }, i) => {
        results[index] = toResult(messages[index]!.id, answers[i]);
      });
    }
    return messages.map((m, i) => results[i] ?? failedResult(m.id, 'no result'));
  }

  toPostmark(m: OutgoingEmail): PostmarkMessage {
    const out: PostmarkMessage = {
      From: m.from,
      To: m.to,
      Subject: m.subject,
      HtmlBody: m.html,
      TextBody: m.text,
      Headers: messageHeaders(m).map(([Name, Value]) => ({ Name, Value })),
      MessageStream: m.stream === 'newsletter' ? this.streams.newsletter : this.streams.transactional,
    };
    // Metadata makes our id searchable in Postmark's activity and webhooks; the header carries it anyway.
    if (m.id.length <= MAX_METADATA_VALUE) out.Metadata = { [metadataKey]: m.id };
    if (m.attachments?.length) {
      out.Attachments = m.attachments.map((a) => ({
        Name: a.filename,
        Content: Buffer.from(a.content, 'utf8').toString('base64'),
        ContentType: a.contentType,
      }));
    }
    return out;
  }

  private async post(body: string): Promise<PostmarkResult[]> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-Postmark-Server-Token': this.config.serverToken,
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new MailTransportError(`Postmark batch request failed: ${describe(err)}`, { retryable: true, cause: err });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw httpError(res.status, text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed)) {
      throw new MailTransportError(`Postmark batch: unexpected response (HTTP ${res.status}): ${text.slice(0, 200)}`, {
        retryable: false,
        status: res.status,
      });
    }
    return parsed as PostmarkResult[];
  }
}

const metadataKey = 'commonsMessageId';

function toResult(id: string, answer: PostmarkResult | undefined): SendResult {
  if (!answer) return { id, ok: false, error: 'Postmark returned no result for this message' };
  if (answer.ErrorCode === 0) return { id, ok: true, providerId: answer.MessageID };
  return { id, ok: false, error: `Postmark error ${answer.ErrorCode}: ${answer.Message}` };
}

function httpError(status: number, body: string): MailTransportError {
  let detail = body.slice(0, 200);
  try {
    const json = JSON.parse(body) as { ErrorCode?: number; Message?: string };
    if (json.Message) detail = `ErrorCode ${json.ErrorCode ?? '?'}: ${json.Message}`;
  } catch {
    // Not JSON (a proxy's error page): keep the raw start of it.
  }
  if (status === 401) {
    return new MailTransportError(`Postmark rejected the server token (HTTP 401): ${detail}`, {
      retryable: false,
      status,
    });
  }
  if (status === 422) {
    return new MailTransportError(`Postmark refused the whole batch (HTTP 422): ${detail}`, {
      retryable: false,
      status,
    });
  }
  // 429 (rate limit) and 5xx are Postmark's side: retry later.
  return new MailTransportError(`Postmark batch failed (HTTP ${status}): ${detail}`, {
    retryable: status === 429 || status >= 500,
    status,
  });
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

/** Consecutive chunks whose joined JSON stays under `maxBytes` (a single oversized message gets its own). */
function chunkBySize<T extends { body: string }>(items: T[], maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 2;
  for (const item of items) {
    const bytes = Buffer.byteLength(item.body) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

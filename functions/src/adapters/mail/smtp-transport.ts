import nodemailer, { type SMTPPoolOptions, type SMTPPoolSentMessageInfo, type Transporter } from 'nodemailer';
import {
  MailTransportError,
  failedResult,
  messageHeaders,
  type MailTransport,
  type OutgoingEmail,
  type SendResult,
} from './mail-transport';

export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS (465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** Parallel connections of the pool. */
  pool?: number;
}

export const DEFAULT_SMTP_POOL = 5;

/** `smtp://user:pass@host:port` or `smtps://...`; `?pool=N` sets the pool size. */
export function parseSmtpUrl(url: string): SmtpConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Invalid SMTP URL ${JSON.stringify(url)}: expected smtp://host:port or smtps://host:port`);
  }
  const secure = parsed.protocol === 'smtps:';
  if (!secure && parsed.protocol !== 'smtp:') {
    throw new Error(`Invalid SMTP URL scheme ${parsed.protocol} (use smtp:// or smtps://)`);
  }
  const pool = parsed.searchParams.get('pool');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    pass: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    pool: pool ? Number(pool) : undefined,
  };
}

// Codes nodemailer gives when the connection or the login failed, rather than this message being refused.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY']);
const CREDENTIAL_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG']);

type Outcome = { result: SendResult; connectionError?: { code: string; message: string } };

/**
 * Pooled SMTP: a batch goes out concurrently over up to `pool` connections, one message per SMTP
 * transaction, each multipart/alternative (text + HTML) with the caller's headers and X-Commons-Message-Id.
 */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  readonly maxBatch = 100;
  private readonly transporter: Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;

  constructor(config: SmtpConfig | string) {
    const c = typeof config === 'string' ? parseSmtpUrl(config) : config;
    this.transporter = nodemailer.createTransport({
      pool: true,
      host: c.host,
      port: c.port,
      secure: c.secure,
      auth: c.user ? { user: c.user, pass: c.pass ?? '' } : undefined,
      maxConnections: Math.max(1, c.pool ?? DEFAULT_SMTP_POOL),
      // Reconnecting every 100 messages (the default) costs a handshake for nothing on a bulk send.
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
      // Rendered bodies only: never let message content make us read files or fetch URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async sendBatch(messages: OutgoingEmail[]): Promise<SendResult[]> {
    const outcomes = await Promise.all(messages.map((m) => this.sendOne(m)));
    const anySent = outcomes.some((o) => o.result.ok);
    const failure = outcomes.find((o) => o.connectionError)?.connectionError;
    if (failure && !anySent) {
      throw new MailTransportError(`SMTP send failed, nothing was sent (${failure.code}): ${failure.message}`, {
        retryable: !CREDENTIAL_CODES.has(failure.code),
      });
    }
    return outcomes.map((o) => o.result);
  }

  private async sendOne(message: OutgoingEmail): Promise<Outcome> {
    let headers: Array<[string, string]>;
    try {
      headers = messageHeaders(message);
    } catch (err) {
      return { result: failedResult(message.id, err) };
    }
    try {
      const info = await this.transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: headers.map(([key, value]) => ({ key, value })),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.filename,
                content: a.content,
                contentType: a.contentType,
              })),
            }
          : {}),
      });
      if (info.rejected.length > 0) return { result: { id: message.id, ok: false, error: info.response } };
      return { result: { id: message.id, ok: true, providerId: info.messageId } };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const responseCode = (err as { responseCode?: unknown }).responseCode;
      const connectionLevel =
        typeof code === 'string' && (CONNECTION_CODES.has(code) || CREDENTIAL_CODES.has(code) || responseCode === 421);
      const result = failedResult(message.id, err);
      if (!connectionLevel) return { result };
      // Not the message's fault: if other messages went out, the caller must see this one as not sent.
      result.error = `not sent (${code}): ${result.error}`;
      return { result, connectionError: { code, message: (err as Error).message } };
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

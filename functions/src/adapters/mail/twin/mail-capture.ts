import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { INBOX_PAGE_LIMIT, inboxPage, messagePage, notFoundPage } from './capture-pages';
import { BounceSender } from './bounces';
import { CaptureStore, type CapturedMessage } from './capture-store';

export type { CapturedMessage };

export interface MailCaptureOptions {
  /** 0 picks a free port. Default 1025. */
  smtpPort?: number;
  /** 0 picks a free port. Default 8025. */
  httpPort?: number;
  /** Default 127.0.0.1: the capture accepts anything from anyone, so it stays on loopback. */
  host?: string;
  /** JSON-lines file that keeps the inbox across restarts. */
  dataFile?: string;
  /** Oldest messages are dropped beyond this (memory stays bounded); default 20,000. */
  maxMessages?: number;
  /**
   * Where mail to *@bounce.test, *@soft-bounce.test and *@complaint.test comes back as Postmark's bounce and
   * spam-complaint webhooks, with `auth` (`user:password`) as basic auth; unset: those are delivered too.
   */
  bounceWebhook?: { url: string; auth: string; retryDelaysMs?: number[] };
}

export interface MailCapture {
  smtpPort: number;
  httpPort: number;
  /** The dev inbox, e.g. http://127.0.0.1:8025 */
  url: string;
  messages(): CapturedMessage[];
  clear(): void;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

// The capture only needs what the sender wrote: skip mailparser's text<->HTML conversions and link work.
const PARSE_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
} as const;

/**
 * The local twin of the mail provider: a real SMTP server (no TLS, any or no login) that keeps every
 * message, and an HTTP server with a dev inbox and a JSON API for tests.
 */
export async function startMailCapture(opts: MailCaptureOptions = {}): Promise<MailCapture> {
  const host = opts.host ?? '127.0.0.1';
  const store = new CaptureStore(opts.dataFile, opts.maxMessages);
  await store.load();
  const bounces = opts.bounceWebhook ? new BounceSender(opts.bounceWebhook) : null;

  const smtp = new SMTPServer({
    name: 'commons-mail-capture',
    banner: 'Commons mail capture',
    logger: false,
    // Plain text on loopback: nodemailer would otherwise try STARTTLS against a self-signed certificate.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username ?? 'capture' }),
    // A reverse DNS lookup per connection is pure latency here.
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    maxClients: 200,
    closeTimeout: 250,
    onData: (stream, session, cb) => {
      receive(stream, session).then(
        (message) => {
          store.add(message);
          cb();
          bounces?.handle(message);
        },
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  // A client that drops its connection mid-session must not take the capture down.
  smtp.on('error', (err) => console.error('Mail capture SMTP error:', err.message));

  const http = createServer((req, res) => {
    handleHttp(store, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });

  const smtpPort = await listen(smtp.server, opts.smtpPort ?? 1025, host);
  let httpPort: number;
  try {
    httpPort = await listen(http, opts.httpPort ?? 8025, host);
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    smtpPort,
    httpPort,
    url: `http://${urlHost}:${httpPort}`,
    messages: () => store.all(),
    clear: () => store.clear(),
    close: async () => {
      bounces?.close();
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
      await store.flush();
    },
  };
}

async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<CapturedMessage> {
  // Buffer first: a parse error must not leave the SMTP stream half-read (the client would hang).
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) throw Object.assign(new Error('Message too large'), { responseCode: 552 });
  const parsed = await simpleParser(Buffer.concat(chunks), PARSE_OPTIONS);
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return {
    id: randomUUID(),
    to: session.envelope.rcptTo.map((r) => r.address),
    from: formatFrom(parsed) ?? envelopeFrom,
    subject: parsed.subject ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    text: parsed.text ?? '',
    headers: rawHeaders(parsed),
    receivedAt: new Date().toISOString(),
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      content: a.content.toString('utf8'),
    })),
  };
}

/** `Name <address>` as a reader would write it (mailparser's `text` quotes the name). */
function formatFrom(parsed: ParsedMail): string | undefined {
  const first = parsed.from?.value[0];
  if (!first) return parsed.from?.text;
  return first.name ? `${first.name} <${first.address ?? ''}>` : first.address;
}

/**
 * Header values as sent, unfolded, under lower-case names. mailparser's structured `headers` would turn
 * List-Unsubscribe into an object; tests want the exact string.
 */
function rawHeaders(parsed: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const raw = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n(?=[ \t])/g, '')
      .trim();
    const value = raw.includes('=?') ? decodeWords(raw) : raw;
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?=), as nodemailer writes non-ASCII header values. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (word, charset: string, encoding: string, text: string) => {
      try {
        const bytes =
          encoding.toUpperCase() === 'B'
            ? Buffer.from(text, 'base64')
            : Buffer.from(
                text
                  .replace(/_/g, ' ')
                  .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
                'latin1',
              );
        return new TextDecoder(charset.replace(/\*.*$/, '')).decode(bytes);
      } catch {
        return word;
      }
    });
}

async function handleHttp(store: CaptureStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://capture');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const to = url.searchParams.get('to') ?? undefined;

  if (path === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (path === '/api/health' && method === 'GET') return json(res, 200, { ok: true, messages: store.size });
  if (path === '/api/messages') {
    if (method === 'GET') return json(res, 200, to ? store.to(to) : store.all());
    if (method === 'DELETE') {
      store.clear();
      res.writeHead(204).end();
      return;
    }
  }
  const apiOne = /^\/api\/messages\/([^/]+)$/.exec(path);
  if (apiOne?.[1] && method === 'GET') {
    const m = store.get(decodeURIComponent(apiOne[1]));
    return m ? json(res, 200, m) : json(res, 404, { error: 'not found' });
  }
  if (path === '/' && method === 'GET') {
    const list = to ? store.to(to) : store.all();
    return html(res, 200, inboxPage(list.slice(-INBOX_PAGE_LIMIT).reverse(), list.length, to));
  }
  const page = /^\/messages\/([^/]+)$/.exec(path);
  if (page?.[1] && method === 'GET') {
    const m = store.get(decodeURIComponent(page[1]));
    return m ? html(res, 200, messagePage(m)) : html(res, 404, notFoundPage());
  }
  if (path === '/clear' && method === 'POST') {
    req.resume();
    store.clear();
    res.writeHead(303, { location: '/' }).end();
    return;
  }
  json(res, 404, { error: `no route ${method} ${path}` });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The mail's HTML (a srcdoc iframe inherits this policy) may show images and inline styles, never run code.
    'content-security-policy':
      "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(body);
}

function listen(server: Server | NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

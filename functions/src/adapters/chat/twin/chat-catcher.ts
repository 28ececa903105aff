import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catcherPage, type ChatPost } from './catcher-page';
import { ScimDirectory, type CatcherScimUser } from './catcher-scim';

/**
 * The local twin of Slack and Telegram for `npm start` and tests: one HTTP server speaking the wire
 * formats our adapters use, recording what they post, with injectable faults.
 *
 *   POST /slack/webhook[/...]                Slack incoming webhook (answers `ok`)
 *   POST /telegram/bot<token>/sendMessage    Telegram Bot API (token `bad` is refused)
 *   GET|DELETE|PATCH /scim/v1/Users...       Slack SCIM v1 over an in-memory directory
 *   POST /_catcher/fail {channel, times, status, retryAfter?}   the next `times` requests fail
 *   GET|DELETE /_catcher/posts, GET|POST /_catcher/scim/users, GET /_catcher/health, GET /
 */

export type { ChatPost, CatcherScimUser };

export interface ChatCatcherOptions {
  /** 0 picks a free port. Default 8090. */
  port?: number;
  /** Default 127.0.0.1: the catcher accepts anything from anyone, so it stays on loopback. */
  host?: string;
}

export interface ChatCatcher {
  /** e.g. http://127.0.0.1:8090 */
  url: string;
  port: number;
  posts(): ChatPost[];
  scimUsers(): CatcherScimUser[];
  close(): Promise<void>;
}

type FaultChannel = 'slack' | 'telegram' | 'scim';
interface Fault {
  remaining: number;
  status: number;
  retryAfter: number;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_POSTS = 10_000;
// Tags Telegram's HTML parse mode accepts; anything else is refused, which catches missing escaping.
const TELEGRAM_TAGS = new Set(
  'b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji'.split(' '),
);
const SLACK_ERRORS: Record<number, string> = {
  400: 'invalid_payload',
  403: 'action_prohibited',
  404: 'no_service',
  410: 'channel_is_archived',
  429: 'rate_limited',
  500: 'internal_error',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startChatCatcher(options: ChatCatcherOptions = {}): Promise<ChatCatcher> {
  const posts: ChatPost[] = [];
  const faults = new Map<FaultChannel, Fault>();
  const directory = new ScimDirectory();
  let messageId = 0;

  const record = (channel: ChatPost['channel'], body: unknown) => {
    posts.push({ channel, body, receivedAt: new Date().toISOString() });
    if (posts.length > MAX_POSTS) posts.splice(0, posts.length - MAX_POSTS);
  };

  /** The injected fault for this request, if one is pending. */
  const takeFault = (channel: FaultChannel): Fault | undefined => {
    const fault = faults.get(channel);
    if (!fault) return undefined;
    if (--fault.remaining <= 0) faults.delete(channel);
    return fault;
  };

  async function slack(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') return text(res, 405, 'invalid_method');
    // A URL that is not a webhook is what a revoked or mistyped one looks like.
    if (!/^\/slack\/webhook(\/[\w-]+)*\/?$/.test(path)) return text(res, 404, 'no_service');
    const fault = takeFault('slack');
    if (fault) {
      if (fault.status === 429) res.setHeader('retry-after', String(fault.retryAfter));
      return text(res, fault.status, SLACK_ERRORS[fault.status] ?? (fault.status >= 500 ? 'internal_error' : 'error'));
    }
    const body = parseJson(await readBody(req));
    if (!body || typeof body !== 'object') return text(res, 400, 'invalid_payload');
    const { text: message, blocks } = body as { text?: unknown; blocks?: unknown };
    if (blocks !== undefined && !Array.isArray(blocks)) return text(res, 400, 'invalid_blocks');
    if (!(typeof message === 'string' && message) && !(Array.isArray(blocks) && blocks.length)) {
      return text(res, 400, 'no_text');
    }
    record('slack', body);
    text(res, 200, 'ok');
  }

  async function telegram(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const refuse = (status: number, description: string, parameters?: object) =>
      json(res, status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) });
    const m = /^\/telegram\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!m) return refuse(404, 'Not Found');
    const fault = takeFault('telegram');
    if (fault) {
      return fault.status === 429
        ? refuse(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter })
        : refuse(fault.status, fault.status >= 500 ? 'Internal Server Error' : 'Bad Request: injected failure');
    }
    if (m[1] === 'bad') return refuse(401, 'Unauthorized');
    if (m[2] !== 'sendMessage' || req.method !== 'POST') return refuse(404, 'Not Found');
    const body = parseJson(await readBody(req)) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return refuse(400, 'Bad Request: invalid JSON body');
    const chatId = body.chat_id;
    if ((typeof chatId !== 'string' && typeof chatId !== 'number') || chatId === '') {
      return refuse(400, 'Bad Request: chat_id is empty');
    }
    if (typeof body.text !== 'string' || !body.text.trim()) return refuse(400, 'Bad Request: message text is empty');
    if (body.parse_mode === 'HTML') {
      const problem = htmlProblem(body.text);
      if (problem) return refuse(400, `Bad Request: can't parse entities: ${problem}`);
    }
    record('telegram', body);
    json(res, 200, {
      ok: true,
      result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'channel' } },
    });
  }

  async function scim(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const fault = takeFault('scim');
    if (fault) {
      if (fault.status === 429) res.setHeader('retry-after', String(fault.retryAfter));
      return json(res, fault.status, { Errors: { description: 'injected_failure', code: fault.status } });
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token || token === 'bad') {
      return json(res, 401, { Errors: { description: 'invalid_authentication', code: 401 } });
    }
    const raw = await readBody(req);
    const answer = directory.handle(
      req.method ?? 'GET',
      url.pathname.slice('/scim/v1/Users'.length),
      url.searchParams,
      raw ? parseJson(raw) : undefined,
    );
    if (answer.body === undefined) return end(res, answer.status);
    json(res, answer.status, answer.body);
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const route = `${req.method} ${path}`;
    switch (route) {
      case 'GET /_catcher/health':
        return json(res, 200, { ok: true });
      case 'GET /_catcher/posts':
        return json(res, 200, posts);
      case 'DELETE /_catcher/posts':
        posts.length = 0;
        return end(res, 204);
      case 'POST /_catcher/fail': {
        const body = parseJson(await readBody(req));
        const [channel, fault] = parseFault(body);
        faults.set(channel, fault);
        return json(res, 200, { channel, ...fault });
      }
      case 'GET /_catcher/scim/users':
        return json(res, 200, directory.list());
      case 'POST /_catcher/scim/users': {
        const body = parseJson(await readBody(req)) as { email?: unknown; active?: unknown } | undefined;
        if (typeof body?.email !== 'string' || !body.email.includes('@')) throw new HttpError(400, 'email required');
        return json(res, 201, directory.add(body.email, body.active !== false));
      }
      case 'DELETE /_catcher/scim/users':
        directory.clear();
        return end(res, 204);
      default:
        throw new HttpError(404, `no route ${route}`);
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://catcher.local');
    const path = url.pathname;
    let handled: Promise<void>;
    if (path.startsWith('/slack/')) handled = slack(req, res, path);
    else if (path.startsWith('/telegram/')) handled = telegram(req, res, path);
    else if (path === '/scim/v1/Users' || path.startsWith('/scim/v1/Users/')) handled = scim(req, res, url);
    else if (path.startsWith('/_catcher/')) handled = control(req, res, path);
    else if (path === '/' && req.method === 'GET') {
      res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      handled = Promise.resolve(html(res, catcherPage(posts, directory.list())));
    } else handled = Promise.reject(new HttpError(404, 'not found'));
    handled.catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (!res.headersSent) json(res, status, { error: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8090, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is still reached through loopback.
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shown}:${port}`,
    port,
    posts: () => structuredClone(posts),
    scimUsers: () => directory.list(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function parseFault(body: unknown): [FaultChannel, Fault] {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const channel = b.channel;
  if (channel !== 'slack' && channel !== 'telegram' && channel !== 'scim') {
    throw new HttpError(400, 'channel must be slack, telegram or scim');
  }
  const int = (value: unknown, fallback: number, min: number, max: number, name: string): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new HttpError(400, `${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  return [
    channel,
    {
      remaining: int(b.times, 1, 1, 1000, 'times'),
      status: int(b.status, 500, 400, 599, 'status'),
      retryAfter: int(b.retryAfter, 3, 0, 3600, 'retryAfter'),
    },
  ];
}

/** Why Telegram would refuse this HTML, or undefined: only tags it supports may appear unescaped. */
function htmlProblem(text: string): string | undefined {
  for (const m of text.matchAll(/<\/?([A-Za-z][\w-]*)/g)) {
    const tag = (m[1] ?? '').toLowerCase();
    if (!TELEGRAM_TAGS.has(tag)) {
      const offset = Buffer.byteLength(text.slice(0, m.index));
      return `Unsupported start tag "${tag}" at byte offset ${offset}`;
    }
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status).end();
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function html(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
}

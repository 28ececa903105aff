import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoutes, expanded } from './api-routes';
import { devRoutes } from './dev-routes';
import { parseForm } from './form';
import { findRoute, stripeError, type Reply } from './router';
import { messagePage } from './twin-pages';
import { newId, TwinError, TwinState } from './twin-state';
import { WebhookQueue, type Delivery } from './webhook-queue';

/**
 * Local twin of the Stripe API on node:http: the official SDK pointed at it with `{ host, port, protocol: 'http' }`
 * works unchanged for the calls our adapter makes. Its dev Checkout and Portal pages change state and deliver
 * Stripe-signed events to our real webhook, one at a time and in order.
 */

export interface StripeTwinOptions {
  port?: number; // 0 picks a free port
  host?: string;
  publicUrl?: string; // base of the page URLs in session `url`s; default http://host:port
  webhookUrl: string;
  webhookSecret: string;
  dataFile?: string; // JSON snapshot kept across restarts
  now?: () => number; // unix seconds (tests pin it); the test-clock offset is added on top
  retryDelaysMs?: number[]; // waits between webhook attempts; default 0.5 s doubling to 8 s = 6 attempts
}

export interface StripeTwin {
  url: string;
  port: number;
  state: TwinState;
  deliveries: Delivery[];
  /** Resolves once every event queued so far was delivered or given up on. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function createStripeTwin(opts: StripeTwinOptions): Promise<StripeTwin> {
  const host = opts.host ?? '127.0.0.1';
  const state = new TwinState({ dataFile: opts.dataFile, now: opts.now });
  const webhooks = new WebhookQueue({
    url: opts.webhookUrl,
    secret: opts.webhookSecret,
    retryDelaysMs: opts.retryDelaysMs ?? [500, 1000, 2000, 4000, 8000],
  });
  const idempotent = new Map<string, Reply>();
  const api = apiRoutes(state, webhooks);
  const dev = devRoutes(state, webhooks, async () => {
    await webhooks.clear();
    idempotent.clear();
    state.reset();
  });

  async function dispatch(method: string, url: URL, body: string): Promise<Reply> {
    const params = method === 'GET' || method === 'DELETE' ? parseForm(url.search.slice(1)) : parseForm(body);
    const devRoute = findRoute(dev, method, url, params);
    if (devRoute) return devRoute();
    const apiRoute = findRoute(api, method, url, params);
    if (!apiRoute) return stripeError(404, `Unrecognized request URL (${method}: ${url.pathname}).`);
    return { json: expanded(apiRoute(), params, state) };
  }

  /** The API's rules: a test secret key, and a repeated Idempotency-Key replays the first answer. */
  async function withApiRules(req: IncomingMessage, url: URL, body: string): Promise<Reply> {
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith('/v1/')) return dispatch(method, url, body);
    if (!/^Bearer (sk|rk)_test_\S+$/.test(req.headers.authorization ?? '')) {
      return { status: 401, json: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } } };
    }
    const key = req.headers['idempotency-key'];
    if (method === 'GET' || typeof key !== 'string') return dispatch(method, url, body);
    const cacheKey = `${method} ${url.pathname} ${key}`;
    const cached = idempotent.get(cacheKey);
    if (cached) return cached;
    const reply = await dispatch(method, url, body);
    // A snapshot: the stored objects keep changing, the replayed response must not.
    idempotent.set(cacheKey, structuredClone(reply));
    return reply;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://twin');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let reply: Reply;
    try {
      reply = await withApiRules(req, url, Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      reply =
        err instanceof TwinError ? stripeError(err.status, message, err.param, err.code) : stripeError(500, message);
      if (/^\/(checkout|portal|invoice)\//.test(url.pathname))
        reply = { status: reply.status, html: messagePage('Stripe twin', message) };
    }
    if (req.method !== 'GET') state.save();
    res.setHeader('request-id', newId('req_'));
    if (reply.redirect) res.writeHead(303, { location: reply.redirect }).end();
    else if (reply.html !== undefined)
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/html; charset=utf-8' }).end(reply.html);
    else res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  state.publicUrl = (opts.publicUrl ?? url).replace(/\/$/, '');

  async function close(): Promise<void> {
    const drained = webhooks.close();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await Promise.all([stopped, drained]);
  }
  return { url, port, state, deliveries: webhooks.deliveries, idle: () => webhooks.idle(), close };
}

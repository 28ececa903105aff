import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { checkoutPage, invoicePage, messagePage, PORTAL_NOTICES, portalPage } from './twin-pages';
import { newId, TwinError, TwinState, type Metadata, type TwinEvent } from './twin-state';

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

export interface Delivery {
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus?: number;
  error?: string;
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

// ---- form decoding: Stripe's bracket notation into nested objects and arrays ----

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const isObject = (v: FormValue | undefined): v is FormObject => typeof v === 'object' && !Array.isArray(v);

/** `a[b][0][c]=x&e[]=y` -> `{a:{b:[{c:'x'}]}, e:['y']}`; values stay strings, as they arrive. */
export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const parts = key.split('[').map((p, i) => (i === 0 ? p : p.replace(/\]$/, '')));
    if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    let node = root;
    parts.forEach((part, i) => {
      const k = part === '' ? String(Object.keys(node).length) : part;
      if (i === parts.length - 1) node[k] = value;
      else node = isObject(node[k]) ? node[k] : (node[k] = {});
    });
  }
  return arrayify(root) as FormObject;
}

/** Objects keyed 0..n-1 become arrays. */
function arrayify(v: FormValue): FormValue {
  if (!isObject(v)) return v;
  const entries = Object.entries(v).map(([k, x]) => [k, arrayify(x)] as const);
  return entries.length && entries.every(([k], i) => k === String(i))
    ? entries.map(([, x]) => x)
    : Object.fromEntries(entries);
}

const str = (p: FormObject, k: string) => {
  const v = p[k];
  return typeof v === 'string' ? v : undefined;
};
const obj = (p: FormObject, k: string): FormObject => {
  const v = p[k];
  return isObject(v) ? v : {};
};
const bool = (p: FormObject, k: string) => (str(p, k) === undefined ? undefined : str(p, k) === 'true');
/** The named string params, for the many endpoints whose state method takes them by the same names. */
const strings = <K extends string>(p: FormObject, keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, str(p, k)])) as Partial<Record<K, string>>;
function int(p: FormObject, k: string): number | undefined {
  const v = str(p, k);
  if (!v) return undefined;
  if (!/^-?\d+$/.test(v)) throw new TwinError(400, `Invalid integer: ${v}`, k, 'parameter_invalid_integer');
  return Number(v);
}
function list(p: FormObject, k: string): string[] | undefined {
  const v = p[k];
  return v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}
function meta(p: FormObject, k = 'metadata'): Metadata | undefined {
  if (p[k] === undefined) return undefined;
  return Object.fromEntries(Object.entries(obj(p, k)).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
function firstOf(p: FormObject, k: string): FormObject {
  const v = p[k];
  return Array.isArray(v) && isObject(v[0]) ? v[0] : {};
}

// ---- lists and expansion ----

/** A Stripe list page: newest first, `limit` 1..100 (default 10), `starting_after` / `ending_before`. */
function page<T extends { id: string }>(items: T[], p: FormObject, url: string) {
  const limit = int(p, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw new TwinError(400, 'Invalid limit: must be between 1 and 100.', 'limit');
  const indexOf = (param: string) => {
    const i = items.findIndex((x) => x.id === str(p, param));
    if (i < 0) throw new TwinError(400, `No such object: '${str(p, param)}'`, param, 'resource_missing');
    return i;
  };
  if (str(p, 'ending_before') && !str(p, 'starting_after')) {
    const end = indexOf('ending_before');
    return { object: 'list', url, has_more: end > limit, data: items.slice(Math.max(0, end - limit), end) };
  }
  const start = str(p, 'starting_after') ? indexOf('starting_after') + 1 : 0;
  return { object: 'list', url, has_more: start + limit < items.length, data: items.slice(start, start + limit) };
}

/** `expand[]=a.b` swaps ids along the path for their objects; `data.x` walks a list's items. */
function expand(node: unknown, parts: string[], state: TwinState): unknown {
  if (typeof node === 'string') node = state.byId(node) ?? node;
  const [head, ...rest] = parts;
  if (head === undefined || !node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n: unknown) => expand(n, parts, state));
  const rec = node as Record<string, unknown>;
  return { ...rec, [head]: expand(rec[head], rest, state) };
}

// ---- the server ----

interface Reply {
  status?: number;
  json?: unknown;
  html?: string;
  redirect?: string;
}
/** `ids` are the path's `:params`; `params` the decoded query (GET, DELETE) or form body. */
interface Request {
  ids: string[];
  params: FormObject;
  url: URL;
}
type Route<R> = [method: string, pattern: RegExp, handler: (req: Request) => R];

const route = <R>(method: string, path: string, handler: (req: Request) => R): Route<R> => [
  method,
  new RegExp(`^${path.replace(/:\w+/g, '([^/]+)')}$`),
  handler,
];
const stripeError = (status: number, message: string, param?: string, code?: string): Reply => ({
  status,
  json: { error: { type: status === 402 ? 'card_error' : 'invalid_request_error', message, param, code } },
});
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export async function createStripeTwin(opts: StripeTwinOptions): Promise<StripeTwin> {
  const host = opts.host ?? '127.0.0.1';
  const state = new TwinState({ dataFile: opts.dataFile, now: opts.now });
  const retryDelays = opts.retryDelaysMs ?? [500, 1000, 2000, 4000, 8000];
  const deliveries: Delivery[] = [];
  const idempotent = new Map<string, Reply>();
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  let markClosed = () => {};
  const closing = new Promise<void>((resolve) => (markClosed = resolve));

  async function send(event: TwinEvent, d: Delivery): Promise<void> {
    const payload = JSON.stringify(event);
    for (let attempt = 0; !closed; attempt++) {
      d.attempts++;
      try {
        // Signed at send time, like Stripe: a retry carries a fresh timestamp within the receiver's tolerance.
        const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.webhookSecret });
        const res = await fetch(opts.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': header },
          body: payload,
          signal: AbortSignal.timeout(30_000),
        });
        [d.responseStatus, d.error] = [res.status, undefined];
        await res.arrayBuffer();
        if (res.ok) return void (d.status = 'delivered');
      } catch (err) {
        [d.responseStatus, d.error] = [undefined, err instanceof Error ? err.message : String(err)];
      }
      const delay = retryDelays[attempt];
      if (delay === undefined) break;
      await Promise.race([sleep(delay), closing]);
    }
    d.status = 'failed';
  }

  /** Queues events behind every earlier one; resolves when these were delivered or given up on. */
  function deliver(events: TwinEvent[]): Promise<void> {
    for (const event of events) {
      const d: Delivery = { eventId: event.id, type: event.type, status: 'pending', attempts: 0 };
      deliveries.push(d);
      tail = tail.then(() => send(event, d));
    }
    return tail;
  }

  /** API routes return Stripe objects, serialized with `expand[]` applied. */
  const api: Route<unknown>[] = [
    route('POST', '/v1/customers', ({ params: p }) =>
      state.createCustomer({ ...strings(p, ['email', 'name']), metadata: meta(p) }),
    ),
    route('GET', '/v1/customers', ({ params: p, url }) =>
      page(state.customers(strings(p, ['email'])), p, url.pathname),
    ),
    route('GET', '/v1/customers/:id', ({ ids: [id = ''] }) => state.customer(id)),
    route('POST', '/v1/customers/:id', ({ ids: [id = ''], params: p }) =>
      state.updateCustomer(id, { ...strings(p, ['email', 'name']), metadata: meta(p) }),
    ),
    route('POST', '/v1/products', ({ params: p }) =>
      state.createProduct({ ...strings(p, ['name', 'description']), metadata: meta(p), active: bool(p, 'active') }),
    ),
    route('GET', '/v1/products/:id', ({ ids: [id = ''] }) => state.product(id)),
    route('POST', '/v1/prices', ({ params: p }) =>
      state.createPrice({
        ...strings(p, ['product', 'currency', 'lookup_key', 'nickname']),
        unit_amount: int(p, 'unit_amount'),
        interval: str(obj(p, 'recurring'), 'interval'),
        metadata: meta(p),
      }),
    ),
    route('GET', '/v1/prices', ({ params: p, url }) =>
      page(
        state.prices({ lookupKeys: list(p, 'lookup_keys'), active: bool(p, 'active'), product: str(p, 'product') }),
        p,
        url.pathname,
      ),
    ),
    route('GET', '/v1/prices/:id', ({ ids: [id = ''] }) => state.price(id)),
    route('POST', '/v1/checkout/sessions', ({ params: p }) => {
      const [line, subData] = [firstOf(p, 'line_items'), obj(p, 'subscription_data')];
      return state.createCheckoutSession({
        ...strings(p, ['mode', 'customer', 'customer_email', 'success_url', 'cancel_url', 'client_reference_id']),
        price: str(line, 'price'),
        quantity: int(line, 'quantity'),
        metadata: meta(p),
        subscription_metadata: meta(subData),
        trial_period_days: int(subData, 'trial_period_days'),
        allow_promotion_codes: bool(p, 'allow_promotion_codes'),
      });
    }),
    route('GET', '/v1/checkout/sessions/:id', ({ ids: [id = ''] }) => state.checkoutSession(id)),
    route('POST', '/v1/billing_portal/sessions', ({ params: p }) =>
      state.createPortalSession(strings(p, ['customer', 'return_url'])),
    ),
    route('GET', '/v1/subscriptions', ({ params: p, url }) =>
      page(state.subscriptions(strings(p, ['customer', 'status', 'price'])), p, url.pathname),
    ),
    route('GET', '/v1/subscriptions/:id', ({ ids: [id = ''] }) => state.subscription(id)),
    route('POST', '/v1/subscriptions/:id', ({ ids: [id = ''], params: p }) => {
      const item = firstOf(p, 'items');
      const [itemId, price, cancel, metadata] = [
        str(item, 'id'),
        str(item, 'price'),
        bool(p, 'cancel_at_period_end'),
        meta(p),
      ];
      if (itemId && !state.subscription(id).items.data.some((i) => i.id === itemId)) {
        throw new TwinError(400, `No such subscription item: '${itemId}'`, 'items[0][id]', 'resource_missing');
      }
      // API calls answer at once, like Stripe; their webhooks follow in the background.
      void deliver([
        ...(price ? state.changePrice(id, price) : []),
        ...(cancel !== undefined ? state.setCancelAtPeriodEnd(id, cancel) : []),
        ...(metadata ? state.updateMetadata(id, metadata) : []),
      ]);
      return state.subscription(id);
    }),
    route('DELETE', '/v1/subscriptions/:id', ({ ids: [id = ''] }) => {
      void deliver(state.cancelNow(id));
      return state.subscription(id);
    }),
    route('GET', '/v1/invoices', ({ params: p, url }) =>
      page(state.invoices(strings(p, ['customer', 'subscription', 'status'])), p, url.pathname),
    ),
    route('GET', '/v1/invoices/:id', ({ ids: [id = ''] }) => state.invoice(id)),
    route('GET', '/v1/events', ({ params: p, url }) =>
      page(state.events({ types: list(p, 'types') ?? list(p, 'type') }), p, url.pathname),
    ),
    route('GET', '/v1/events/:id', ({ ids: [id = ''] }) => state.event(id)),
  ];

  const portalActions: Record<string, (subId: string, form: FormObject) => TwinEvent[]> = {
    'change-plan': (s, f) => state.changePrice(s, str(f, 'price') ?? ''),
    cancel: (s) => state.setCancelAtPeriodEnd(s, true),
    renew: (s) => state.setCancelAtPeriodEnd(s, false),
    'update-card': () => [],
    advance: (s) => state.advance(s),
    'fail-renewal': (s) => state.failRenewal(s),
    'pay-invoice': (s) => state.payOpenInvoice(s),
  };
  const clockActions: Record<string, (subId: string) => TwinEvent[]> = {
    advance: (s) => state.advance(s),
    'fail-renewal': (s) => state.failRenewal(s),
    pay: (s) => state.payOpenInvoice(s),
  };

  /** Page actions answer only after their events were delivered, so the app has processed them on return. */
  async function payCheckout(id: string, form: FormObject): Promise<Reply> {
    const session = state.checkoutSession(id);
    try {
      await deliver(state.payCheckout(id, str(form, 'card') ?? '', str(form, 'promotion_code')));
    } catch (err) {
      if (!(err instanceof TwinError)) throw err;
      return { status: err.status, html: checkoutPage(state, session, err.message) };
    }
    return { redirect: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id) };
  }

  async function portalAction(id: string, action: string, form: FormObject): Promise<Reply> {
    const portal = state.portalSession(id);
    const run = Object.hasOwn(portalActions, action) ? portalActions[action] : undefined;
    if (!run) return { status: 404, html: messagePage('Not found', 'Unknown portal action.') };
    const subId = str(form, 'subscription') ?? '';
    try {
      if (state.subscription(subId).customer !== portal.customer)
        throw new TwinError(404, 'No such subscription for this customer.');
      await deliver(run(subId, form));
    } catch (err) {
      if (!(err instanceof TwinError)) throw err;
      return { status: err.status, html: portalPage(state, portal, { error: err.message }) };
    }
    return { redirect: `/portal/${encodeURIComponent(id)}?notice=${encodeURIComponent(action)}` };
  }

  /** Dev pages and /_twin controls: no API key (they are local-only). */
  const dev: Route<Reply | Promise<Reply>>[] = [
    route('GET', '/_twin/health', () => ({ json: { ok: true } })),
    route('GET', '/_twin/deliveries', () => ({ json: { deliveries } })),
    route('POST', '/_twin/reset', async () => {
      await tail;
      deliveries.length = 0;
      idempotent.clear();
      state.reset();
      return { json: { ok: true } };
    }),
    route('POST', '/_twin/subscriptions/:id/:action', async ({ ids: [id = '', action = ''] }) => {
      const run = Object.hasOwn(clockActions, action) ? clockActions[action] : undefined;
      if (!run) return stripeError(404, `Unknown test clock action: ${action}`);
      const events = run(id);
      await deliver(events);
      return {
        json: { subscription: state.subscription(id), events: events.map((e) => ({ id: e.id, type: e.type })) },
      };
    }),
    route('GET', '/checkout/:id', ({ ids: [id = ''] }) => ({ html: checkoutPage(state, state.checkoutSession(id)) })),
    route('POST', '/checkout/:id/pay', ({ ids: [id = ''], params }) => payCheckout(id, params)),
    route('GET', '/portal/:id', ({ ids: [id = ''], url }) => {
      const notice = PORTAL_NOTICES[url.searchParams.get('notice') ?? ''];
      return { html: portalPage(state, state.portalSession(id), { notice }) };
    }),
    route('POST', '/portal/:id/:action', ({ ids: [id = '', action = ''], params }) => portalAction(id, action, params)),
    route('GET', '/invoice/:id', ({ ids: [id = ''] }) => ({ html: invoicePage(state.invoice(id)) })),
  ];

  async function dispatch(method: string, url: URL, body: string): Promise<Reply> {
    const params = method === 'GET' || method === 'DELETE' ? parseForm(url.search.slice(1)) : parseForm(body);
    const match = <R>(routes: Route<R>[]) => {
      for (const [verb, re, handler] of routes) {
        const found = verb === method ? url.pathname.match(re) : null;
        if (found) return () => handler({ ids: found.slice(1).map(decodeURIComponent), params, url });
      }
      return undefined;
    };
    const devRoute = match(dev);
    if (devRoute) return devRoute();
    const apiRoute = match(api);
    if (!apiRoute) return stripeError(404, `Unrecognized request URL (${method}: ${url.pathname}).`);
    return { json: (list(params, 'expand') ?? []).reduce((o, path) => expand(o, path.split('.'), state), apiRoute()) };
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
    closed = true;
    markClosed();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await Promise.all([stopped, tail]);
  }
  return { url, port, state, deliveries, idle: () => tail, close };
}

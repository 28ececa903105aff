import { bool, firstOf, int, list, meta, obj, str, strings, type FormObject } from './form';
import { route, type Route } from './router';
import { parseProration, TwinError, type CreatedRange, type TwinState } from './twin-state';
import type { WebhookQueue } from './webhook-queue';

/** The Stripe API endpoints our adapter calls (`/v1/...`), answering Stripe objects from the twin's state. */

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

/** `created=<unix>` or `created[gt|gte|lt|lte]=<unix>`, as Stripe's list endpoints take it. */
function createdRange(p: FormObject): CreatedRange | undefined {
  if (p.created === undefined) return undefined;
  const exact = int(p, 'created');
  if (exact !== undefined) return exact;
  const range = obj(p, 'created');
  return { gt: int(range, 'gt'), gte: int(range, 'gte'), lt: int(range, 'lt'), lte: int(range, 'lte') };
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

/** An API answer with the request's `expand[]` paths applied, as Stripe serializes it. */
export function expanded(answer: unknown, params: FormObject, state: TwinState): unknown {
  return (list(params, 'expand') ?? []).reduce((o, path) => expand(o, path.split('.'), state), answer);
}

/** The parts of a portal configuration the twin models (the rest of `features` is accepted and ignored). */
function portalConfig(p: FormObject) {
  const features = obj(p, 'features');
  const update = obj(features, 'subscription_update');
  return {
    proration_behavior: str(update, 'proration_behavior'),
    update_enabled: bool(update, 'enabled'),
    cancel_mode: str(obj(features, 'subscription_cancel'), 'mode'),
    metadata: meta(p),
  };
}

/** API calls answer at once, like Stripe; the webhooks their changes cause follow in the background. */
export function apiRoutes(state: TwinState, webhooks: WebhookQueue): Route<unknown>[] {
  return [
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
      state.createProduct({
        ...strings(p, ['name', 'description', 'tax_code']),
        metadata: meta(p),
        active: bool(p, 'active'),
      }),
    ),
    route('GET', '/v1/products/:id', ({ ids: [id = ''] }) => state.product(id)),
    route('POST', '/v1/products/:id', ({ ids: [id = ''], params: p }) =>
      state.updateProduct(id, { ...strings(p, ['name', 'tax_code']), metadata: meta(p) }),
    ),
    route('POST', '/v1/prices', ({ params: p }) =>
      state.createPrice({
        ...strings(p, ['product', 'currency', 'lookup_key', 'nickname', 'tax_behavior']),
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
        trial_end: int(subData, 'trial_end'),
        allow_promotion_codes: bool(p, 'allow_promotion_codes'),
        tax_id_collection: bool(obj(p, 'tax_id_collection'), 'enabled'),
        customer_update:
          p.customer_update === undefined ? undefined : strings(obj(p, 'customer_update'), ['address', 'name']),
      });
    }),
    route('GET', '/v1/checkout/sessions', ({ params: p, url }) =>
      page(state.checkoutSessions(strings(p, ['customer', 'status'])), p, url.pathname),
    ),
    route('GET', '/v1/checkout/sessions/:id', ({ ids: [id = ''] }) => state.checkoutSession(id)),
    route('POST', '/v1/checkout/sessions/:id/expire', ({ ids: [id = ''] }) => {
      void webhooks.deliver(state.expireCheckoutSession(id));
      return state.checkoutSession(id);
    }),
    route('POST', '/v1/billing_portal/configurations', ({ params: p }) =>
      state.createPortalConfiguration(portalConfig(p)),
    ),
    route('GET', '/v1/billing_portal/configurations', ({ params: p, url }) =>
      page(
        state.portalConfigurations({ is_default: bool(p, 'is_default'), active: bool(p, 'active') }),
        p,
        url.pathname,
      ),
    ),
    route('GET', '/v1/billing_portal/configurations/:id', ({ ids: [id = ''] }) => state.portalConfiguration(id)),
    route('POST', '/v1/billing_portal/configurations/:id', ({ ids: [id = ''], params: p }) =>
      state.updatePortalConfiguration(id, portalConfig(p)),
    ),
    route('POST', '/v1/billing_portal/sessions', ({ params: p }) =>
      state.createPortalSession(strings(p, ['customer', 'return_url'])),
    ),
    route('GET', '/v1/subscriptions', ({ params: p, url }) =>
      page(state.subscriptions(strings(p, ['customer', 'status', 'price'])), p, url.pathname),
    ),
    route('GET', '/v1/subscriptions/:id', ({ ids: [id = ''] }) => state.subscription(id)),
    route('POST', '/v1/subscriptions/:id', ({ ids: [id = ''], params: p }) => {
      const item = firstOf(p, 'items');
      const proration = parseProration(str(p, 'proration_behavior'));
      const [itemId, price, cancel, metadata] = [
        str(item, 'id'),
        str(item, 'price'),
        bool(p, 'cancel_at_period_end'),
        meta(p),
      ];
      if (itemId && !state.subscription(id).items.data.some((i) => i.id === itemId)) {
        throw new TwinError(400, `No such subscription item: '${itemId}'`, 'items[0][id]', 'resource_missing');
      }
      void webhooks.deliver([
        ...(price ? state.changePrice(id, price, proration) : []),
        ...(cancel !== undefined ? state.setCancelAtPeriodEnd(id, cancel) : []),
        ...(metadata ? state.updateMetadata(id, metadata) : []),
      ]);
      return state.subscription(id);
    }),
    route('DELETE', '/v1/subscriptions/:id', ({ ids: [id = ''], params: p }) => {
      const opts = { prorate: bool(p, 'prorate'), invoice_now: bool(p, 'invoice_now') };
      void webhooks.deliver(state.cancelNow(id, { ...opts, comment: str(obj(p, 'cancellation_details'), 'comment') }));
      return state.subscription(id);
    }),
    route('POST', '/v1/refunds', ({ params: p }) => {
      const { refund, events } = state.createRefund({
        ...strings(p, ['charge', 'payment_intent', 'reason']),
        amount: int(p, 'amount'),
        metadata: meta(p),
      });
      void webhooks.deliver(events);
      return refund;
    }),
    route('GET', '/v1/refunds', ({ params: p, url }) =>
      page(state.refunds(strings(p, ['charge', 'payment_intent'])), p, url.pathname),
    ),
    route('GET', '/v1/payment_intents/:id', ({ ids: [id = ''] }) => state.paymentIntent(id)),
    route('GET', '/v1/invoices', ({ params: p, url }) =>
      page(state.invoices(strings(p, ['customer', 'subscription', 'status'])), p, url.pathname),
    ),
    route('GET', '/v1/invoices/:id', ({ ids: [id = ''] }) => state.invoice(id)),
    route('GET', '/v1/charges', ({ params: p, url }) =>
      page(state.charges({ customer: str(p, 'customer'), paymentIntent: str(p, 'payment_intent') }), p, url.pathname),
    ),
    route('GET', '/v1/charges/:id', ({ ids: [id = ''] }) => state.charge(id)),
    route('GET', '/v1/disputes/:id', ({ ids: [id = ''] }) => state.dispute(id)),
    route('GET', '/v1/invoice_payments', ({ params: p, url }) => {
      const payment = obj(p, 'payment');
      const filter = {
        invoice: str(p, 'invoice'),
        status: str(p, 'status'),
        paymentIntent: str(payment, 'payment_intent'),
      };
      return page(state.invoicePayments(filter), p, url.pathname);
    }),
    route('GET', '/v1/events', ({ params: p, url }) =>
      page(state.events({ types: list(p, 'types') ?? list(p, 'type'), created: createdRange(p) }), p, url.pathname),
    ),
    route('GET', '/v1/events/:id', ({ ids: [id = ''] }) => state.event(id)),
  ];
}

import { int, str, type FormObject } from './form';
import { route, stripeError, type Reply, type Route } from './router';
import { checkoutPage, invoicePage, messagePage, PORTAL_NOTICES, portalPage } from './twin-pages';
import { TwinError, type TwinEvent, type TwinState } from './twin-state';
import type { WebhookQueue } from './webhook-queue';

/**
 * The twin's dev pages (Checkout, Customer Portal, hosted invoice) and its `/_twin` controls (health,
 * delivery log, reset, test clock, a subscription without Checkout). No API key: they are local-only. Their actions answer only after
 * their events were delivered, so the app has processed them when the browser (or test) moves on.
 */

const portalActions: Record<string, (state: TwinState, subId: string, form: FormObject) => TwinEvent[]> = {
  'change-plan': (state, s, f) => state.changePrice(s, str(f, 'price') ?? '', state.portalProration()),
  cancel: (state, s) => state.setCancelAtPeriodEnd(s, true),
  renew: (state, s) => state.setCancelAtPeriodEnd(s, false),
  'update-card': () => [],
  advance: (state, s) => state.advance(s),
  'fail-renewal': (state, s) => state.failRenewal(s),
  'pay-invoice': (state, s) => state.payOpenInvoice(s),
};

const clockActions: Record<string, (state: TwinState, subId: string) => TwinEvent[]> = {
  advance: (state, s) => state.advance(s),
  'fail-renewal': (state, s) => state.failRenewal(s),
  pay: (state, s) => state.payOpenInvoice(s),
  'require-action': (state, s) => state.requireAction(s),
  'trial-will-end': (state, s) => state.trialWillEnd(s),
  upcoming: (state, s) => state.upcomingInvoice(s),
};

/** Payments the card holder or their bank reverses: the dashboard's Refund, a dispute opened and decided. */
const paymentActions: Record<string, (state: TwinState, id: string, form: FormObject) => TwinEvent[]> = {
  'charges/refund': (state, id, f) => state.refundCharge(id, int(f, 'amount')),
  'charges/dispute': (state, id, f) => state.openDispute(id, str(f, 'reason')),
  'disputes/close': (state, id, f) => state.closeDispute(id, str(f, 'status') ?? ''),
};

const own = <T>(table: Record<string, T>, key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);

/** `reset` empties the twin (state, delivery log, idempotency cache) for the next test. */
export function devRoutes(
  state: TwinState,
  webhooks: WebhookQueue,
  reset: () => Promise<void>,
): Route<Reply | Promise<Reply>>[] {
  async function payCheckout(id: string, form: FormObject): Promise<Reply> {
    const session = state.checkoutSession(id);
    try {
      await webhooks.deliver(state.payCheckout(id, str(form, 'card') ?? '', str(form, 'promotion_code')));
    } catch (err) {
      if (!(err instanceof TwinError)) throw err;
      return { status: err.status, html: checkoutPage(state, session, err.message) };
    }
    return { redirect: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id) };
  }

  async function portalAction(id: string, action: string, form: FormObject): Promise<Reply> {
    const portal = state.portalSession(id);
    const run = own(portalActions, action);
    if (!run) return { status: 404, html: messagePage('Not found', 'Unknown portal action.') };
    const subId = str(form, 'subscription') ?? '';
    try {
      if (state.subscription(subId).customer !== portal.customer)
        throw new TwinError(404, 'No such subscription for this customer.');
      await webhooks.deliver(run(state, subId, form));
    } catch (err) {
      if (!(err instanceof TwinError)) throw err;
      return { status: err.status, html: portalPage(state, portal, { error: err.message }) };
    }
    return { redirect: `/portal/${encodeURIComponent(id)}?notice=${encodeURIComponent(action)}` };
  }

  return [
    route('GET', '/_twin/health', () => ({ json: { ok: true } })),
    route('GET', '/_twin/deliveries', () => ({ json: { deliveries: webhooks.deliveries } })),
    route('POST', '/_twin/reset', async () => {
      await reset();
      return { json: { ok: true } };
    }),
    route('POST', '/_twin/subscriptions/:id/:action', async ({ ids: [id = '', action = ''] }) => {
      const run = own(clockActions, action);
      if (!run) return stripeError(404, `Unknown test clock action: ${action}`);
      const events = run(state, id);
      await webhooks.deliver(events);
      return {
        json: { subscription: state.subscription(id), events: events.map((e) => ({ id: e.id, type: e.type })) },
      };
    }),
    route('POST', '/_twin/:kind/:id/:action', async ({ ids: [kind = '', id = '', action = ''], params }) => {
      const run = own(paymentActions, `${kind}/${action}`);
      if (!run) return stripeError(404, `Unknown payment action: ${kind}/${action}`);
      const events = run(state, id, params);
      await webhooks.deliver(events);
      return { json: { events: events.map((e) => ({ id: e.id, type: e.type, object: e.data.object })) } };
    }),
    // A subscription made outside Checkout (POST /v1/subscriptions with a saved card). `webhooks=lost` records
    // its events (listed by GET /v1/events) without delivering them: the lost webhook reconciliation heals.
    route('POST', '/_twin/subscriptions', async ({ params }) => {
      const events = state.subscribe(str(params, 'customer') ?? '', str(params, 'price') ?? '');
      if (str(params, 'webhooks') !== 'lost') await webhooks.deliver(events);
      return {
        json: { subscription: events[0]?.data.object, events: events.map((e) => ({ id: e.id, type: e.type })) },
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
}

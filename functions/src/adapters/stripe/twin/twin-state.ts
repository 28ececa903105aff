import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * In-memory model of the slice of Stripe that Commons uses (API 2026-10-28.endive), with no HTTP in it.
 * Every transition returns the events it produced, in the order real Stripe sends them, so the server
 * can deliver them to the webhook one by one.
 */

export const TWIN_API_VERSION = '2026-10-28.endive';
export const SUCCESS_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';

export type Metadata = Record<string, string>;
export type Interval = 'month' | 'year';
export type SubscriptionStatus =
  'trialing' | 'active' | 'past_due' | 'unpaid' | 'canceled' | 'incomplete' | 'incomplete_expired';
type Nullable<T> = T | null;
interface Base {
  id: string;
  object: string;
  created: number;
  livemode: false;
}

export interface Customer extends Base {
  object: 'customer';
  email: Nullable<string>;
  name: Nullable<string>;
  /** Negative: credit the next invoices use up (a prorated cancellation). */
  balance?: number;
  metadata: Metadata;
}
export interface Product extends Base {
  object: 'product';
  name: string;
  active: boolean;
  description: Nullable<string>;
  tax_code: Nullable<string>;
  metadata: Metadata;
}
export interface Price extends Base {
  object: 'price';
  product: string;
  active: boolean;
  currency: string;
  unit_amount: number;
  type: 'recurring';
  recurring: { interval: Interval; interval_count: 1 };
  lookup_key: Nullable<string>;
  nickname: Nullable<string>;
  tax_behavior: 'inclusive' | 'exclusive' | 'unspecified';
  metadata: Metadata;
}
export interface CheckoutSession extends Base {
  object: 'checkout.session';
  mode: 'subscription';
  customer: Nullable<string>;
  customer_email: Nullable<string>;
  subscription: Nullable<string>;
  client_reference_id: Nullable<string>;
  metadata: Metadata;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  url: Nullable<string>;
  success_url: string;
  cancel_url: Nullable<string>;
  allow_promotion_codes: boolean;
  currency: string;
  amount_total: number;
  expires_at: number;
  tax_id_collection: { enabled: boolean };
}
export interface PortalSession extends Base {
  object: 'billing_portal.session';
  customer: string;
  return_url: Nullable<string>;
  url: string;
}
export interface SubscriptionItem {
  id: string;
  object: 'subscription_item';
  price: Price;
  quantity: number;
  created: number;
  current_period_start: number;
  current_period_end: number;
  subscription: string;
}
export interface Subscription extends Base {
  object: 'subscription';
  customer: string;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  cancel_at: Nullable<number>;
  canceled_at: Nullable<number>;
  ended_at: Nullable<number>;
  trial_start: Nullable<number>;
  trial_end: Nullable<number>;
  start_date: number;
  currency: string;
  metadata: Metadata;
  latest_invoice: Nullable<string>;
  cancellation_details: { comment: Nullable<string>; feedback: null; reason: Nullable<string> };
  items: { object: 'list'; data: SubscriptionItem[]; has_more: false; url: string };
}
export interface Invoice extends Base {
  object: 'invoice';
  customer: string;
  status: 'paid' | 'open';
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  currency: string;
  period_start: number;
  period_end: number;
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update';
  hosted_invoice_url: string;
  parent: { type: 'subscription_details'; subscription_details: { subscription: string; metadata: Metadata } };
}
/** Paying an invoice makes a PaymentIntent with one Charge, linked to the invoice by an InvoicePayment. */
export interface PaymentIntent extends Base {
  object: 'payment_intent';
  amount: number;
  currency: string;
  customer: string;
  status: 'succeeded';
  latest_charge: string;
}
/** A card payment; every paid invoice with an amount has one (through its payment intent). */
export interface Charge extends Base {
  object: 'charge';
  customer: string;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: true;
  paid: true;
  refunded: boolean;
  disputed: boolean;
  status: 'succeeded';
  currency: string;
  payment_intent: string;
  description: Nullable<string>;
  metadata: Metadata;
}
/** Links an invoice to the payment intent that paid it (`GET /v1/invoice_payments?payment[...]`). */
export interface InvoicePayment extends Base {
  object: 'invoice_payment';
  invoice: string;
  amount_paid: number;
  amount_requested: number;
  currency: string;
  is_default: true;
  status: 'paid';
  payment: { type: 'payment_intent'; payment_intent: string };
}
export interface Dispute extends Base {
  object: 'dispute';
  charge: string;
  payment_intent: string;
  amount: number;
  currency: string;
  reason: string;
  status: 'needs_response' | 'under_review' | 'won' | 'lost';
  is_charge_refundable: boolean;
  metadata: Metadata;
}
export interface Refund extends Base {
  object: 'refund';
  amount: number;
  charge: string;
  payment_intent: string;
  currency: string;
  metadata: Metadata;
  reason: Nullable<string>;
  status: 'succeeded';
}
export type ProrationBehavior = 'create_prorations' | 'always_invoice' | 'none';
export interface PortalConfiguration extends Base {
  object: 'billing_portal.configuration';
  active: boolean;
  is_default: boolean;
  features: {
    subscription_update: { enabled: boolean; proration_behavior: ProrationBehavior; default_allowed_updates: string[] };
    subscription_cancel: { enabled: boolean; mode: 'at_period_end' | 'immediately' };
  };
  metadata: Metadata;
}
export interface TwinEvent extends Base {
  object: 'event';
  api_version: string;
  type: string;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
}
export type TwinObject =
  | Customer
  | Product
  | Price
  | CheckoutSession
  | PortalSession
  | Subscription
  | Invoice
  | TwinEvent
  | PaymentIntent
  | Charge
  | InvoicePayment
  | Refund
  | PortalConfiguration
  | Dispute;

/** What paying a checkout session needs that its wire object does not carry. */
interface CheckoutPlan {
  price: string;
  quantity: number;
  trialDays: number | null;
  /** `subscription_data.trial_end`: the first payment waits until then (unix seconds). */
  trialEnd?: number | null;
  subscriptionMetadata: Metadata;
}

type Table<T> = Record<string, T>;
interface TwinData {
  clockOffset: number;
  customers: Table<Customer>;
  products: Table<Product>;
  prices: Table<Price>;
  checkoutSessions: Table<CheckoutSession>;
  checkoutPlans: Table<CheckoutPlan>;
  portalSessions: Table<PortalSession>;
  subscriptions: Table<Subscription>;
  invoices: Table<Invoice>;
  events: Table<TwinEvent>;
  paymentIntents: Table<PaymentIntent>;
  charges: Table<Charge>;
  invoicePayments: Table<InvoicePayment>;
  refunds: Table<Refund>;
  portalConfigurations: Table<PortalConfiguration>;
  disputes: Table<Dispute>;
}

const empty = (): TwinData => ({
  clockOffset: 0,
  customers: {},
  products: {},
  prices: {},
  checkoutSessions: {},
  checkoutPlans: {},
  portalSessions: {},
  subscriptions: {},
  invoices: {},
  events: {},
  paymentIntents: {},
  charges: {},
  invoicePayments: {},
  refunds: {},
  portalConfigurations: {},
  disputes: {},
});

/** An error in Stripe's shape; the server turns it into `{error:{type, message, param, code}}`. */
export class TwinError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const missing = (param: string) => new TwinError(400, `Missing required param: ${param}.`, param, 'parameter_missing');

export function newId(prefix: string): string {
  return prefix + randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
}

/** Calendar add that clamps the day (Jan 31 + 1 month = Feb 28/29), as Stripe's billing anchor does. */
export function addInterval(unix: number, interval: Interval): number {
  const d = new Date(unix * 1000);
  const [year, month] = [d.getUTCFullYear(), d.getUTCMonth() + (interval === 'year' ? 12 : 1)];
  const day = Math.min(d.getUTCDate(), new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000;
}

/** Type-checked Object.assign for state changes. */
const patch = <T extends object>(target: T, changes: Partial<T>): T => Object.assign(target, changes);

export interface TwinStateOptions {
  publicUrl?: string;
  dataFile?: string;
  now?: () => number;
}

export class TwinState {
  /** Base of the checkout, portal and invoice page URLs; the server sets it once it knows its port. */
  publicUrl: string;
  private data: TwinData;
  private readonly clock: () => number;

  constructor(private readonly opts: TwinStateOptions = {}) {
    this.publicUrl = opts.publicUrl ?? 'http://127.0.0.1:12111';
    this.clock = opts.now ?? (() => Date.now() / 1000);
    const saved =
      opts.dataFile && existsSync(opts.dataFile)
        ? (JSON.parse(readFileSync(opts.dataFile, 'utf8')) as Partial<TwinData>)
        : {};
    this.data = { ...empty(), ...saved };
  }

  /** Twin time in unix seconds: the injected clock plus however far the test clock was advanced. */
  now(): number {
    return Math.floor(this.clock()) + this.data.clockOffset;
  }

  save(): void {
    if (!this.opts.dataFile) return;
    mkdirSync(dirname(this.opts.dataFile), { recursive: true });
    writeFileSync(this.opts.dataFile, JSON.stringify(this.data));
  }

  reset(): void {
    this.data = empty();
    this.save();
  }

  // ---- lookups and lists ----

  private get<T>(table: Record<string, T>, kind: string, id: string, param = 'id'): T {
    const found = Object.hasOwn(table, id) ? table[id] : undefined;
    if (!found) throw new TwinError(404, `No such ${kind}: '${id}'`, param, 'resource_missing');
    return found;
  }
  customer = (id: string, param?: string) => this.get(this.data.customers, 'customer', id, param);
  product = (id: string, param?: string) => this.get(this.data.products, 'product', id, param);
  price = (id: string, param?: string) => this.get(this.data.prices, 'price', id, param);
  checkoutSession = (id: string) => this.get(this.data.checkoutSessions, 'checkout.session', id);
  checkoutPlan = (id: string) => this.get(this.data.checkoutPlans, 'checkout.session', id);
  portalSession = (id: string) => this.get(this.data.portalSessions, 'billing_portal.session', id);
  subscription = (id: string) => this.get(this.data.subscriptions, 'subscription', id);
  invoice = (id: string) => this.get(this.data.invoices, 'invoice', id);
  event = (id: string) => this.get(this.data.events, 'event', id);
  charge = (id: string, param?: string) => this.get(this.data.charges, 'charge', id, param);
  dispute = (id: string) => this.get(this.data.disputes, 'dispute', id);
  paymentIntent = (id: string, param?: string) => this.get(this.data.paymentIntents, 'payment_intent', id, param);
  portalConfiguration = (id: string) => this.get(this.data.portalConfigurations, 'billing_portal.configuration', id);

  /** Any expandable object by id, for `expand[]`. */
  byId(id: string): TwinObject | undefined {
    const {
      customers,
      products,
      prices,
      subscriptions,
      invoices,
      checkoutSessions,
      paymentIntents,
      charges,
      disputes,
    } = this.data;
    return [
      customers,
      products,
      prices,
      subscriptions,
      invoices,
      checkoutSessions,
      paymentIntents,
      charges,
      disputes,
    ].find((t) => Object.hasOwn(t, id))?.[id];
  }

  /** Newest first, like Stripe's list endpoints (records keep insertion order). */
  private newest<T>(table: Record<string, T>, keep: (x: T) => boolean): T[] {
    return Object.values(table).reverse().filter(keep);
  }
  customers = (f: { email?: string }) => this.newest(this.data.customers, (c) => !f.email || c.email === f.email);
  prices = (f: { lookupKeys?: string[]; active?: boolean; product?: string }) =>
    this.newest(
      this.data.prices,
      (p) =>
        (!f.lookupKeys || f.lookupKeys.includes(p.lookup_key ?? '')) &&
        (f.active === undefined || p.active === f.active) &&
        (!f.product || p.product === f.product),
    );
  invoices = (f: { customer?: string; subscription?: string; status?: string }) =>
    this.newest(
      this.data.invoices,
      (i) =>
        (!f.customer || i.customer === f.customer) &&
        (!f.status || i.status === f.status) &&
        (!f.subscription || i.parent.subscription_details.subscription === f.subscription),
    );
  charges = (f: { customer?: string; paymentIntent?: string }) =>
    this.newest(
      this.data.charges,
      (c) => (!f.customer || c.customer === f.customer) && (!f.paymentIntent || c.payment_intent === f.paymentIntent),
    );
  checkoutSessions = (f: { customer?: string; status?: string }) =>
    this.newest(
      this.data.checkoutSessions,
      (s) => (!f.customer || s.customer === f.customer) && (!f.status || s.status === f.status),
    );
  invoicePayments = (f: { invoice?: string; status?: string; paymentIntent?: string }) =>
    this.newest(
      this.data.invoicePayments,
      (p) =>
        (!f.invoice || p.invoice === f.invoice) &&
        (!f.status || p.status === f.status) &&
        (!f.paymentIntent || p.payment.payment_intent === f.paymentIntent),
    );
  refunds = (f: { charge?: string; payment_intent?: string }) =>
    this.newest(
      this.data.refunds,
      (r) => (!f.charge || r.charge === f.charge) && (!f.payment_intent || r.payment_intent === f.payment_intent),
    );
  portalConfigurations = (f: { is_default?: boolean; active?: boolean }) =>
    this.newest(
      this.data.portalConfigurations,
      (c) =>
        (f.is_default === undefined || c.is_default === f.is_default) &&
        (f.active === undefined || c.active === f.active),
    );
  /** A type may end in `*`, like Stripe's `type=customer.subscription.*`; `created` bounds are unix seconds. */
  events = (f: { types?: string[]; created?: CreatedRange }) =>
    this.newest(
      this.data.events,
      (e) =>
        (!f.types || f.types.some((t) => e.type === t || (t.endsWith('*') && e.type.startsWith(t.slice(0, -1))))) &&
        inRange(e.created, f.created),
    );
  /** status: none = all but canceled and incomplete_expired (Stripe's default), 'all', or one status. */
  subscriptions(f: { customer?: string; status?: string; price?: string }): Subscription[] {
    const statusOk = (s: SubscriptionStatus) =>
      f.status === 'all' || (f.status ? s === f.status : s !== 'canceled' && s !== 'incomplete_expired');
    return this.newest(
      this.data.subscriptions,
      (s) =>
        statusOk(s.status) &&
        (!f.customer || s.customer === f.customer) &&
        (!f.price || s.items.data.some((i) => i.price.id === f.price)),
    );
  }

  // ---- catalog, customers, sessions ----

  private base<O extends string>(prefix: string, object: O) {
    return { id: newId(prefix), object, created: this.now(), livemode: false as const };
  }

  createCustomer(p: { email?: string; name?: string; metadata?: Metadata }): Customer {
    const c: Customer = {
      ...this.base('cus_', 'customer'),
      email: p.email ?? null,
      name: p.name ?? null,
      balance: 0,
      metadata: p.metadata ?? {},
    };
    return (this.data.customers[c.id] = c);
  }

  updateCustomer(id: string, p: { email?: string; name?: string; metadata?: Metadata }): Customer {
    const c = this.customer(id);
    if (p.email !== undefined) c.email = p.email || null;
    if (p.name !== undefined) c.name = p.name || null;
    c.metadata = mergeMetadata(c.metadata, p.metadata);
    return c;
  }

  createProduct(p: {
    name?: string;
    description?: string;
    metadata?: Metadata;
    active?: boolean;
    tax_code?: string;
  }): Product {
    if (!p.name) throw missing('name');
    const prod: Product = {
      ...this.base('prod_', 'product'),
      name: p.name,
      active: p.active ?? true,
      description: p.description ?? null,
      tax_code: p.tax_code ?? null,
      metadata: p.metadata ?? {},
    };
    return (this.data.products[prod.id] = prod);
  }

  updateProduct(id: string, p: { name?: string; tax_code?: string; metadata?: Metadata }): Product {
    const prod = this.product(id);
    if (p.name) prod.name = p.name;
    if (p.tax_code !== undefined) prod.tax_code = p.tax_code || null;
    prod.metadata = mergeMetadata(prod.metadata, p.metadata);
    return prod;
  }

  createPrice(p: {
    product?: string;
    unit_amount?: number;
    currency?: string;
    interval?: string;
    lookup_key?: string;
    nickname?: string;
    tax_behavior?: string;
    metadata?: Metadata;
  }): Price {
    if (!p.product) throw missing('product');
    this.product(p.product, 'product');
    if (p.unit_amount === undefined || p.unit_amount < 0) throw missing('unit_amount');
    if (!p.currency) throw missing('currency');
    if (p.interval !== 'month' && p.interval !== 'year') {
      throw new TwinError(
        400,
        'The twin only sells recurring prices: recurring[interval] must be month or year.',
        'recurring[interval]',
      );
    }
    const taxBehavior = p.tax_behavior ?? 'unspecified';
    if (taxBehavior !== 'inclusive' && taxBehavior !== 'exclusive' && taxBehavior !== 'unspecified') {
      throw new TwinError(
        400,
        'Invalid tax_behavior: must be one of inclusive, exclusive, or unspecified',
        'tax_behavior',
      );
    }
    const taken = p.lookup_key ? this.prices({ lookupKeys: [p.lookup_key] })[0] : undefined;
    if (taken) throw new TwinError(400, `A price (\`${taken.id}\`) already uses that lookup key.`, 'lookup_key');
    const price: Price = {
      ...this.base('price_', 'price'),
      product: p.product,
      active: true,
      currency: p.currency.toLowerCase(),
      unit_amount: p.unit_amount,
      type: 'recurring',
      recurring: { interval: p.interval, interval_count: 1 },
      lookup_key: p.lookup_key ?? null,
      nickname: p.nickname ?? null,
      tax_behavior: taxBehavior,
      metadata: p.metadata ?? {},
    };
    return (this.data.prices[price.id] = price);
  }

  createCheckoutSession(p: {
    mode?: string;
    customer?: string;
    customer_email?: string;
    price?: string;
    quantity?: number;
    success_url?: string;
    cancel_url?: string;
    client_reference_id?: string;
    metadata?: Metadata;
    subscription_metadata?: Metadata;
    trial_period_days?: number;
    trial_end?: number;
    allow_promotion_codes?: boolean;
    tax_id_collection?: boolean;
    customer_update?: { address?: string; name?: string };
  }): CheckoutSession {
    if (!p.mode) throw missing('mode');
    if (p.mode !== 'subscription') throw new TwinError(400, 'The twin only supports mode=subscription.', 'mode');
    if (p.customer) this.customer(p.customer, 'customer');
    if (!p.price) throw missing('line_items');
    const price = this.price(p.price, 'line_items[0][price]');
    if (!p.success_url) throw missing('success_url');
    if (p.trial_end !== undefined && p.trial_end < this.now() + 48 * 3600) {
      throw new TwinError(
        400,
        'The `trial_end` date has to be at least 2 days in the future.',
        'subscription_data[trial_end]',
      );
    }
    // Stripe's rule: collecting tax ids for an existing customer must be allowed to save the business name.
    if (p.tax_id_collection && p.customer && p.customer_update?.name !== 'auto') {
      throw new TwinError(
        400,
        'tax_id_collection requires updating business name on the customer. To enable tax id collection for an existing customer, please set `customer_update[name]` to `auto`.',
        'tax_id_collection[enabled]',
      );
    }
    const quantity = p.quantity ?? 1;
    const s: CheckoutSession = {
      ...this.base('cs_test_', 'checkout.session'),
      mode: 'subscription',
      customer: p.customer ?? null,
      customer_email: p.customer_email ?? null,
      subscription: null,
      client_reference_id: p.client_reference_id ?? null,
      metadata: p.metadata ?? {},
      status: 'open',
      payment_status: 'unpaid',
      url: null,
      success_url: p.success_url,
      cancel_url: p.cancel_url ?? null,
      allow_promotion_codes: p.allow_promotion_codes ?? false,
      currency: price.currency,
      amount_total: p.trial_period_days || p.trial_end ? 0 : price.unit_amount * quantity,
      expires_at: this.now() + 86_400,
      tax_id_collection: { enabled: p.tax_id_collection ?? false },
    };
    s.url = `${this.publicUrl}/checkout/${s.id}`;
    const plan = {
      price: price.id,
      quantity,
      trialDays: p.trial_period_days ?? null,
      trialEnd: p.trial_end ?? null,
      subscriptionMetadata: p.subscription_metadata ?? {},
    };
    this.data.checkoutPlans[s.id] = plan;
    return (this.data.checkoutSessions[s.id] = s);
  }

  /** POST /v1/checkout/sessions/:id/expire: only an open session can be expired. */
  expireCheckoutSession(id: string): TwinEvent[] {
    const session = this.checkoutSession(id);
    if (session.status !== 'open') {
      throw new TwinError(
        400,
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
        undefined,
        'checkout_session_not_open',
      );
    }
    patch(session, { status: 'expired', url: null });
    return [this.emit('checkout.session.expired', session)];
  }

  createPortalSession(p: { customer?: string; return_url?: string }): PortalSession {
    if (!p.customer) throw missing('customer');
    this.customer(p.customer, 'customer');
    const s: PortalSession = {
      ...this.base('bps_', 'billing_portal.session'),
      customer: p.customer,
      return_url: p.return_url ?? null,
      url: '',
    };
    s.url = `${this.publicUrl}/portal/${s.id}`;
    return (this.data.portalSessions[s.id] = s);
  }

  // ---- transitions: each returns its events in Stripe's order ----

  private emit(type: string, object: TwinObject, previous?: Record<string, unknown>): TwinEvent {
    const data = {
      object: structuredClone(object),
      ...(previous ? { previous_attributes: structuredClone(previous) } : {}),
    };
    const e: TwinEvent = {
      ...this.base('evt_', 'event'),
      api_version: TWIN_API_VERSION,
      type,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data,
    };
    return (this.data.events[e.id] = e);
  }

  private createInvoice(sub: Subscription, reason: Invoice['billing_reason'], amount: number, paid: boolean): Invoice {
    const item = firstItem(sub);
    const inv: Invoice = {
      ...this.base('in_', 'invoice'),
      customer: sub.customer,
      status: paid ? 'paid' : 'open',
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      attempt_count: 1,
      currency: sub.currency,
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      billing_reason: reason,
      hosted_invoice_url: '',
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } },
      },
    };
    inv.hosted_invoice_url = `${this.publicUrl}/invoice/${inv.id}`;
    sub.latest_invoice = inv.id;
    this.data.invoices[inv.id] = inv;
    if (paid) this.recordPayment(inv);
    return inv;
  }

  /** The card payment behind a paid invoice: PaymentIntent, Charge and the InvoicePayment linking them. */
  private recordPayment(inv: Invoice): void {
    if (inv.amount_paid <= 0) return;
    const pi: PaymentIntent = {
      ...this.base('pi_', 'payment_intent'),
      amount: inv.amount_paid,
      currency: inv.currency,
      customer: inv.customer,
      status: 'succeeded',
      latest_charge: '',
    };
    const ch: Charge = {
      ...this.base('ch_', 'charge'),
      amount: inv.amount_paid,
      amount_refunded: 0,
      refunded: false,
      currency: inv.currency,
      customer: inv.customer,
      payment_intent: pi.id,
      amount_captured: inv.amount_paid,
      captured: true,
      paid: true,
      disputed: false,
      status: 'succeeded',
      description: 'Subscription payment',
      metadata: {},
    };
    pi.latest_charge = ch.id;
    this.data.paymentIntents[pi.id] = pi;
    this.data.charges[ch.id] = ch;
    const ip: InvoicePayment = {
      ...this.base('inpay_', 'invoice_payment'),
      invoice: inv.id,
      amount_paid: inv.amount_paid,
      amount_requested: inv.amount_paid,
      currency: inv.currency,
      is_default: true,
      status: 'paid',
      payment: { type: 'payment_intent', payment_intent: pi.id },
    };
    this.data.invoicePayments[ip.id] = ip;
  }

  /**
   * POST /v1/refunds on a charge or a payment intent, all of what is left or `amount` of it. Emits
   * `charge.refunded` (the charge with its new `amount_refunded`) and `refund.created`, as Stripe does.
   */
  createRefund(p: {
    charge?: string;
    payment_intent?: string;
    amount?: number;
    reason?: string;
    metadata?: Metadata;
  }): { refund: Refund; events: TwinEvent[] } {
    if (!p.charge && !p.payment_intent) throw missing('charge');
    const charge = p.charge
      ? this.charge(p.charge, 'charge')
      : this.charge(this.paymentIntent(p.payment_intent ?? '', 'payment_intent').latest_charge);
    if (p.payment_intent && charge.payment_intent !== p.payment_intent) {
      throw new TwinError(400, 'The charge does not belong to this payment intent.', 'payment_intent');
    }
    const left = charge.amount - charge.amount_refunded;
    if (left <= 0)
      throw new TwinError(400, `Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    const amount = p.amount ?? left;
    if (!Number.isInteger(amount) || amount <= 0) throw new TwinError(400, 'Invalid positive integer', 'amount');
    if (amount > left) {
      throw new TwinError(
        400,
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
        'amount',
        'amount_too_large',
      );
    }
    if (p.reason && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(p.reason)) {
      throw new TwinError(
        400,
        'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer',
        'reason',
      );
    }
    const refund: Refund = {
      ...this.base('re_', 'refund'),
      amount,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: charge.currency,
      metadata: p.metadata ?? {},
      reason: p.reason ?? null,
      status: 'succeeded',
    };
    this.data.refunds[refund.id] = refund;
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    patch(charge, {
      amount_refunded: charge.amount_refunded + amount,
      refunded: charge.amount_refunded + amount >= charge.amount,
    });
    return { refund, events: [this.emit('charge.refunded', charge, previous), this.emit('refund.created', refund)] };
  }

  /** POST /v1/billing_portal/configurations: the first one made becomes the default, as in a new account. */
  createPortalConfiguration(p: {
    proration_behavior?: string;
    update_enabled?: boolean;
    cancel_mode?: string;
    metadata?: Metadata;
  }): PortalConfiguration {
    const c: PortalConfiguration = {
      ...this.base('bpc_', 'billing_portal.configuration'),
      active: true,
      is_default: this.portalConfigurations({ is_default: true }).length === 0,
      features: {
        subscription_update: { enabled: false, proration_behavior: 'create_prorations', default_allowed_updates: [] },
        subscription_cancel: { enabled: true, mode: 'at_period_end' },
      },
      metadata: p.metadata ?? {},
    };
    this.data.portalConfigurations[c.id] = c;
    return this.updatePortalConfiguration(c.id, p);
  }

  updatePortalConfiguration(
    id: string,
    p: { proration_behavior?: string; update_enabled?: boolean; cancel_mode?: string; metadata?: Metadata },
  ): PortalConfiguration {
    const c = this.portalConfiguration(id);
    if (p.proration_behavior !== undefined) {
      c.features.subscription_update.proration_behavior = prorationBehavior(
        p.proration_behavior,
        'features[subscription_update][proration_behavior]',
      );
    }
    if (p.update_enabled !== undefined) {
      c.features.subscription_update.enabled = p.update_enabled;
      c.features.subscription_update.default_allowed_updates = p.update_enabled ? ['price'] : [];
    }
    if (p.cancel_mode === 'at_period_end' || p.cancel_mode === 'immediately')
      c.features.subscription_cancel.mode = p.cancel_mode;
    c.metadata = mergeMetadata(c.metadata, p.metadata);
    return c;
  }

  /** How the portal prorates a plan change: the default configuration's setting. */
  portalProration(): ProrationBehavior {
    return (
      this.portalConfigurations({ is_default: true })[0]?.features.subscription_update.proration_behavior ??
      'create_prorations'
    );
  }

  /** Checkout "Pay". A declined card or a bad promotion code throws and changes nothing. */
  payCheckout(sessionId: string, card: string, promotionCode = ''): TwinEvent[] {
    const session = this.checkoutSession(sessionId);
    if (session.status === 'expired')
      throw new TwinError(400, 'This checkout session has expired.', undefined, 'session_inactive');
    if (session.status !== 'open')
      throw new TwinError(400, 'This checkout session has already been paid.', undefined, 'session_inactive');
    const digits = card.replace(/\D/g, '');
    if (digits === DECLINED_CARD) throw new TwinError(402, 'Your card was declined.', 'card', 'card_declined');
    if (digits !== SUCCESS_CARD) throw new TwinError(402, 'Your card number is incorrect.', 'card', 'incorrect_number');
    const code = promotionCode.trim().toUpperCase();
    if (code && session.allow_promotion_codes && code !== 'WELCOME') {
      throw new TwinError(400, 'This code is invalid', 'promotion_code', 'promotion_code_invalid');
    }
    const plan = this.checkoutPlan(sessionId);
    const customer = session.customer ?? this.createCustomer({ email: session.customer_email ?? undefined }).id;
    const sub = this.startSubscription(customer, this.price(plan.price), plan);
    const amount = sub.status === 'trialing' ? 0 : firstItem(sub).price.unit_amount * plan.quantity;
    const invoice = this.createInvoice(sub, 'subscription_create', amount, true);
    const payment_status = amount ? 'paid' : 'no_payment_required';
    patch(session, { customer, subscription: sub.id, status: 'complete', url: null, payment_status });
    const created = this.emit('customer.subscription.created', sub);
    return [created, this.emit('invoice.paid', invoice), this.emit('checkout.session.completed', session)];
  }

  private startSubscription(customer: string, price: Price, plan: CheckoutPlan): Subscription {
    const now = this.now();
    const trialEnd = plan.trialEnd ?? (plan.trialDays ? now + plan.trialDays * 86_400 : null);
    const sub: Subscription = {
      ...this.base('sub_', 'subscription'),
      customer,
      status: trialEnd ? 'trialing' : 'active',
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_start: trialEnd ? now : null,
      trial_end: trialEnd,
      start_date: now,
      currency: price.currency,
      metadata: { ...plan.subscriptionMetadata },
      latest_invoice: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      items: { object: 'list', data: [], has_more: false, url: '' },
    };
    sub.items.url = `/v1/subscription_items?subscription=${sub.id}`;
    // During a trial Stripe's current period is the trial itself; the first paid period starts at trial_end.
    sub.items.data.push({
      id: newId('si_'),
      object: 'subscription_item',
      price: structuredClone(price),
      quantity: plan.quantity,
      created: now,
      current_period_start: now,
      current_period_end: trialEnd ?? addInterval(now, price.recurring.interval),
      subscription: sub.id,
    });
    return (this.data.subscriptions[sub.id] = sub);
  }

  /**
   * A subscription started without Checkout, as `POST /v1/subscriptions` with a saved card does: active, its
   * first invoice paid. The bench seeds thousands this way, and tests make one whose webhooks are lost.
   */
  subscribe(customerId: string, priceId: string): TwinEvent[] {
    this.customer(customerId, 'customer');
    const price = this.price(priceId, 'items[0][price]');
    const sub = this.startSubscription(customerId, price, {
      price: price.id,
      quantity: 1,
      trialDays: null,
      subscriptionMetadata: {},
    });
    const invoice = this.createInvoice(sub, 'subscription_create', price.unit_amount, true);
    return [this.emit('customer.subscription.created', sub), this.emit('invoice.paid', invoice)];
  }

  /**
   * Switch the price (portal "Update plan", or items[0][price] on the API); a new interval restarts the
   * period and charges the new price. Within an interval the difference is prorated over the time left:
   * `always_invoice` invoices (and charges) it at once; `create_prorations` (Stripe's default) would leave
   * it for the next invoice, which the twin, having no pending items, also invoices at once; `none` charges
   * nothing. A downgrade's negative proration becomes customer credit in Stripe: the twin invoices 0.
   */
  changePrice(subId: string, priceId: string, proration: ProrationBehavior = 'create_prorations'): TwinEvent[] {
    const sub = this.live(subId);
    const price = this.price(priceId, 'items[0][price]');
    if (!price.active) throw new TwinError(400, 'The price specified is inactive.', 'items[0][price]');
    const item = firstItem(sub);
    const old = item.price;
    if (old.id === price.id) return [];
    const previous = { items: structuredClone(sub.items) };
    const newInterval = old.recurring.interval !== price.recurring.interval;
    item.price = structuredClone(price);
    if (newInterval && sub.status !== 'trialing') {
      item.current_period_start = this.now();
      item.current_period_end = addInterval(item.current_period_start, price.recurring.interval);
    }
    const [start, end] = [item.current_period_start, item.current_period_end];
    const left = end > start ? Math.max(0, end - this.now()) / (end - start) : 0;
    const prorated = Math.round(Math.max(0, price.unit_amount - old.unit_amount) * left);
    const diff = newInterval ? price.unit_amount : proration === 'none' ? 0 : prorated;
    const invoice = this.createInvoice(
      sub,
      'subscription_update',
      sub.status === 'trialing' ? 0 : diff * item.quantity,
      true,
    );
    return [this.emit('customer.subscription.updated', sub, previous), this.emit('invoice.paid', invoice)];
  }

  setCancelAtPeriodEnd(subId: string, cancel: boolean): TwinEvent[] {
    const sub = this.live(subId);
    if (sub.cancel_at_period_end === cancel) return [];
    const previous = {
      cancel_at_period_end: sub.cancel_at_period_end,
      cancel_at: sub.cancel_at,
      canceled_at: sub.canceled_at,
    };
    const cancel_at = cancel ? firstItem(sub).current_period_end : null;
    patch(sub, { cancel_at_period_end: cancel, cancel_at, canceled_at: cancel ? this.now() : null });
    return [this.emit('customer.subscription.updated', sub, previous)];
  }

  updateMetadata(subId: string, metadata: Metadata): TwinEvent[] {
    const sub = this.subscription(subId);
    const previous = { metadata: { ...sub.metadata } };
    sub.metadata = mergeMetadata(sub.metadata, metadata);
    return [this.emit('customer.subscription.updated', sub, previous)];
  }

  /**
   * DELETE /v1/subscriptions/:id: ends it now. `prorate` credits the unused part of the paid period to the
   * customer's balance (`invoice_now` puts that credit on a final invoice at once); neither refunds a card.
   */
  cancelNow(subId: string, opts: { prorate?: boolean; invoice_now?: boolean; comment?: string } = {}): TwinEvent[] {
    const sub = this.live(subId);
    const item = firstItem(sub);
    const events: TwinEvent[] = [];
    if (opts.prorate && sub.status !== 'trialing') {
      const [start, end] = [item.current_period_start, item.current_period_end];
      const credit =
        end > start
          ? Math.round((item.price.unit_amount * item.quantity * Math.max(0, end - this.now())) / (end - start))
          : 0;
      const customer = this.customer(sub.customer);
      customer.balance = (customer.balance ?? 0) - credit;
      if (opts.invoice_now)
        events.push(this.emit('invoice.paid', this.createInvoice(sub, 'subscription_update', 0, true)));
    }
    patch(sub, {
      status: 'canceled',
      ended_at: this.now(),
      canceled_at: sub.canceled_at ?? this.now(),
      cancellation_details: { comment: opts.comment ?? null, feedback: null, reason: 'cancellation_requested' },
    });
    return [this.emit('customer.subscription.deleted', sub), ...events];
  }

  /** Test clock: jump past the end of the current period and let Stripe do what it does there. */
  advance(subId: string): TwinEvent[] {
    const sub = this.live(subId);
    const end = firstItem(sub).current_period_end;
    this.jumpTo(end + 1);
    if (sub.cancel_at_period_end) {
      patch(sub, { status: 'canceled', ended_at: end, canceled_at: sub.canceled_at ?? this.now() });
      return [this.emit('customer.subscription.deleted', sub)];
    }
    // Already behind on payment: this renewal fails too and Stripe stops retrying (status unpaid).
    if (sub.status === 'past_due' || sub.status === 'unpaid') return this.renew(sub, false, 'unpaid');
    return this.renew(sub, true, 'active');
  }

  /** Test clock: jump past period end with a renewal payment that fails. */
  failRenewal(subId: string): TwinEvent[] {
    const sub = this.live(subId);
    if (sub.cancel_at_period_end)
      throw new TwinError(400, 'This subscription ends at period end; there is no renewal to fail.');
    this.jumpTo(firstItem(sub).current_period_end + 1);
    return this.renew(sub, false, 'past_due');
  }

  /** Test clock: the customer pays the open invoice. */
  payOpenInvoice(subId: string): TwinEvent[] {
    const sub = this.live(subId);
    const invoice = sub.latest_invoice ? this.invoice(sub.latest_invoice) : undefined;
    if (invoice?.status !== 'open')
      throw new TwinError(400, 'This subscription has no open invoice.', undefined, 'invoice_not_open');
    patch(invoice, {
      status: 'paid',
      amount_paid: invoice.amount_due,
      amount_remaining: 0,
      attempt_count: invoice.attempt_count + 1,
    });
    this.recordPayment(invoice);
    const previous = { status: sub.status };
    sub.status = 'active';
    return [this.emit('invoice.paid', invoice), this.emit('customer.subscription.updated', sub, previous)];
  }

  private renew(
    sub: Subscription,
    paid: boolean,
    status: SubscriptionStatus,
    unpaidEvent = 'invoice.payment_failed',
  ): TwinEvent[] {
    const item = firstItem(sub);
    const previous = { status: sub.status, items: structuredClone(sub.items), latest_invoice: sub.latest_invoice };
    item.current_period_start = item.current_period_end;
    item.current_period_end = addInterval(item.current_period_start, item.price.recurring.interval);
    sub.status = status;
    const invoice = this.createInvoice(sub, 'subscription_cycle', item.price.unit_amount * item.quantity, paid);
    const invoiceEvent = this.emit(paid ? 'invoice.paid' : unpaidEvent, invoice);
    return [invoiceEvent, this.emit('customer.subscription.updated', sub, previous)];
  }

  // ---- payments: charges, refunds, disputes, 3-D Secure and Stripe's advance notices ----

  /** Dashboard "Refund": all that is left of the charge, or `amount` of it. */
  refundCharge(chargeId: string, amount?: number): TwinEvent[] {
    return this.createRefund({ charge: chargeId, ...(amount === undefined ? {} : { amount }) }).events;
  }

  /** The card holder's bank opens a dispute (chargeback) on a charge. */
  openDispute(chargeId: string, reason = 'fraudulent'): TwinEvent[] {
    const charge = this.charge(chargeId);
    if (charge.disputed) throw new TwinError(400, `Charge ${chargeId} is already disputed.`, 'charge');
    const dispute: Dispute = {
      ...this.base('dp_', 'dispute'),
      charge: charge.id,
      payment_intent: charge.payment_intent,
      amount: charge.amount - charge.amount_refunded,
      currency: charge.currency,
      reason,
      status: 'needs_response',
      is_charge_refundable: false,
      metadata: {},
    };
    charge.disputed = true;
    this.data.disputes[dispute.id] = dispute;
    return [this.emit('charge.dispute.created', dispute)];
  }

  /** The bank decides: `won` (the money stays with us) or `lost` (it goes back to the card holder). */
  closeDispute(disputeId: string, status: string): TwinEvent[] {
    const dispute = this.dispute(disputeId);
    if (status !== 'won' && status !== 'lost') throw new TwinError(400, 'status must be won or lost.', 'status');
    if (dispute.status === 'won' || dispute.status === 'lost') {
      throw new TwinError(400, `Dispute ${disputeId} is already closed.`, undefined, 'dispute_already_closed');
    }
    const previous = { status: dispute.status };
    dispute.status = status;
    return [this.emit('charge.dispute.closed', dispute, previous)];
  }

  /** Test clock: past period end, the renewal's card asks for 3-D Secure; the invoice stays open. */
  requireAction(subId: string): TwinEvent[] {
    const sub = this.live(subId);
    if (sub.cancel_at_period_end)
      throw new TwinError(400, 'This subscription ends at period end; there is no renewal to authenticate.');
    this.jumpTo(firstItem(sub).current_period_end + 1);
    return this.renew(sub, false, 'past_due', 'invoice.payment_action_required');
  }

  /** Stripe's notice three days before a trial ends (sent once, whenever the test asks here). */
  trialWillEnd(subId: string): TwinEvent[] {
    const sub = this.live(subId);
    if (sub.status !== 'trialing') throw new TwinError(400, 'This subscription is not trialing.');
    return [this.emit('customer.subscription.trial_will_end', sub)];
  }

  /** Stripe's `invoice.upcoming`: a preview of the next renewal's invoice (it has no id, like Stripe's). */
  upcomingInvoice(subId: string): TwinEvent[] {
    const sub = this.live(subId);
    const item = firstItem(sub);
    const preview = {
      object: 'invoice',
      created: this.now(),
      livemode: false,
      customer: sub.customer,
      status: 'draft',
      amount_due: item.price.unit_amount * item.quantity,
      currency: sub.currency,
      period_start: item.current_period_end,
      period_end: addInterval(item.current_period_end, item.price.recurring.interval),
      billing_reason: 'upcoming',
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } },
      },
    };
    return [this.emit('invoice.upcoming', preview as unknown as TwinObject)];
  }

  private jumpTo(unix: number): void {
    this.data.clockOffset += Math.max(0, unix - this.now());
  }

  private live(subId: string): Subscription {
    const sub = this.subscription(subId);
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
      throw new TwinError(
        400,
        'A canceled subscription can only update its metadata.',
        undefined,
        'subscription_canceled',
      );
    }
    return sub;
  }
}

function firstItem(sub: Subscription): SubscriptionItem {
  const item = sub.items.data[0];
  if (!item) throw new TwinError(500, `Subscription ${sub.id} has no items.`);
  return item;
}

/** Stripe's range filter on `created` (`created[gt]=...`), or one exact time (`created=...`). */
export type CreatedRange = number | { gt?: number; gte?: number; lt?: number; lte?: number };

function inRange(t: number, r: CreatedRange | undefined): boolean {
  if (r === undefined) return true;
  if (typeof r === 'number') return t === r;
  return (
    (r.gt === undefined || t > r.gt) &&
    (r.gte === undefined || t >= r.gte) &&
    (r.lt === undefined || t < r.lt) &&
    (r.lte === undefined || t <= r.lte)
  );
}

/** Stripe's metadata update: keys merge, an empty string deletes a key. */
function mergeMetadata(current: Metadata, changes: Metadata | undefined): Metadata {
  const next = { ...current, ...changes };
  for (const [k, v] of Object.entries(next)) if (v === '') delete next[k];
  return next;
}

function prorationBehavior(value: string, param: string): ProrationBehavior {
  if (value === 'create_prorations' || value === 'always_invoice' || value === 'none') return value;
  throw new TwinError(
    400,
    'Invalid proration_behavior: must be one of create_prorations, always_invoice, or none',
    param,
  );
}

/** `proration_behavior` of an API subscription update, checked like Stripe does. */
export const parseProration = (value: string | undefined): ProrationBehavior | undefined =>
  value === undefined ? undefined : prorationBehavior(value, 'proration_behavior');

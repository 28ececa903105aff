import type { CheckoutSession, Invoice, PortalSession, Price, Subscription, TwinState } from './twin-state';

/** Server-rendered dev pages of the Stripe twin (Checkout, Customer Portal, hosted invoice): plain forms, no JS. */

/** Markup already rendered by `html`, so it is not escaped twice. */
class Html {
  constructor(readonly text: string) {}
}
type Part = string | number | false | null | undefined | Html | Html[];

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const render = (v: Part): string =>
  v instanceof Html
    ? v.text
    : Array.isArray(v)
      ? v.map((h) => h.text).join('')
      : v || v === 0
        ? escapeHtml(String(v))
        : '';

/** Template tag that escapes every interpolated value, so no page can forget to. */
function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + render(values[i - 1]) + s));
}

export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
const priceLabel = (p: Price) => `${money(p.unit_amount, p.currency)} / ${p.recurring.interval}`;
const date = (unix: number) =>
  new Date(unix * 1000).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
const productName = (state: TwinState, p: Price) => state.product(p.product).name;

/** What the portal says after each action; looked up by key so the query string is never echoed. */
export const PORTAL_NOTICES: Record<string, string> = {
  'change-plan': 'Plan updated',
  cancel: 'Your plan will be canceled at the end of the billing period',
  renew: 'Your plan will renew',
  'update-card': 'Card updated',
  advance: 'Test clock advanced to the period end',
  'fail-renewal': 'The renewal payment failed',
  'pay-invoice': 'Invoice paid',
};

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
main{max-width:42rem;margin:2rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 3px #0002}
.banner{background:#fff3cd;color:#5c4400;text-align:center;padding:.5rem;font-weight:600}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input,select{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin:.5rem .5rem 0 0;border:0;border-radius:6px;background:#4f46e5;color:#fff}
.error{color:#a4000f;font-weight:600}.notice{color:#0a6c2c;font-weight:600}a{color:#3730a3}
section{border-top:1px solid #e3e8ee;padding-top:1rem;margin-top:1rem}table{width:100%;border-collapse:collapse}
td,th{text-align:left;padding:.25rem;border-bottom:1px solid #e3e8ee}.clock{background:#f0f0ff;padding:1rem;border-radius:6px}`;

function layout(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <div class="banner" role="note">Stripe test twin — no real payment</div>
        <main>${body}</main>
      </body>
    </html>`.text;
}

const message = (kind: 'error' | 'notice', text: string | undefined) =>
  text ? html`<p class="${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>` : '';

export const messagePage = (title: string, text: string) =>
  layout(
    title,
    html`<h1>${title}</h1>
      <p>${text}</p>`,
  );

export function checkoutPage(state: TwinState, session: CheckoutSession, error?: string): string {
  if (session.status === 'expired')
    return messagePage('Checkout expired', 'This checkout session has expired. Return to the site to start again.');
  if (session.status !== 'open')
    return messagePage('Checkout complete', 'This checkout session has already been paid.');
  const plan = state.checkoutPlan(session.id);
  const price = state.price(plan.price);
  const name = productName(state, price);
  const email = session.customer ? state.customer(session.customer).email : session.customer_email;
  return layout(
    `Subscribe to ${name}`,
    html`<h1>${name}</h1>
      <p><strong>${priceLabel(price)}</strong></p>
      ${plan.trialEnd ? html`<p>Nothing is charged today; the first payment of ${priceLabel(price)} is on ${date(plan.trialEnd)}.</p>` : plan.trialDays ? html`<p>${plan.trialDays}-day free trial, then ${priceLabel(price)}. Nothing is charged today.</p>` : ''}
      ${message('error', error)}
      <form method="post" action="/checkout/${session.id}/pay">
        <label for="email">Email</label><input id="email" name="email" value="${email}" readonly />
        <label for="card">Card number</label
        ><select id="card" name="card">
          <option value="4242424242424242">4242 4242 4242 4242 — succeeds</option>
          <option value="4000000000000002">4000 0000 0000 0002 — declined</option>
        </select>
        ${session.allow_promotion_codes && html`<label for="promo">Promotion code</label><input id="promo" name="promotion_code" />`}
        <button type="submit">Subscribe</button>
      </form>
      ${session.cancel_url && html`<p><a href="${session.cancel_url}">Cancel</a></p>`}`,
  );
}

export function portalPage(
  state: TwinState,
  portal: PortalSession,
  opts: { notice?: string; error?: string } = {},
): string {
  const customer = state.customer(portal.customer);
  const sections = state.subscriptions({ customer: customer.id }).map((s) => subscriptionSection(state, portal, s));
  return layout(
    'Manage your plan',
    html`<h1>Manage your plan</h1>
      <p>${customer.email ?? customer.id}</p>
      ${message('notice', opts.notice)}${message('error', opts.error)}
      ${sections.length ? sections : html`<p>You have no active plan.</p>`}
      <section>
        <h2>Invoices</h2>
        ${invoiceTable(state.invoices({ customer: customer.id }))}
      </section>
      ${portal.return_url && html`<p><a href="${portal.return_url}">Return to Commons</a></p>`}`,
  );
}

function subscriptionSection(state: TwinState, portal: PortalSession, sub: Subscription): Html {
  const item = sub.items.data[0];
  if (!item) return html``;
  const name = productName(state, item.price);
  const form = (action: string, inner: Html) =>
    html`<form method="post" action="/portal/${portal.id}/${action}">
      <input type="hidden" name="subscription" value="${sub.id}" />${inner}
    </form>`;
  const button = (action: string, text: string) => form(action, html`<button type="submit">${text}</button>`);
  const others = state.prices({ active: true }).filter((p) => p.id !== item.price.id);
  const options = others.map((p) => html`<option value="${p.id}">${productName(state, p)} — ${priceLabel(p)}</option>`);
  const open = sub.latest_invoice !== null && state.invoice(sub.latest_invoice).status === 'open';
  const ending = sub.cancel_at_period_end;
  return html`<section aria-label="${name}">
    <h2>${name}</h2>
    <p>${priceLabel(item.price)} · Status: <strong>${sub.status}</strong></p>
    <p>${ending ? 'Cancels on' : 'Renews on'} ${date(item.current_period_end)}</p>
    ${
      others.length > 0 &&
      form(
        'change-plan',
        html`<label for="price-${sub.id}">Change plan</label>
          <select id="price-${sub.id}" name="price">
            ${options}</select
          ><button type="submit">Update plan</button>`,
      )
    }
    ${ending ? button('renew', 'Renew plan') : button('cancel', 'Cancel plan')}${button('update-card', 'Update card')}
    <div class="clock" role="group" aria-label="Test clock">
      <strong>Test clock</strong>
      ${button('advance', 'Advance to period end')}${!ending && button('fail-renewal', 'Fail next renewal')}
      ${open && button('pay-invoice', 'Pay open invoice')}
    </div>
  </section>`;
}

function invoiceTable(invoices: Invoice[]): Html {
  if (!invoices.length) return html`<p>No invoices yet.</p>`;
  const rows = invoices.map(
    (i) =>
      html`<tr>
        <td>${date(i.created)}</td>
        <td>${money(i.amount_due, i.currency)}</td>
        <td>${i.status}</td>
        <td><a href="${i.hosted_invoice_url}">View</a></td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Date</th>
        <th>Amount</th>
        <th>Status</th>
        <th>Invoice</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function invoicePage(invoice: Invoice): string {
  return layout(
    `Invoice ${invoice.id}`,
    html`<h1>Invoice ${invoice.id}</h1>
      <p>Amount: ${money(invoice.amount_due, invoice.currency)}</p>
      <p>Status: ${invoice.status}</p>
      <p>Period: ${date(invoice.period_start)} – ${date(invoice.period_end)}</p>`,
  );
}

import { describe, expect, it } from 'vitest';
import { renderTemplate } from './mail-templates';

// The billing mails of issue 12: what each tells the member, with the amounts and dates they need.
const APP = 'https://app.test';
const plan = { tier: 'main', tierName: 'Main' };
const at = Date.UTC(2027, 0, 14, 9, 30);

describe('billing mail templates', () => {
  it('trial-ending names the day and the first charge', () => {
    const r = renderTemplate('trial-ending', { ...plan, at, amount: 1900, currency: 'eur' }, APP);
    expect(r.subject).toBe('Your Main trial ends on 14 January 2027');
    expect(r.text).toContain('charged €19.00');
    expect(r.text).toContain(`Manage billing: ${APP}/account`);
  });

  it('renewal-upcoming names the renewal day and the yearly amount', () => {
    const r = renderTemplate('renewal-upcoming', { ...plan, at, amount: 19000, currency: 'usd' }, APP);
    expect(r.subject).toBe('Main renews on 14 January 2027');
    expect(r.text).toContain('US$190.00');
  });

  it('payment-action-required links to the hosted invoice page', () => {
    const url = 'https://invoice.stripe.com/i/acct_1/test_abc?s=ap';
    const r = renderTemplate(
      'payment-action-required',
      { ...plan, amount: 900, currency: 'eur', hostedInvoiceUrl: url },
      APP,
    );
    expect(r.subject).toBe('Please confirm your payment');
    expect(r.text).toContain(`Confirm the payment: ${url}`);
    expect(r.html).toContain(`href="${url.replace('&', '&amp;')}"`);
  });

  it('payment-recovered and access-ended name the plan, escaped in HTML', () => {
    expect(renderTemplate('payment-recovered', plan, APP).subject).toBe('Thank you: Main is paid up again');
    const ended = renderTemplate('access-ended', { tier: 'x', tierName: '<b>Gold</b>' }, APP);
    expect(ended.subject).toBe('<b>Gold</b> has ended');
    expect(ended.html).not.toContain('<b>Gold</b>');
    expect(ended.text).toContain(`See the plans: ${APP}/pricing`);
  });
});

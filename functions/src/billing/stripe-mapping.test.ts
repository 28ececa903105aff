import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BILLING_EVENTS } from './stripe-mapping';

describe('BILLING_EVENTS and the README', () => {
  it('the deployment section names every event the webhook handles, so a new one is enabled in Stripe too', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('Developers → Webhooks'), readme.indexOf('STRIPE_WEBHOOK_SECRET`.'));
    const listed = new Set([...section.matchAll(/`([a-z_]+(?:\.[a-z_]+)+)`/g)].map((m) => m[1]));
    expect(listed.size).toBeGreaterThan(5);
    for (const type of BILLING_EVENTS) expect(listed, type).toContain(type);
  });
});

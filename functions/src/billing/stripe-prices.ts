import type Stripe from 'stripe';
import type { Firestore } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import { BILLING_INTERVALS, type BillingInterval } from '../shared/billing';
import { CONFIG, TIERS_DOC } from '../shared/members';
import { PRORATION_BEHAVIOR } from '../shared/proration';

const STRIPE_INTERVAL: Record<BillingInterval, 'month' | 'year'> = { monthly: 'month', yearly: 'year' };
/** Prices are found again by lookup key, so running the setup twice creates nothing new. */
export const priceLookupKey = (tier: string, interval: BillingInterval) => `commons_${tier}_${interval}`;

export interface PriceSetupReport {
  created: string[];
  kept: string[];
  /** The Customer Portal configuration made or updated (`setupStripePortal`). */
  portalConfiguration: string;
}

/** How prices and products are taxed (settings STRIPE_TAX_BEHAVIOR, STRIPE_TAX_CODE). */
export interface TaxSetup {
  /** `exclusive`: tax is added on top of the listed amount; `inclusive`: the amount includes it. */
  taxBehavior: 'exclusive' | 'inclusive';
  taxCode: string;
}

/**
 * `txcd_10000000` is Stripe's "General - Electronically Supplied Services": services delivered over the
 * internet with minimal human intervention, which is what a membership giving access to online
 * materials, newsletters and streamed events is (EU VAT's ESS). Stripe's more specific codes (SaaS,
 * e-books, video streaming) each cover only one part of it. Override with STRIPE_TAX_CODE.
 */
export const DEFAULT_TAX: TaxSetup = { taxBehavior: 'exclusive', taxCode: 'txcd_10000000' };

/**
 * Make Stripe sell what `config/tiers` lists: one product per paid tier and one recurring price per
 * interval, then store the price ids back in `config/tiers`. A changed amount gets a new price that
 * takes over the lookup key (Stripe prices are immutable); existing subscribers keep their old price,
 * which still maps to the tier through the price's `tier` metadata (see planOf).
 */
export async function setupStripePrices(
  stripe: Stripe,
  db: Firestore,
  tax: TaxSetup = DEFAULT_TAX,
): Promise<PriceSetupReport> {
  const tiers = await readTiers(db);
  const report: PriceSetupReport = { created: [], kept: [], portalConfiguration: '' };
  /** Each paid tier's product and the prices it sells now, for the portal's plan switcher. */
  const catalog = new Map<string, { product: string; prices: string[] }>();
  for (const [tierId, tier] of Object.entries(tiers.tiers)) {
    for (const interval of BILLING_INTERVALS) {
      const price = tier.prices?.[interval];
      if (!price) continue;
      const lookupKey = priceLookupKey(tierId, interval);
      const found = (await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })).data[0];
      let entry = catalog.get(tierId);
      if (!entry) {
        const product = await productFor(stripe, tierId, tier.name, found, tax.taxCode);
        entry = { product, prices: [] };
        catalog.set(tierId, entry);
      }
      const same =
        found?.unit_amount === price.amount &&
        found.currency === price.currency &&
        found.tax_behavior === tax.taxBehavior;
      if (found && same) {
        price.priceId = found.id;
        entry.prices.push(found.id);
        report.kept.push(lookupKey);
        continue;
      }
      const created = await stripe.prices.create({
        currency: price.currency,
        unit_amount: price.amount,
        recurring: { interval: STRIPE_INTERVAL[interval] },
        lookup_key: lookupKey,
        transfer_lookup_key: true,
        nickname: `${tier.name} ${interval}`,
        // Tax behavior cannot change on a price: a changed setting makes a new price, as a changed amount does.
        tax_behavior: tax.taxBehavior,
        metadata: { tier: tierId },
        product: entry.product,
      });
      price.priceId = created.id;
      entry.prices.push(created.id);
      report.created.push(lookupKey);
    }
  }
  await db.collection(CONFIG).doc(TIERS_DOC).set(tiers);
  report.portalConfiguration = await setupStripePortal(stripe, [...catalog.values()]);
  return report;
}

/** The tier's product: the one its current price belongs to (its tax code brought up to date), else a new one. */
async function productFor(
  stripe: Stripe,
  tierId: string,
  name: string,
  found: Stripe.Price | undefined,
  taxCode: string,
): Promise<string> {
  const existing = typeof found?.product === 'string' ? found.product : found?.product.id;
  if (existing) return (await stripe.products.update(existing, { tax_code: taxCode })).id;
  return (await stripe.products.create({ name: `Commons ${name}`, tax_code: taxCode, metadata: { tier: tierId } })).id;
}

/**
 * The Customer Portal configuration: switching between the Commons plans with proration set explicitly
 * (PRORATION_BEHAVIOR, which the pricing page explains), cancellation at period end, card and address
 * updates and invoice history. The default configuration is updated in place, so running it twice is safe.
 */
export async function setupStripePortal(
  stripe: Stripe,
  products: Array<{ product: string; prices: string[] }>,
): Promise<string> {
  const features: Stripe.BillingPortal.ConfigurationCreateParams.Features = {
    customer_update: { enabled: true, allowed_updates: ['email', 'address', 'name', 'tax_id'] },
    invoice_history: { enabled: true },
    payment_method_update: { enabled: true },
    subscription_cancel: { enabled: true, mode: 'at_period_end' },
    subscription_update: {
      enabled: products.length > 0,
      default_allowed_updates: ['price'],
      proration_behavior: PRORATION_BEHAVIOR,
      ...(products.length > 0 ? { products } : {}),
    },
  };
  const existing = (await stripe.billingPortal.configurations.list({ is_default: true, limit: 1 })).data[0];
  if (existing) return (await stripe.billingPortal.configurations.update(existing.id, { features })).id;
  return (await stripe.billingPortal.configurations.create({ features })).id;
}

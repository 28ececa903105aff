import type Stripe from 'stripe';
import type { Firestore } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import { BILLING_INTERVALS, type BillingInterval } from '../shared/billing';
import { CONFIG, TIERS_DOC } from '../shared/members';

const STRIPE_INTERVAL: Record<BillingInterval, 'month' | 'year'> = { monthly: 'month', yearly: 'year' };
/** Prices are found again by lookup key, so running the setup twice creates nothing new. */
export const priceLookupKey = (tier: string, interval: BillingInterval) => `commons_${tier}_${interval}`;

export interface PriceSetupReport {
  created: string[];
  kept: string[];
}

/**
 * Make Stripe sell what `config/tiers` lists: one product per paid tier and one recurring price per
 * interval, then store the price ids back in `config/tiers`. A changed amount gets a new price that
 * takes over the lookup key (Stripe prices are immutable); existing subscribers keep their old price,
 * which still maps to the tier through the price's `tier` metadata (see planOf).
 */
export async function setupStripePrices(stripe: Stripe, db: Firestore): Promise<PriceSetupReport> {
  const tiers = await readTiers(db);
  const report: PriceSetupReport = { created: [], kept: [] };
  for (const [tierId, tier] of Object.entries(tiers.tiers)) {
    for (const interval of BILLING_INTERVALS) {
      const price = tier.prices?.[interval];
      if (!price) continue;
      const lookupKey = priceLookupKey(tierId, interval);
      const found = (await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })).data[0];
      if (found && found.unit_amount === price.amount && found.currency === price.currency) {
        price.priceId = found.id;
        report.kept.push(lookupKey);
        continue;
      }
      const product =
        (typeof found?.product === 'string' ? found.product : found?.product.id) ??
        (await stripe.products.create({ name: `Commons ${tier.name}`, metadata: { tier: tierId } })).id;
      const created = await stripe.prices.create({
        currency: price.currency,
        unit_amount: price.amount,
        recurring: { interval: STRIPE_INTERVAL[interval] },
        lookup_key: lookupKey,
        transfer_lookup_key: true,
        nickname: `${tier.name} ${interval}`,
        metadata: { tier: tierId },
        product,
      });
      price.priceId = created.id;
      report.created.push(lookupKey);
    }
  }
  await db.collection(CONFIG).doc(TIERS_DOC).set(tiers);
  return report;
}

import { logger } from 'firebase-functions';
import { Timestamp } from 'firebase-admin/firestore';
import { MEMBERS } from '../shared/members';
import { syncCustomer, type BillingDeps, type SyncResult } from './subscription-sync';

export const RECONCILIATIONS = 'billingReconciliations';

export interface ReconcileReport {
  customers: number;
  changed: Array<Pick<SyncResult, 'uid' | 'customerId' | 'from' | 'to'>>;
  failed: Array<{ customerId: string; error: string }>;
}

/**
 * Daily safety net for lost webhooks: re-read every subscription from Stripe (paged), plus members we
 * believe are paying whose subscriptions Stripe no longer lists, and sync each customer. One failing
 * customer does not stop the run. Returns (and stores, for the admin) what changed.
 */
export async function reconcileSubscriptions(deps: BillingDeps): Promise<ReconcileReport> {
  const customers = new Set<string>();
  for await (const sub of deps.stripe.subscriptions.list({ status: 'all', limit: 100 })) {
    customers.add(typeof sub.customer === 'string' ? sub.customer : sub.customer.id);
  }
  const payingHere = await deps.db.collection(MEMBERS).where('mrr', '>', 0).select('stripeCustomerId').get();
  for (const doc of payingHere.docs) {
    const id = doc.get('stripeCustomerId') as string | undefined;
    if (id) customers.add(id);
  }

  const report: ReconcileReport = { customers: customers.size, changed: [], failed: [] };
  for (const customerId of customers) {
    try {
      const r = await syncCustomer(deps, customerId);
      if (r.from !== r.to) report.changed.push({ uid: r.uid, customerId, from: r.from, to: r.to });
    } catch (err) {
      report.failed.push({ customerId, error: (err as Error).message });
    }
  }
  await deps.db.collection(RECONCILIATIONS).add({ ...report, ranAt: Timestamp.fromDate(deps.now()) });
  logger.info(
    `Billing reconciliation: ${report.customers} customers, ${report.changed.length} changed, ${report.failed.length} failed`,
    report,
  );
  return report;
}

import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Daily reconciliation reports: admins read them; only functions write. The reconciliation's cursors: functions only.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'billingReconciliations/r1'), { customers: 3, changed: [], failed: [] });
  await setDoc(doc(ctx.firestore(), 'billingReconcileState/cursor'), { eventsThrough: 1, scan: null });
});

describe('billingReconciliations/r1', () => {
  whoCan(env, documentOperations('billingReconciliations/r1', { get: ['admin'], list: ['admin'] }));
});

describe('billingReconcileState/cursor', () => {
  whoCan(env, documentOperations('billingReconcileState/cursor', {}));
});

import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// The Stripe webhook ledger: functions only.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'webhookEvents/stripe_evt_1'), { type: 'invoice.paid' });
});

describe('webhookEvents/stripe_evt_1', () => {
  whoCan(env, documentOperations('webhookEvents/stripe_evt_1', {}));
});

import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// The admin overview's daily snapshots: admins read them; only functions write. Download counters: functions only.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'overviewSnapshots/2026-12-03'), {
    day: '2026-12-03',
    members: { total: 3, byTier: { free: 3 } },
    mrr: { eur: 0 },
  });
  await setDoc(doc(ctx.firestore(), 'materialDownloads/2026-12-03_m1_0'), {
    day: '2026-12-03',
    materialId: 'm1',
    count: 2,
  });
});

describe('overviewSnapshots/{day}', () => {
  whoCan(env, documentOperations('overviewSnapshots/2026-12-03', { get: ['admin'], list: ['admin'] }));
});

describe('materialDownloads/{id}', () => {
  whoCan(env, documentOperations('materialDownloads/2026-12-03_m1_0', {}));
});

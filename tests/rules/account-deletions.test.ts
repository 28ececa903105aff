import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Account deletion requests: admins follow them; only functions write. The member whose account it was
// reads nothing (by the time it matters their account is gone).
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'accountDeletions/u-free'), {
    uid: 'u-free',
    emailHash: 'ab',
    by: 'self',
    requestedBy: 'u-free',
    state: 'requested',
    steps: {},
    stripeCustomerId: null,
    emailVerified: true,
  });
});

describe('accountDeletions/u-free', () => {
  whoCan(env, documentOperations('accountDeletions/u-free', { get: ['admin'], list: ['admin'] }));
});

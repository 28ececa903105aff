import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Pending visitor signups (double opt-in): functions only.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'signups/s1'), { email: 'visitor@example.com', token: 't' });
});

describe('signups/s1', () => {
  whoCan(env, documentOperations('signups/s1', {}));
});

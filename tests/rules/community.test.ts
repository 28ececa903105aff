import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Community seats (the to-deactivate / to-reactivate lists): admins read them; only functions write.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'community/u-main'), { email: 'main@demo.test', state: 'to-deactivate' });
});

describe('community/u-main', () => {
  whoCan(env, documentOperations('community/u-main', { get: ['admin'], list: ['admin'] }));
});

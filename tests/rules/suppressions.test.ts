import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// The suppression list: admins read it (Admin → Newsletters); the bounce webhook writes it and admins lift
// entries through the liftSuppression callable, so no client writes.
const ID = 'a'.repeat(64);
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), `suppressions/${ID}`), {
    email: 'gone@bounce.test',
    suppressed: true,
    reason: 'hard-bounce',
    softBounces: [],
  });
});

describe(`suppressions/${ID}`, () => {
  whoCan(env, documentOperations(`suppressions/${ID}`, { get: ['admin'], list: ['admin'] }));
});

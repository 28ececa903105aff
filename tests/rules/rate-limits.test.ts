import { doc, setDoc, Timestamp } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// The signup box's rate-limit counters: functions only, not even admins read them.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'rateLimits/signup-mails-0'), {
    start: Timestamp.now(),
    count: 1,
    expireAt: Timestamp.now(),
  });
});

describe('rateLimits/signup-mails-0', () => {
  whoCan(env, documentOperations('rateLimits/signup-mails-0', {}));
});

import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// The transactional mail outbox: functions only, not even the member a mail is for may read it.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'mail/m1'), {
    to: 'free@demo.test',
    uid: 'u-free',
    template: 'welcome',
    state: 'queued',
  });
});

describe('mail/m1', () => {
  whoCan(env, documentOperations('mail/m1', {}, { state: 'sent' }));
});

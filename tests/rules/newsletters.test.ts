import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Newsletters: admins read issues, batches and the delivery ledger; nobody writes from a client.
const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'newsletters/n1'), { subject: 'Hello', status: 'draft', audience: 'everyone' });
  await setDoc(doc(db, 'newsletters/n1/batches/b00000'), { uids: ['u-free'], status: 'pending' });
  await setDoc(doc(db, 'newsletters/n1/deliveries/u-free'), { status: 'sent' });
});

describe.each([['newsletters/n1'], ['newsletters/n1/batches/b00000'], ['newsletters/n1/deliveries/u-free']])(
  '%s',
  (path) => {
    whoCan(env, documentOperations(path, { get: ['admin'], list: ['admin'] }, { status: 'sent' }));
  },
);

import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { dbFor, reader, READERS, rulesSuite } from './readers';

// Billing collections: reconciliation reports (admins read), the mail outbox and the webhook ledger
// (functions only). Every reader x operation, allowed and denied.
const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'billingReconciliations/r1'), { customers: 3, changed: [], failed: [] });
  await setDoc(doc(db, 'mail/m1'), { to: 'free@demo.test', uid: 'u-free', template: 'welcome', state: 'queued' });
  await setDoc(doc(db, 'webhookEvents/stripe_evt_1'), { type: 'invoice.paid' });
});

const nonAdmins = READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]);
const everyone = READERS.map((r) => [r.name]);

describe('billingReconciliations', () => {
  it('admin can get and list reports', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertSucceeds(getDoc(doc(db, 'billingReconciliations/r1')));
    await assertSucceeds(getDocs(collection(db, 'billingReconciliations')));
  });
  it.each(nonAdmins)('%s can neither get nor list reports', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDoc(doc(db, 'billingReconciliations/r1')));
    await assertFails(getDocs(collection(db, 'billingReconciliations')));
  });
  it.each(everyone)('%s cannot create, update or delete reports', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(setDoc(doc(db, 'billingReconciliations/r2'), { customers: 0 }));
    await assertFails(updateDoc(doc(db, 'billingReconciliations/r1'), { customers: 0 }));
    await assertFails(deleteDoc(doc(db, 'billingReconciliations/r1')));
  });
});

describe.each([['mail/m1'], ['webhookEvents/stripe_evt_1']])('%s (functions only)', (path) => {
  const [col] = path.split('/') as [string];
  it.each(everyone)('%s cannot get, list, create, update or delete', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDoc(doc(db, path)));
    await assertFails(getDocs(collection(db, col)));
    await assertFails(setDoc(doc(db, `${col}/new`), { x: 1 }));
    await assertFails(updateDoc(doc(db, path), { state: 'sent' }));
    await assertFails(deleteDoc(doc(db, path)));
  });
  it('the owner of a mail cannot read it through the outbox either', async () => {
    await assertFails(getDocs(collection(dbFor(env(), reader('free')), 'mail')));
  });
});

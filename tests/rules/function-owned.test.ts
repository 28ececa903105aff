import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { dbFor, reader, READERS, rulesSuite } from './readers';

// Function-written collections: reconciliation reports, community seats and announcements (admins
// read), the mail outbox and the webhook ledger (functions only). Every reader x operation.
const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'billingReconciliations/r1'), { customers: 3, changed: [], failed: [] });
  await setDoc(doc(db, 'mail/m1'), { to: 'free@demo.test', uid: 'u-free', template: 'welcome', state: 'queued' });
  await setDoc(doc(db, 'webhookEvents/stripe_evt_1'), { type: 'invoice.paid' });
  await setDoc(doc(db, 'signups/s1'), { email: 'visitor@example.com', token: 't' });
  await setDoc(doc(db, 'community/u-main'), { email: 'main@demo.test', state: 'to-deactivate' });
  await setDoc(doc(db, 'announcements/material_x'), { title: 'X', pending: false });
});

const nonAdmins = READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]);
const everyone = READERS.map((r) => [r.name]);

describe.each([['billingReconciliations/r1'], ['community/u-main'], ['announcements/material_x']])(
  '%s (admins read)',
  (path) => {
    const [col] = path.split('/') as [string];
    it('admin can get and list', async () => {
      const db = dbFor(env(), reader('admin'));
      await assertSucceeds(getDoc(doc(db, path)));
      await assertSucceeds(getDocs(collection(db, col)));
    });
    it.each(nonAdmins)('%s can neither get nor list', async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(getDoc(doc(db, path)));
      await assertFails(getDocs(collection(db, col)));
    });
    it.each(everyone)('%s cannot create, update or delete', async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(setDoc(doc(db, `${col}/new`), { x: 0 }));
      await assertFails(updateDoc(doc(db, path), { x: 0 }));
      await assertFails(deleteDoc(doc(db, path)));
    });
  },
);

describe.each([['mail/m1'], ['webhookEvents/stripe_evt_1'], ['signups/s1']])('%s (functions only)', (path) => {
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

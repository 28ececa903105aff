import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { dbFor, reader, READERS, rulesSuite } from './readers';

// Newsletters: admins read issues, batches and the delivery ledger; nobody writes from a client.
const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'newsletters/n1'), { subject: 'Hello', status: 'draft', audience: 'everyone' });
  await setDoc(doc(db, 'newsletters/n1/batches/b00000'), { uids: ['u-free'], status: 'pending' });
  await setDoc(doc(db, 'newsletters/n1/deliveries/u-free'), { status: 'sent' });
});

const paths = ['newsletters/n1', 'newsletters/n1/batches/b00000', 'newsletters/n1/deliveries/u-free'];
const parent = (path: string) => path.split('/').slice(0, -1).join('/');
const nonAdmins = READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]);

describe.each(paths.map((p) => [p]))('%s', (path) => {
  it('admin can get and list', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertSucceeds(getDoc(doc(db, path)));
    await assertSucceeds(getDocs(collection(db, parent(path))));
  });
  it.each(nonAdmins)('%s can neither get nor list', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDoc(doc(db, path)));
    await assertFails(getDocs(collection(db, parent(path))));
  });
  it.each(READERS.map((r) => [r.name]))('%s cannot create, update or delete', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(setDoc(doc(db, `${parent(path)}/new`), { status: 'sent' }));
    await assertFails(updateDoc(doc(db, path), { status: 'sent' }));
    await assertFails(deleteDoc(doc(db, path)));
  });
});

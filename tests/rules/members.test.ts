import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { makeMemberDoc, makeSubscriptionMirror } from '../../functions/src/testing/factories';
import { dbFor, reader, READERS, rulesSuite } from './readers';

const member = (uid: string) => makeMemberDoc({ email: `${uid}@demo.test`, name: uid });

const env = rulesSuite(async (ctx) => {
  for (const r of READERS) if (r.uid) await setDoc(doc(ctx.firestore(), `members/${r.uid}`), member(r.uid));
});

const members = READERS.filter((r) => r.uid && r.name !== 'admin');

describe('members', () => {
  it.each(members.map((r) => [r.name]))('%s can get its own document but not another member’s', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDoc(doc(db, `members/${reader(name).uid}`)));
    await assertFails(getDoc(doc(db, `members/${name === 'free' ? 'u-basic' : 'u-free'}`)));
  });

  it('anonymous can neither get nor list members', async () => {
    const db = dbFor(env(), reader('anonymous'));
    await assertFails(getDoc(doc(db, 'members/u-free')));
    await assertFails(getDocs(collection(db, 'members')));
  });

  it.each(members.map((r) => [r.name]))('%s cannot list members', async (name) => {
    await assertFails(getDocs(collection(dbFor(env(), reader(name)), 'members')));
  });

  it('admin can get and list members', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertSucceeds(getDoc(doc(db, 'members/u-premium')));
    await assertSucceeds(getDocs(collection(db, 'members')));
  });

  it.each(members.map((r) => [r.name]))('%s can update its own name and email preferences', async (name) => {
    const db = dbFor(env(), reader(name));
    const ref = doc(db, `members/${reader(name).uid}`);
    await assertSucceeds(updateDoc(ref, { name: 'New Name', emailPrefs: { newsletter: false, events: true } }));
  });

  it.each(members.map((r) => [r.name]))(
    '%s cannot change its verified flag or its tokensValidAfter stamp',
    async (name) => {
      const ref = doc(dbFor(env(), reader(name)), `members/${reader(name).uid}`);
      await assertFails(updateDoc(ref, { emailVerified: false })); // seeded verified: any change is refused
      await assertFails(updateDoc(ref, { tokensValidAfter: 0 }));
      await assertFails(updateDoc(ref, { tokensValidAfter: 0, name: 'x' }));
    },
  );

  it.each(members.map((r) => [r.name]))('%s cannot raise its own tier, rank, admin or grant', async (name) => {
    const db = dbFor(env(), reader(name));
    const ref = doc(db, `members/${reader(name).uid}`);
    await assertFails(updateDoc(ref, { tier: 'premium' }));
    await assertFails(updateDoc(ref, { rank: 40 }));
    await assertFails(updateDoc(ref, { admin: true }));
    await assertFails(updateDoc(ref, { grant: { tier: 'premium', endsAt: null } }));
    await assertFails(updateDoc(ref, { claimsUpdatedAt: new Date(), name: 'x' }));
    await assertFails(updateDoc(ref, { emailPrefs: { newsletter: 'yes', events: true } }));
    await assertFails(updateDoc(ref, { emailPrefs: { newsletter: true, events: true, admin: true } }));
    await assertFails(updateDoc(ref, { name: 'x'.repeat(81) }));
  });

  it.each(members.map((r) => [r.name]))('%s cannot write any billing field on its own document', async (name) => {
    const db = dbFor(env(), reader(name));
    const ref = doc(db, `members/${reader(name).uid}`);
    const sub = makeSubscriptionMirror({ tier: 'premium' });
    await assertFails(updateDoc(ref, { subscription: sub }));
    await assertFails(updateDoc(ref, { 'subscription.status': 'active' }));
    await assertFails(updateDoc(ref, { stripeCustomerId: 'cus_someone_else' }));
    await assertFails(updateDoc(ref, { mrr: 0 }));
    await assertFails(updateDoc(ref, { name: 'Sneaky', subscription: sub }));
  });

  it.each(members.map((r) => [r.name]))('%s cannot create, replace or delete member documents', async (name) => {
    const db = dbFor(env(), reader(name));
    const uid = reader(name).uid ?? '';
    await assertFails(setDoc(doc(db, `members/${uid}`), { ...member(uid), tier: 'premium', rank: 40 }));
    await assertFails(setDoc(doc(db, 'members/brand-new'), member('brand-new')));
    await assertFails(deleteDoc(doc(db, `members/${uid}`)));
    await assertFails(updateDoc(doc(db, `members/${name === 'free' ? 'u-basic' : 'u-free'}`), { name: 'hijack' }));
  });

  it('admin cannot write tiers directly either: grants go through functions', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertFails(updateDoc(doc(db, 'members/u-free'), { tier: 'premium', rank: 40 }));
    await assertFails(updateDoc(doc(db, 'members/u-admin'), { rank: 40 }));
    await assertFails(deleteDoc(doc(db, 'members/u-free')));
  });
});

import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/tiers';
import { dbFor, reader, READERS, rulesSuite } from './readers';

const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'config/tiers'), DEFAULT_TIERS);
  await setDoc(doc(ctx.firestore(), 'config/community'), { slackInvite: 'https://example.com/invite' });
  await setDoc(doc(ctx.firestore(), 'webhookEvents/stripe_1'), { at: 1 });
});

describe('config and everything else', () => {
  it.each(READERS.map((r) => [r.name]))('%s can read config/tiers but not write it', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDoc(doc(db, 'config/tiers')));
    await assertFails(setDoc(doc(db, 'config/tiers'), { tiers: { free: { name: 'Free', rank: 99 } } }));
    await assertFails(deleteDoc(doc(db, 'config/tiers')));
  });

  it.each(READERS.map((r) => [r.name]))('%s cannot list config nor read other config yet', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDocs(collection(db, 'config')));
    await assertFails(getDoc(doc(db, 'config/community')));
  });

  it.each(READERS.map((r) => [r.name]))('%s hits the final deny-all for unknown collections', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDoc(doc(db, 'webhookEvents/stripe_1')));
    await assertFails(setDoc(doc(db, 'anything/else'), { x: 1 }));
  });
});

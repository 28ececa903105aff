import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { dbFor, reader, READERS, rulesSuite } from './readers';

const COMMUNITY = { access: 'main', rank: 30, slackInviteUrl: 'https://join.slack.com/t/x', telegramInviteUrl: '' };

const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'config/tiers'), DEFAULT_TIERS);
  await setDoc(doc(ctx.firestore(), 'config/community'), COMMUNITY);
  await setDoc(doc(ctx.firestore(), 'config/billing'), { note: 'not a client document' });
  await setDoc(doc(ctx.firestore(), 'webhookEvents/stripe_1'), { at: 1 });
});

describe('config and everything else', () => {
  it.each(READERS.map((r) => [r.name]))('%s can read config/tiers but not write it', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDoc(doc(db, 'config/tiers')));
    await assertFails(setDoc(doc(db, 'config/tiers'), { tiers: { free: { name: 'Free', rank: 99 } } }));
    await assertFails(deleteDoc(doc(db, 'config/tiers')));
  });

  it.each(READERS.map((r) => [r.name]))('%s cannot list config nor read other config', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDocs(collection(db, 'config')));
    await assertFails(getDoc(doc(db, 'config/billing')));
  });

  it.each([
    ['anonymous', false],
    ['free', false],
    ['basic', false],
    ['main', true],
    ['premium', true],
    ['admin', true],
  ] as const)('config/community (the Slack invite): %s can read it: %s', async (name, allowed) => {
    const read = getDoc(doc(dbFor(env(), reader(name)), 'config/community'));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot write config/community',
    async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(setDoc(doc(db, 'config/community'), { ...COMMUNITY, access: 'free', rank: 10 }));
    },
  );

  it('admin writes config/community only with a rank that matches its access level', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertSucceeds(setDoc(doc(db, 'config/community'), { ...COMMUNITY, access: 'premium', rank: 40 }));
    await assertFails(setDoc(doc(db, 'config/community'), { ...COMMUNITY, access: 'premium', rank: 10 }));
    await assertFails(setDoc(doc(db, 'config/community'), { ...COMMUNITY, extra: true }));
  });

  it.each(READERS.map((r) => [r.name]))('%s hits the final deny-all for unknown collections', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDoc(doc(db, 'webhookEvents/stripe_1')));
    await assertFails(setDoc(doc(db, 'anything/else'), { x: 1 }));
  });
});

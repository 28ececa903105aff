import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, writeBatch } from 'firebase/firestore';
import { describe, it } from 'vitest';
import type { CommunityLevel, CommunityLinks } from '../../functions/src/shared/community';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { dbFor, reader, READERS, rulesSuite } from './readers';

const LEVEL_PATH = 'config/community';
const LINKS_PATH = 'config/community/gated/links';
const LEVEL: CommunityLevel = { access: 'main', rank: 30 };
const LINKS: CommunityLinks = { ...LEVEL, slackInviteUrl: 'https://join.slack.com/t/x', telegramInviteUrl: '' };

const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'config/tiers'), DEFAULT_TIERS);
  await setDoc(doc(ctx.firestore(), LEVEL_PATH), LEVEL);
  await setDoc(doc(ctx.firestore(), LINKS_PATH), LINKS);
  await setDoc(doc(ctx.firestore(), 'config/billing'), { note: 'not a client document' });
  await setDoc(doc(ctx.firestore(), 'webhookEvents/stripe_1'), { at: 1 });
});

/** The admin form's save: the level and the links in one batch. */
function saveCommunity(db: ReturnType<typeof dbFor>, level: object, links: object, linksPath = LINKS_PATH) {
  const batch = writeBatch(db);
  batch.set(doc(db, LEVEL_PATH), level);
  batch.set(doc(db, linksPath), links);
  return batch.commit();
}

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

  it.each(READERS.map((r) => [r.name]))('%s hits the final deny-all for unknown collections', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertFails(getDoc(doc(db, 'webhookEvents/stripe_1')));
    await assertFails(setDoc(doc(db, 'anything/else'), { x: 1 }));
  });
});

describe('config/community: the level is public, the invite links are for the level and up', () => {
  it.each([
    ['anonymous', false],
    ['free', false],
    ['basic', false],
    ['main', true],
    ['premium', true],
    ['admin', true],
  ] as const)('%s reads the level; reads the links: %s', async (name, linksAllowed) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDoc(doc(db, LEVEL_PATH)));
    const links = getDoc(doc(db, LINKS_PATH));
    await (linksAllowed ? assertSucceeds(links) : assertFails(links));
  });

  it('the links follow the level: at free, every signed-in member reads them, a visitor still not', async () => {
    await env().withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), LINKS_PATH), { ...LINKS, access: 'free', rank: 10 });
    });
    await assertSucceeds(getDoc(doc(dbFor(env(), reader('free')), LINKS_PATH)));
    await assertFails(getDoc(doc(dbFor(env(), reader('anonymous')), LINKS_PATH)));
  });

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s writes neither document',
    async (name) => {
      const db = dbFor(env(), reader(name));
      await assertFails(setDoc(doc(db, LEVEL_PATH), { access: 'free', rank: 10 }));
      await assertFails(setDoc(doc(db, LINKS_PATH), { ...LINKS, access: 'free', rank: 10 }));
      await assertFails(saveCommunity(db, { access: 'free', rank: 10 }, { ...LINKS, access: 'free', rank: 10 }));
      await assertFails(deleteDoc(doc(db, LINKS_PATH)));
    },
  );

  it('admin saves the level and the links together', async () => {
    const db = dbFor(env(), reader('admin'));
    const premium = { access: 'premium', rank: 40 };
    await assertSucceeds(saveCommunity(db, premium, { ...LINKS, ...premium, telegramInviteUrl: 'https://t.me/x' }));
    await assertSucceeds(setDoc(doc(db, LINKS_PATH), { ...LINKS, ...premium, slackInviteUrl: '' }));
  });

  it.each([
    ['a rank that is not its access level', { access: 'premium', rank: 10 }, { ...LINKS, access: 'premium', rank: 10 }],
    ['an unknown access level', { access: 'gold', rank: 50 }, { ...LINKS, access: 'gold', rank: 50 }],
    ['an extra field on the level', { ...LEVEL, slackInviteUrl: 'https://x' }, LINKS],
    ['a level without rank', { access: 'main' }, LINKS],
    ['links at another level than the level', LEVEL, { ...LINKS, access: 'premium', rank: 40 }],
    ['links without a Telegram field', LEVEL, { access: 'main', rank: 30, slackInviteUrl: '' }],
    ['an extra field on the links', LEVEL, { ...LINKS, note: 'x' }],
    ['a link that is not https', LEVEL, { ...LINKS, slackInviteUrl: 'http://join.slack.com/t/x' }],
    ['a link that is not a string', LEVEL, { ...LINKS, telegramInviteUrl: 42 }],
  ])('admin cannot save %s', async (_label, level, links) => {
    await assertFails(saveCommunity(dbFor(env(), reader('admin')), level, links));
  });

  it('admin cannot write another gated document, nor the links alone at another level', async () => {
    const db = dbFor(env(), reader('admin'));
    await assertFails(saveCommunity(db, LEVEL, LINKS, 'config/community/gated/other'));
    await assertFails(setDoc(doc(db, LINKS_PATH), { ...LINKS, access: 'premium', rank: 40 }));
  });
});

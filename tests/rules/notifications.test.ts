import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { doc, serverTimestamp, setDoc, updateDoc } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { makeMemberDoc } from '../../functions/src/testing/factories';
import { dbFor, documentOperations, reader, READERS, rulesSuite, whoCan } from './readers';

// Notifications: tier feeds are read by members of that rank and up, personal news by its member; only
// functions write either. The member marks all read and chooses channels on their own member document.
const feed = (tier: string, rank: number) => ({ tier, rank, entries: [], updatedAt: new Date() });
const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'notificationFeeds/free'), feed('free', 10));
  await setDoc(doc(db, 'notificationFeeds/basic'), feed('basic', 20));
  await setDoc(doc(db, 'notificationFeeds/main'), feed('main', 30));
  await setDoc(doc(db, 'notificationFeeds/premium'), feed('premium', 40));
  for (const r of READERS)
    if (r.uid) await setDoc(doc(db, `members/${r.uid}`), makeMemberDoc({ email: `${r.uid}@demo.test` }));
  await setDoc(doc(db, 'members/u-main/notifications/n1'), {
    kind: 'billing',
    title: 'T',
    body: '',
    url: '/account',
    createdAt: new Date(),
  });
});

describe('notificationFeeds', () => {
  whoCan(env, documentOperations('notificationFeeds/free', { get: ['free', 'basic', 'main', 'premium', 'admin'] }));
  whoCan(env, documentOperations('notificationFeeds/main', { get: ['main', 'premium', 'admin'] }));
  whoCan(env, documentOperations('notificationFeeds/premium', { get: ['premium', 'admin'] }));
});

describe('members/{uid}/notifications', () => {
  whoCan(
    env,
    documentOperations('members/u-main/notifications/n1', { get: ['main', 'admin'], list: ['main', 'admin'] }),
  );
});

describe('members: notification fields', () => {
  const members = READERS.filter((r) => r.uid && r.name !== 'admin');
  const own = (name: string) => doc(dbFor(env(), reader(name)), `members/${reader(name).uid}`);

  it.each(members.map((r) => [r.name]))('%s marks all read at the server time, with personalUnread 0', async (name) => {
    await assertSucceeds(updateDoc(own(name), { notificationsReadAt: serverTimestamp(), personalUnread: 0 }));
    await assertSucceeds(updateDoc(own(name), { notificationsReadAt: serverTimestamp() }));
  });

  it('the watermark must be the server time and the count can only go to 0', async () => {
    await assertFails(updateDoc(own('main'), { notificationsReadAt: new Date('2100-01-01') }));
    await assertFails(updateDoc(own('main'), { personalUnread: 5 }));
    await assertFails(updateDoc(own('main'), { personalUnread: -1, notificationsReadAt: serverTimestamp() }));
  });

  it('a member chooses a channel per known kind', async () => {
    await assertSucceeds(
      updateDoc(own('basic'), { notificationPrefs: { material: 'none', event: 'email', billing: 'both' } }),
    );
    await assertFails(updateDoc(own('basic'), { notificationPrefs: { material: 'sms' } }));
    await assertFails(updateDoc(own('basic'), { notificationPrefs: { nope: 'app' } }));
    await assertFails(updateDoc(own('basic'), { notificationPrefs: 'app' }));
    await assertFails(updateDoc(own('basic'), { notificationPrefs: { homework: true } }));
  });

  it('nobody else changes a member’s notification fields', async () => {
    const other = doc(dbFor(env(), reader('basic')), 'members/u-main');
    await assertFails(updateDoc(other, { notificationsReadAt: serverTimestamp(), personalUnread: 0 }));
    await assertFails(updateDoc(doc(dbFor(env(), reader('anonymous')), 'members/u-main'), { notificationPrefs: {} }));
  });
});

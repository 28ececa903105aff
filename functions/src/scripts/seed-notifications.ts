// Demo notifications: the seeded published materials in the tier feeds (what `notifyOnMaterial` does for
// each; pushing again changes nothing, so the trigger and the seed agree), newest on top, and a personal
// welcome for the paying demo members, so the bell has something to show under `npm start`.
import type { Firestore } from 'firebase-admin/firestore';
import { materialNews } from '../domain/notification-feed';
import { broadcast, notifyMemberOnce } from '../notifications/notification-store';
import { SEED_MATERIALS } from './seed-materials';

export async function seedNotifications(db: Firestore, now: Date): Promise<void> {
  const deps = { db, now: () => now };
  const oldestFirst = [...SEED_MATERIALS].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const { daysAgo: _daysAgo, ...input } of oldestFirst) {
    const item = materialNews(input.id, undefined, input);
    if (item) await broadcast(deps, item);
  }
  for (const [uid, plan] of [
    ['demo-main', 'Main'],
    ['demo-premium', 'Premium'],
  ] as const) {
    await notifyMemberOnce(deps, uid, {
      id: 'seed-welcome',
      kind: 'billing',
      title: `Welcome to ${plan}`,
      body: 'Your plan is active. Billing and homework news for you appear here and by e-mail.',
      url: '/account',
    });
  }
}

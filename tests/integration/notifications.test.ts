// Notifications through the real triggers: a broadcast lands in the feeds of the tiers that may access the
// item and nowhere else, a member reads their feed (under the rules, with their ID token) and marks all read.
import { beforeAll, describe, expect, it } from 'vitest';
import { notifyMemberOnce } from '../../functions/src/notifications/notification-store';
import { POLLS } from '../../functions/src/shared/polls';
import {
  notificationPrefsOf,
  unreadEntries,
  type FeedEntry,
  type NotificationFeedDoc,
} from '../../functions/src/shared/notifications';
import type { Timestamp } from 'firebase-admin/firestore';
import { makeCourseDocs, makeCourseSpec } from '../../functions/src/testing/course-factories';
import { adminSdk, clearEmulators, eventually, PROJECT_ID, readMember, type SignedIn } from '../support/emulators';
import { createMember, writeEvent, writeMaterial } from '../support/factories';

const { db } = adminSdk();
const FIRESTORE = process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080';
const DOCS = `http://${FIRESTORE}/v1/projects/${PROJECT_ID}/databases/(default)/documents`;

const feedOf = async (tier: string) =>
  (await db.doc(`notificationFeeds/${tier}`).get()).data() as NotificationFeedDoc<Timestamp> | undefined;
const keysOf = async (tier: string) => ((await feedOf(tier))?.entries ?? []).map((e) => e.key);

/** A document read as the member, through the rules (REST with their ID token): status and raw fields. */
async function getAs(who: SignedIn, path: string) {
  const res = await fetch(`${DOCS}/${path}`, { headers: { authorization: `Bearer ${who.idToken}` } });
  return { status: res.status, body: (await res.json()) as { fields?: Record<string, unknown> } };
}

/** "Mark all read" as the web does it: the watermark at the server's time, personal count to 0. */
async function markAllReadAs(who: SignedIn) {
  const res = await fetch(`${DOCS}:commit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.idToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      writes: [
        {
          update: {
            name: `projects/${PROJECT_ID}/databases/(default)/documents/members/${who.uid}`,
            fields: { personalUnread: { integerValue: '0' } },
          },
          updateMask: { fieldPaths: ['personalUnread'] },
          updateTransforms: [{ fieldPath: 'notificationsReadAt', setToServerValue: 'REQUEST_TIME' }],
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
}

/** The bell's count for a member: the feed of their tier (one read) and their member document. */
async function unreadOf(who: SignedIn, tier: string): Promise<number> {
  const member = await readMember(who.uid);
  const feed = await feedOf(tier);
  const readAt = (member as { notificationsReadAt?: Timestamp }).notificationsReadAt?.toMillis() ?? null;
  const entries = (feed?.entries ?? []).map((e: FeedEntry<Timestamp>) => ({
    ...e,
    createdAtMs: e.createdAt.toMillis(),
  }));
  const personal = (member as { personalUnread?: number }).personalUnread ?? 0;
  return unreadEntries(entries, readAt, notificationPrefsOf(member)).length + personal;
}

describe('notifications (emulated functions)', () => {
  const who: Record<'free' | 'basic' | 'main' | 'premium', SignedIn> = {} as never;

  beforeAll(async () => {
    await clearEmulators();
    for (const tier of ['free', 'basic', 'main', 'premium'] as const) {
      who[tier] = await createMember(`notify-${tier}@demo.test`, { tier: tier === 'free' ? null : tier });
    }
  });

  it('publishing a main material notifies main and premium members and no one else, once', async () => {
    const id = await writeMaterial(db, 'main', { id: 'notify-main', status: 'draft' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await keysOf('main')).toEqual([]); // a draft is no news
    await db.doc(`materials/${id}`).update({ status: 'published' });

    await eventually(
      () => keysOf('premium'),
      (k) => k.includes('material_notify-main'),
    );
    expect(await keysOf('main')).toEqual(['material_notify-main']);
    expect(await keysOf('premium')).toEqual(['material_notify-main']);
    expect(await feedOf('basic')).toBeUndefined();
    expect(await feedOf('free')).toBeUndefined();

    // Under the rules: main and premium read their feed with it; basic may not read main's feed.
    const asMain = await getAs(who.main, 'notificationFeeds/main');
    expect(asMain.status).toBe(200);
    expect(JSON.stringify(asMain.body.fields)).toContain('material_notify-main');
    expect((await getAs(who.premium, 'notificationFeeds/premium')).status).toBe(200);
    expect((await getAs(who.basic, 'notificationFeeds/main')).status).toBe(403);

    // Publishing again (back to draft, published again, an edit) adds nothing.
    await db.doc(`materials/${id}`).update({ status: 'draft' });
    await db.doc(`materials/${id}`).update({ status: 'published' });
    await db.doc(`materials/${id}`).update({ title: 'Edited while published' });
    const other = await writeMaterial(db, 'premium', { id: 'notify-premium' });
    await eventually(
      () => keysOf('premium'),
      (k) => k.includes(`material_${other}`),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await keysOf('premium')).toEqual(['material_notify-premium', 'material_notify-main']);
    expect(await keysOf('main')).toEqual(['material_notify-main']);
  });

  it('the unread count is right after reading, and counts what came since', async () => {
    expect(await unreadOf(who.main, 'main')).toBe(1);
    expect(await unreadOf(who.premium, 'premium')).toBe(2);
    expect(await unreadOf(who.basic, 'basic')).toBe(0);

    await markAllReadAs(who.main);
    expect(await unreadOf(who.main, 'main')).toBe(0);
    expect(await unreadOf(who.premium, 'premium')).toBe(2); // someone else's mark changes nothing

    // A public recording reaches every tier as a recording; main's count is 1 again.
    await writeMaterial(db, 'public', { id: 'notify-rec', kind: 'recording' });
    await eventually(
      () => keysOf('free'),
      (k) => k.includes('recording_notify-rec'),
    );
    expect(await unreadOf(who.main, 'main')).toBe(1);
    expect(await unreadOf(who.free, 'free')).toBe(1);

    // A member who turned recordings off in the app does not count it.
    await db.doc(`members/${who.free.uid}`).update({ notificationPrefs: { recording: 'none' } });
    expect(await unreadOf(who.free, 'free')).toBe(0);
  });

  it('personal news is written once, counted until read, and respects the app preference', async () => {
    const news = {
      id: 'billing_test_1',
      kind: 'billing' as const,
      title: 'Payment failed',
      body: 'Update your card',
      url: '/account',
    };
    const deps = { db, now: () => new Date() };
    expect(await notifyMemberOnce(deps, who.basic.uid, news)).toBe(true);
    expect(await notifyMemberOnce(deps, who.basic.uid, news)).toBe(false);
    expect(((await readMember(who.basic.uid)) as { personalUnread?: number }).personalUnread).toBe(1);
    // The public recording of the test before is in basic's feed, unread: 1 + 1.
    expect(await unreadOf(who.basic, 'basic')).toBe(2);
    expect((await getAs(who.basic, `members/${who.basic.uid}/notifications/billing_test_1`)).status).toBe(200);
    expect((await getAs(who.main, `members/${who.basic.uid}/notifications/billing_test_1`)).status).toBe(403);
    await markAllReadAs(who.basic);
    expect(await unreadOf(who.basic, 'basic')).toBe(0);

    await db.doc(`members/${who.main.uid}`).update({ notificationPrefs: { homework: 'none' } });
    const homework = { id: 'homework_x', kind: 'homework' as const, title: 'Scored', body: '', url: '/courses' };
    expect(await notifyMemberOnce(deps, who.main.uid, homework)).toBe(false);
    expect(await notifyMemberOnce(deps, 'no-such-member', homework)).toBe(false);
  });

  it('an event, a new course (one entry for all its units) and an opened poll reach their tiers', async () => {
    const start = new Date(Date.now() + 7 * 86_400_000);
    await writeEvent(db, 'basic', { id: 'notify-event', startAt: start, status: 'published' });
    const course = makeCourseDocs(makeCourseSpec({ slug: 'notify-course' }), 40);
    await db.doc(`courses/${course.id}`).set({ ...course.teaser, access: 'premium' });
    await db
      .doc(`${POLLS}/notify-poll`)
      .set({ status: 'draft', question: 'Next topic?', description: '', access: 'main', rank: 30 });
    await db.doc(`${POLLS}/notify-poll`).update({ status: 'open' });

    await eventually(
      () => keysOf('premium'),
      (k) => ['event_notify-event', 'course-unit_notify-course', 'poll_notify-poll'].every((key) => k.includes(key)),
    );
    const premium = await keysOf('premium');
    expect(premium.filter((k) => k.startsWith('course-unit_'))).toEqual(['course-unit_notify-course']);
    expect(await keysOf('basic')).toContain('event_notify-event');
    expect(await keysOf('basic')).not.toContain('poll_notify-poll');
    expect(await keysOf('main')).toContain('poll_notify-poll');
    expect(await keysOf('free')).not.toContain('event_notify-event');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { SlackScim, TelegramBotChannel, SlackWebhookChannel } from '../../functions/src/adapters/chat';
import {
  deliverAnnouncement,
  retryAnnouncement,
  type AnnounceDeps,
} from '../../functions/src/announcements/announcement-store';
import { onRankChange } from '../../functions/src/community/community-store';
import { setGrant } from '../../functions/src/members/member-store';
import {
  adminSdk,
  callFunction,
  clearEmulators,
  eventually,
  isolatedFirestore,
  type SignedIn,
} from '../support/emulators';
import { seedDemo, signInDemo } from '../support/factories';
import { inbox } from '../support/inbox';

// Community seats and announcements through the emulators and the local chat catcher (:8090) that
// test-emulated.mjs runs; mail lands in the SMTP capture (:8025).
const CATCHER = 'http://127.0.0.1:8090';
const { db, auth } = adminSdk();
const memberDeps = { db, auth, now: () => new Date() };
const seat = async (uid: string) => (await db.doc(`community/${uid}`).get()).get('state') as string | undefined;
/** The seat reaches `state` (the plan-change trigger acts asynchronously). */
const expectSeat = async (uid: string, state: string) =>
  expect(
    await eventually(
      () => seat(uid),
      (s) => s === state,
    ),
  ).toBe(state);
interface Post {
  channel: string;
  body: Record<string, unknown>;
}
const posts = async (): Promise<Post[]> => (await fetch(`${CATCHER}/_catcher/posts`)).json() as Promise<Post[]>;

let admin: SignedIn;
beforeAll(async () => {
  await clearEmulators();
  await seedDemo();
  await fetch(`${CATCHER}/_catcher/posts`, { method: 'DELETE' });
  admin = await signInDemo('admin');
});

describe('community lifecycle (Slack for main and up)', () => {
  const uid = 'demo-free';

  it('reaching main invites the member, by email with the invite link', async () => {
    await setGrant(memberDeps, uid, { tier: 'main', endsAt: null, grantedBy: 'test', note: '' });
    await expectSeat(uid, 'invited');
    const mail = await eventually(
      async () => (await db.doc(`mail/${uid}_community-invite`).get()).data(),
      (m) => m?.state === 'sent',
      20_000,
    );
    expect(mail).toMatchObject({ template: 'community-invite', to: 'free@demo.test', state: 'sent' });
    expect(
      (await inbox('free@demo.test')).find((m) => m.subject === 'Your invitation to the community')?.html,
    ).toContain('https://join.slack.com/t/commons-demo');
  });

  it('the plan ending puts the member on the to-deactivate list; the admin marks it done', async () => {
    await setGrant(memberDeps, uid, null);
    await expectSeat(uid, 'to-deactivate');
    const done = await callFunction('completeCommunitySeat', { uid }, admin.idToken);
    expect(done.result?.state).toBe('deactivated');
    const again = await callFunction('completeCommunitySeat', { uid }, admin.idToken);
    expect(again.error?.status).toBe('FAILED_PRECONDITION');
  });

  it('subscribing again puts the member on the to-reactivate list, without a second invite', async () => {
    await setGrant(memberDeps, uid, { tier: 'premium', endsAt: null, grantedBy: 'test', note: '' });
    await expectSeat(uid, 'to-reactivate');
    const invites = await db
      .collection('mail')
      .where('uid', '==', uid)
      .where('template', '==', 'community-invite')
      .get();
    expect(invites.size).toBe(1);
  });

  it('members cannot complete seats', async () => {
    const member = await signInDemo('premium');
    expect((await callFunction('completeCommunitySeat', { uid }, member.idToken)).error?.status).toBe(
      'PERMISSION_DENIED',
    );
  });

  it('with SCIM configured the deactivation and reactivation happen in Slack at once', async () => {
    await fetch(`${CATCHER}/_catcher/scim/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'scim@example.com' }),
    });
    await db.doc('community/scim-user').set({ email: 'scim@example.com', state: 'active' });
    const deps = { db, now: () => new Date(), seats: new SlackScim({ token: 'demo-scim', baseUrl: CATCHER }) };
    expect(await onRankChange(deps, 'scim-user', { email: 'scim@example.com', beforeRank: 30, afterRank: 10 })).toBe(
      'deactivated',
    );
    const users = (await (await fetch(`${CATCHER}/_catcher/scim/users`)).json()) as Array<{
      emails: Array<{ value: string }>;
      active: boolean;
    }>;
    expect(users.find((u) => u.emails[0]?.value === 'scim@example.com')?.active).toBe(false);
    expect(await onRankChange(deps, 'scim-user', { email: 'scim@example.com', beforeRank: 10, afterRank: 40 })).toBe(
      'active',
    );
  });
});

describe('announcements', () => {
  let material: { id: string; title: string; summary: string };
  beforeAll(async () => {
    const snap = await db
      .collection('materials')
      .where('status', '==', 'published')
      .where('access', '==', 'premium')
      .limit(1)
      .get();
    const doc = snap.docs[0]!;
    material = { id: doc.id, title: doc.get('title'), summary: doc.get('summary') };
  });

  it('posts the public teaser, never the body, to Slack and Telegram', async () => {
    const res = await callFunction('announce', { materialId: material.id }, admin.idToken);
    expect(res.result?.id).toBe(`material_${material.id}`);
    const got = await eventually(posts, (p) => p.length >= 2, 20_000);
    expect(got.map((p) => p.channel).sort()).toEqual(['slack', 'telegram']);
    const body = (await db.doc(`materials/${material.id}/gated/body`).get()).get('markdown') as string;
    for (const p of got) {
      const text = JSON.stringify(p.body);
      expect(text).toContain(material.title);
      expect(text).toContain('Premium');
      expect(text).not.toContain(body.slice(0, 60));
    }
    const doc = await eventually(
      async () => (await db.doc(`announcements/material_${material.id}`).get()).data()!,
      (d) => d.pending === false,
    );
    expect(doc.channels.slack.state).toBe('sent');
    expect(doc.channels.telegram.state).toBe('sent');
  });

  it('announcing twice, a draft, or as a member is refused', async () => {
    expect((await callFunction('announce', { materialId: material.id }, admin.idToken)).error?.status).toBe(
      'ALREADY_EXISTS',
    );
    expect(
      (await callFunction('announce', { materialId: 'polars-vs-pandas-for-etl' }, admin.idToken)).error?.message,
    ).toBe('Publish the material before announcing it');
    const member = await signInDemo('premium');
    expect((await callFunction('announce', { materialId: material.id }, member.idToken)).error?.status).toBe(
      'PERMISSION_DENIED',
    );
  });

  it('a channel outage is retried; a permanent refusal is kept for the admin, who can retry it', async () => {
    // A project of its own: the emulated postAnnouncement trigger must not race this worker.
    const db = await isolatedFirestore('demo-announce-retry');
    const id = 'material_retry-test';
    const base = {
      kind: 'material',
      refId: 'x',
      title: 'Retry test',
      summary: 's',
      url: 'http://app/x',
      kindLabel: 'New tutorial',
      accessLabel: 'Free',
      createdBy: 't',
      createdAt: new Date(),
    };
    await db.doc(`announcements/${id}`).set({
      ...base,
      pending: true,
      channels: {
        slack: { state: 'pending', attempts: 0, error: null, sentAt: null },
        telegram: { state: 'pending', attempts: 0, error: null, sentAt: null },
      },
    });
    await fetch(`${CATCHER}/_catcher/fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'slack', times: 1, status: 500 }),
    });
    const deps: AnnounceDeps = {
      db,
      now: () => new Date(),
      settings: { appUrl: 'http://app' },
      channels: [
        new SlackWebhookChannel({ webhookUrl: `${CATCHER}/slack/webhook` }),
        new TelegramBotChannel({ token: 'bad', chatId: '@c', baseUrl: `${CATCHER}/telegram` }),
      ],
    };
    await expect(deliverAnnouncement(deps, id)).rejects.toThrow('will be retried');
    let doc = (await db.doc(`announcements/${id}`).get()).data()!;
    expect(doc.channels.slack).toMatchObject({ state: 'pending', attempts: 1 });
    expect(doc.channels.telegram.state).toBe('failed'); // bad token: not retryable
    expect(doc.channels.telegram.error).toMatch(/401|Unauthorized/);

    expect(await deliverAnnouncement(deps, id)).toEqual({ slack: 'sent', telegram: 'failed' });
    const fixed = {
      ...deps,
      channels: [
        deps.channels[0]!,
        new TelegramBotChannel({ token: 'good', chatId: '@c', baseUrl: `${CATCHER}/telegram` }),
      ],
    };
    await retryAnnouncement(fixed, id);
    doc = (await db.doc(`announcements/${id}`).get()).data()!;
    expect(doc.channels.telegram.state).toBe('sent');
    expect(doc.pending).toBe(false);
  });
});

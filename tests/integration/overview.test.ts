import { Timestamp } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeOverviewSnapshot } from '../../functions/src/overview/overview-snapshot';
import { memberSearchKey } from '../../functions/src/shared/member-search';
import type { OverviewSnapshot } from '../../functions/src/shared/overview';
import { makeSubscriptionMirror } from '../../functions/src/testing/factories';
import { FUNCTIONS, adminSdk, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { createMember, writeMaterial } from '../support/factories';

// The admin overview against the emulator: the daily snapshot over seeded members (paged, idempotent per day,
// conversions and churn between days), the CSV export endpoint (who may, what it streams) and member search.

const { db } = adminSdk();
const DAY = '2021-03-15';
const NOW = new Date(`${DAY}T23:50:00Z`);
const NEXT = new Date(`2021-03-16T23:50:00Z`);
const at = (iso: string) => Timestamp.fromDate(new Date(iso));
const mirror = (over: Parameters<typeof makeSubscriptionMirror>[0]) => {
  const m = makeSubscriptionMirror(over);
  return {
    ...m,
    currentPeriodStart: m.currentPeriodStart && Timestamp.fromDate(m.currentPeriodStart),
    currentPeriodEnd: m.currentPeriodEnd && Timestamp.fromDate(m.currentPeriodEnd),
    graceUntil: m.graceUntil && Timestamp.fromDate(m.graceUntil),
    trialEnd: m.trialEnd && Timestamp.fromDate(m.trialEnd),
    syncedAt: Timestamp.fromDate(m.syncedAt),
  };
};
const member = (email: string, name: string, tier: string, over: Record<string, unknown> = {}) => ({
  email,
  name,
  tier,
  rank: 10,
  admin: false,
  grant: null,
  emailPrefs: { newsletter: true, events: true },
  createdAt: at('2020-06-01T10:00:00Z'),
  claimsUpdatedAt: at('2020-06-01T10:00:00Z'),
  ...over,
});

let admin: SignedIn;
let plain: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('overview-admin@demo.test', { admin: true });
  plain = await createMember('overview-member@example.com');
  const batch = db.batch();
  const put = (uid: string, data: Record<string, unknown>) => batch.set(db.doc(`members/${uid}`), data);
  put('m-new', member('ov1@example.com', 'Ovi One', 'free', { createdAt: at(`${DAY}T09:00:00Z`) }));
  put(
    'm-monthly',
    member('ov2@example.com', 'Ovi Two', 'main', {
      subscription: mirror({ amount: 1900, interval: 'monthly' }),
    }),
  );
  put(
    'm-yearly',
    member('ov3@example.com', 'Yu Three', 'premium', {
      subscription: mirror({ tier: 'premium', amount: 39000, interval: 'yearly' }),
    }),
  );
  put('m-trial', member('ov4@example.com', 'Ovi Four', 'main', { subscription: mirror({ status: 'trialing' }) }));
  put(
    'm-grant',
    member('ov5@example.com', 'Ovi Five', 'basic', {
      grant: { tier: 'basic', endsAt: null, grantedBy: 'admin', grantedAt: at('2020-06-01T10:00:00Z'), note: '' },
    }),
  );
  put(
    'm-pastdue',
    member('ov6@example.com', 'Ovi Six', 'main', {
      subscription: mirror({ status: 'past_due', graceUntil: new Date('2021-04-01T00:00:00Z') }),
    }),
  );
  put('m-formula', member('ov7@example.com', '=HYPERLINK("http://evil.example")', 'free'));
  batch.set(db.doc('newsletters/n1'), {
    subject: 'Issue 1',
    status: 'sent',
    finishedAt: at(`${DAY}T10:00:00Z`),
    stats: { recipients: 5, sent: 4, failed: 1, skipped: 0, batches: 1, batchesDone: 1 },
  });
  batch.set(db.doc('events/ev-past'), {
    title: 'Meetup',
    status: 'published',
    registered: 7,
    endAt: at(`${DAY}T11:00:00Z`),
  });
  batch.set(db.doc('events/ev-draft'), {
    title: 'Draft',
    status: 'draft',
    registered: 3,
    endAt: at(`${DAY}T11:00:00Z`),
  });
  batch.set(db.doc('materialDownloads/2021-03-15_mat-a_0'), { day: DAY, materialId: 'mat-a', count: 3 });
  batch.set(db.doc('materialDownloads/2021-03-15_mat-a_1'), { day: DAY, materialId: 'mat-a', count: 2 });
  batch.set(db.doc('materialDownloads/2021-03-15_mat-b_0'), { day: DAY, materialId: 'mat-b', count: 4 });
  batch.set(db.doc('materialDownloads/2021-03-14_mat-b_0'), { day: '2021-03-14', materialId: 'mat-b', count: 99 });
  await batch.commit();
  // A whole material (its triggers render and index it), as the editor writes it.
  await writeMaterial(db, 'public', { id: 'mat-a', title: 'Parquet for beginners' });
});

// Leave nothing behind for the suites that follow in the same emulators (the e2e specs read the same database).
afterAll(async () => {
  await Promise.all([
    ...['2021-03-15', '2021-03-16'].map((day) => db.doc(`overviewSnapshots/${day}`).delete()),
    ...['m-new', 'm-monthly', 'm-yearly', 'm-trial', 'm-grant', 'm-pastdue', 'm-formula'].map((uid) =>
      db.doc(`members/${uid}`).delete(),
    ),
    ...['newsletters/n1', 'events/ev-past', 'events/ev-draft'].map((path) => db.doc(path).delete()),
    db.recursiveDelete(db.collection('materialDownloads')),
    db.recursiveDelete(db.doc('materials/mat-a')),
  ]);
});

const stored = async (day: string) =>
  (await db.doc(`overviewSnapshots/${day}`).get()).data() as OverviewSnapshot<Timestamp>;
const withoutTime = <T extends { takenAt: unknown }>({ takenAt: _t, ...rest }: T) => rest;

describe('takeOverviewSnapshot', () => {
  it('counts tiers, MRR without trials and grants, sign-ups, newsletters, events and top materials, page by page', async () => {
    const snap = await takeOverviewSnapshot({ db, now: () => NOW }, { pageSize: 2 });
    expect(snap.day).toBe(DAY);
    // The two accounts made by createMember hold the lowest tier too.
    expect(snap.members).toEqual({
      total: 9,
      byTier: { free: 4, basic: 1, main: 3, premium: 1 },
      paid: 3,
      trial: 1,
      complimentary: 1,
    });
    // 1900 monthly + 39000 / 12 yearly + 1900 past due within grace; the trial and the grant bring nothing.
    expect(snap.mrr).toEqual({ eur: 1900 + 3250 + 1900 });
    expect(snap.signups).toBe(1);
    // The first snapshot is the baseline: nobody converted or churned yet.
    expect([snap.conversions, snap.churned]).toEqual([0, 0]);
    expect(snap.newsletters).toEqual({ issues: 1, recipients: 5, sent: 4, opens: null });
    expect(snap.events).toEqual({
      ended: 1,
      registered: 7,
      attended: null,
      list: [{ id: 'ev-past', title: 'Meetup', registered: 7 }],
    });
    expect(snap.topMaterials).toEqual([
      { id: 'mat-a', title: 'Parquet for beginners', downloads: 5 },
      { id: 'mat-b', title: '(deleted material)', downloads: 4 },
    ]);
    expect(withoutTime(await stored(DAY))).toEqual(withoutTime(snap));
  });

  it('gives the same day the same figures when run again', async () => {
    const first = withoutTime(await stored(DAY));
    await takeOverviewSnapshot({ db, now: () => new Date(NOW.getTime() + 60_000) }, { pageSize: 3 });
    expect(withoutTime(await stored(DAY))).toEqual(first);
  });

  it('counts a conversion and a churn on the next day, and again the same on a rerun', async () => {
    await db.doc('members/m-monthly').update({ subscription: mirror({ status: 'canceled' }) });
    await db.doc('members/m-trial').update({ subscription: mirror({ status: 'active' }) });
    const next = await takeOverviewSnapshot({ db, now: () => NEXT });
    expect([next.conversions, next.churned]).toEqual([1, 1]);
    expect(next.signups).toBe(0);
    expect(next.mrr).toEqual({ eur: 1900 + 3250 + 1900 });
    const again = await takeOverviewSnapshot({ db, now: () => NEXT });
    expect([again.conversions, again.churned]).toEqual([1, 1]);
    // The first day's snapshot is untouched.
    expect((await stored(DAY)).conversions).toBe(0);
  });

  it('fills in the search keys of members written without them', async () => {
    expect((await db.doc('members/m-yearly').get()).get('searchKeys')).toContain('yu');
  });
});

describe('exportCsv', () => {
  const get = (kind: string, token?: string) =>
    fetch(`${FUNCTIONS}/exportCsv?kind=${kind}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('streams the members as a CSV attachment to an admin, formulas defused', async () => {
    const res = await get('members', admin.idToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="commons-members-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^uid,email,name,tier,admin,revenue,/);
    expect(lines).toHaveLength(1 + 9);
    expect(lines.find((l) => l.startsWith('m-formula,'))).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines.find((l) => l.startsWith('m-yearly,'))).toContain(',paid,active,premium,yearly,32.50,eur,');
    expect(lines.find((l) => l.startsWith('m-grant,'))).toContain(',complimentary,');
  });

  it('exports materials and events too', async () => {
    const materials = await (await get('materials', admin.idToken)).text();
    expect(materials.split('\n')[0]).toBe('id,kind,title,access,status,author,tags,published,updated');
    expect(materials).toContain('mat-a,article,Parquet for beginners,public,published,');
    const events = await (await get('events', admin.idToken)).text();
    expect(events).toContain('ev-past,Meetup,');
  });

  it('refuses a member (403), a visitor (401) and a stale admin token (401)', async () => {
    expect((await get('members', plain.idToken)).status).toBe(403);
    expect((await get('members')).status).toBe(401);
    const demoted = await createMember('demoted-admin@demo.test', { admin: true });
    await db
      .doc(`members/${demoted.uid}`)
      .update({ admin: false, tokensValidAfter: Math.floor(Date.now() / 1000) + 60 });
    const res = await get('members', demoted.idToken);
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/access changed/);
  });
});

describe('member search', () => {
  const find = async (query: string) => {
    const key = memberSearchKey(query);
    const snap = await db.collection('members').where('searchKeys', 'array-contains', key).orderBy('email').get();
    return snap.docs.map((d) => d.id);
  };

  it('finds a member by part of the name and by the start of the address, in any case', async () => {
    const grace = await createMember('Grace.Hopper@Example.com');
    await db.doc(`members/${grace.uid}`).update({ name: 'Grace Brewster Hopper' });
    // The trigger follows the rename.
    await eventually(
      async () => (await db.doc(`members/${grace.uid}`).get()).get('searchKeys') as string[],
      (keys) => keys.includes('brew'),
    );
    expect(await find('Brew')).toEqual([grace.uid]);
    expect(await find('hopp')).toEqual([grace.uid]);
    expect(await find('GRACE.HO')).toEqual([grace.uid]);
    expect(await find('grace.hopper@example.com')).toEqual([grace.uid]);
    expect(await find('example.com')).toEqual([]);
  });
});

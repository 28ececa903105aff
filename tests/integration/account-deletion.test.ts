import Stripe from 'stripe';
import type { Auth } from 'firebase-admin/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { reconcileSubscriptions } from '../../functions/src/billing/reconcile';
import {
  requestAccountDeletion,
  resumeAccountDeletions,
  runAccountDeletion,
  type DeletionDeps,
} from '../../functions/src/deletion/account-deletion';
import { addressHash } from '../../functions/src/domain/account-deletion';
import { deletedAndGone } from '../../functions/src/members/deleted-accounts';
import { adminSdk, callFunction, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { writeRegistration } from '../support/events';
import { createMember, writeCourse, writeEvent } from '../support/factories';
import { inbox } from '../support/inbox';
import { billingTestDeps, buyPlan, postWebhook, resetTwinWithPrices, stripe, TWIN_URL } from '../support/stripe';

// Account deletion through the real callables, the Stripe twin and the signed webhook path: the
// subscription is cancelled at once, Stripe's deliveries for the kept customer are answered 200 forever
// after, the documents are erased or anonymised as docs/architecture.md's table says, the Auth user is
// gone, the Slack seat waits on the deactivate list, and exactly one confirmation mail goes out, also when
// the job crashes halfway and runs twice at once.
const { db, auth } = adminSdk();
const deps = (over: Partial<DeletionDeps> = {}): DeletionDeps => ({
  db,
  auth,
  now: () => new Date(),
  stripe,
  seats: null,
  ...over,
});
const DAY = 86_400_000;

const exists = async (path: string) => (await db.doc(path).get()).exists;
const authGone = (uid: string) =>
  auth.getUser(uid).then(
    () => false,
    (err: { code?: string }) => err.code === 'auth/user-not-found',
  );
const confirmations = async (email: string) =>
  (await db.collection('mail').where('template', '==', 'account-deleted').where('to', '==', email).get()).size;

/** Waits until the twin delivered (or gave up on) every webhook it queued. */
async function twinIdle(): Promise<Array<{ eventId: string; type: string; status: string; responseStatus?: number }>> {
  type Delivery = { eventId: string; type: string; status: string; responseStatus?: number };
  const read = async () =>
    ((await (await fetch(`${TWIN_URL}/_twin/deliveries`)).json()) as { deliveries: Delivery[] }).deliveries;
  return eventually(read, (all) => all.every((d) => d.status !== 'pending'), 30_000);
}

/** Every Stripe event of the customer, oldest first. */
async function eventsOf(customerId: string): Promise<Stripe.Event[]> {
  const all = await stripe.events.list({ limit: 100 });
  return all.data.filter((e) => (e.data.object as { customer?: string }).customer === customerId).reverse();
}

let leaver: SignedIn;
let waiting: SignedIn;
let customerId: string;
let subscriptionId: string;
let upcoming: string;
let past: string;
let course: string;

beforeAll(async () => {
  await clearEmulators();
  await resetTwinWithPrices();
  // The member pays for main (the community level: a seat is invited), has a place at a full event with
  // someone on its waitlist, went to a past event, received a newsletter and once signed up as a visitor.
  leaver = await createMember('leaver@example.com');
  waiting = await createMember('waiting@example.com');
  const paid = await buyPlan(leaver, 'main');
  customerId = paid.stripeCustomerId!;
  subscriptionId = paid.subscription!.id;
  await eventually(
    async () => (await db.doc(`community/${leaver.uid}`).get()).get('state') as string | undefined,
    (s) => s === 'invited',
  );
  upcoming = await writeEvent(db, 'public', { id: 'ev-full', capacity: 1, startAt: new Date(Date.now() + 7 * DAY) });
  expect((await callFunction('registerForEvent', { id: upcoming }, leaver.idToken)).result?.status).toBe('registered');
  expect((await callFunction('registerForEvent', { id: upcoming }, waiting.idToken)).result?.status).toBe('waitlisted');
  past = await writeEvent(db, 'public', { id: 'ev-past', startAt: new Date(Date.now() - 7 * DAY), registered: 1 });
  await writeRegistration(db, past, { uid: leaver.uid, email: leaver.email });
  await db.doc('newsletters/n1').set({ subject: 'Hello', status: 'sent', createdBy: 'admin@example.com' });
  await db.doc(`newsletters/n1/deliveries/${leaver.uid}`).set({ status: 'sent', providerId: 'p1', at: new Date() });
  await db.doc(`signups/${addressHash(leaver.email)}`).set({ email: leaver.email, createdAt: new Date() });
  // A course: both enrolled and on the leaderboard; the leaver submitted homework and a project, reviewed the
  // other's project and was reviewed, and holds a certificate.
  course = await writeCourse(db);
  for (const m of [leaver, waiting]) {
    await db.doc(`courses/${course}/enrollments/${m.uid}`).set({
      uid: m.uid,
      cohortId: '2027-spring',
      enrolledAt: new Date(),
      startsAt: new Date(),
      completedUnits: [],
      lastUnitId: null,
      displayName: `Board name of ${m.email}`,
      showOnLeaderboard: true,
      points: { homework: 3, links: 0, project: 0, total: 3 },
      updatedAt: new Date(),
    });
  }
  await db.doc(`courses/${course}/homework/hw-basics/submissions/${leaver.uid}`).set({ uid: leaver.uid, answers: {} });
  await db.doc(`courses/${course}/projects/${leaver.uid}`).set({ uid: leaver.uid, repoUrl: 'https://github.com/l/p' });
  await db
    .doc(`courses/${course}/reviews/${waiting.uid}_${leaver.uid}`)
    .set({ reviewerUid: waiting.uid, authorUid: leaver.uid });
  await db
    .doc(`courses/${course}/reviews/${leaver.uid}_${waiting.uid}`)
    .set({ reviewerUid: leaver.uid, authorUid: waiting.uid });
  await db.doc('certificates/leaverCertificate0001').set({ name: 'Leaver', courseSlug: course });
  await db.doc(`courses/${course}/certificateOwners/2027-spring_${leaver.uid}`).set({
    uid: leaver.uid,
    certificateId: 'leaverCertificate0001',
    issuedAt: new Date(),
  });
  await twinIdle();
}, 90_000);

describe('a member deletes their account mid-subscription', () => {
  it('refuses without the typed address, changing nothing', async () => {
    const res = await callFunction('deleteMyAccount', { email: 'someone@example.com' }, leaver.idToken);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toMatch(/email/);
    expect(await exists(`accountDeletions/${leaver.uid}`)).toBe(false);
    expect(await exists(`members/${leaver.uid}`)).toBe(true);
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');
  });

  it('deletes with the typed address: erased at once', async () => {
    const res = await callFunction('deleteMyAccount', { email: 'Leaver@Example.com' }, leaver.idToken);
    expect(res.result).toEqual({ state: 'erased' });
  });

  it('cancels the subscription in Stripe at once; the customer stays for the accounts', async () => {
    const sub = await stripe.subscriptions.retrieve(subscriptionId);
    expect(sub.status).toBe('canceled');
    expect(sub.cancel_at_period_end).toBe(false);
    expect((await stripe.customers.retrieve(customerId)).deleted).toBeFalsy();
  });

  it("answers every Stripe delivery for the customer 200: the twin's, and each replayed", async () => {
    const deliveries = await twinIdle();
    const deleted = deliveries.filter((d) => d.type === 'customer.subscription.deleted');
    expect(deleted.length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => d.status !== 'delivered')).toEqual([]);
    // Replayed as new deliveries (ledger entries removed), so each one runs the sync for the gone member.
    const events = await eventsOf(customerId);
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) await db.doc(`webhookEvents/stripe_${e.id}`).delete();
    for (const e of events) {
      const res = await postWebhook(JSON.stringify(e));
      expect([e.type, res.status]).toEqual([e.type, 200]);
    }
    const report = await reconcileSubscriptions(billingTestDeps());
    expect(report.failed).toEqual([]);
    // Nothing came back for the gone member, and the ledger names no uid.
    expect(await exists(`members/${leaver.uid}`)).toBe(false);
    expect((await db.collection('webhookEvents').where('uid', '==', leaver.uid).get()).size).toBe(0);
  });

  it('deletes the Auth user', async () => {
    expect(await authGone(leaver.uid)).toBe(true);
  });

  it('erases and anonymises the documents as the policy table says', async () => {
    expect(await exists(`members/${leaver.uid}`)).toBe(false);
    expect(await exists(`newsletters/n1/deliveries/${leaver.uid}`)).toBe(false);
    expect(await exists(`signups/${addressHash(leaver.email)}`)).toBe(false);
    const mails = await db.collection('mail').where('uid', '==', leaver.uid).get();
    expect(mails.docs.map((d) => d.get('template'))).toEqual(['account-deleted']);
    // The full event: the seat went to the waitlisted member, counters agree.
    expect(await exists(`events/${upcoming}/registrations/${leaver.uid}`)).toBe(false);
    expect((await db.doc(`events/${upcoming}/registrations/${waiting.uid}`).get()).get('status')).toBe('registered');
    expect((await db.doc(`events/${upcoming}`).get()).data()).toMatchObject({ registered: 1, waitlisted: 0 });
    // The past event keeps its count, without the name or the address.
    expect((await db.doc(`events/${past}/registrations/${leaver.uid}`).get()).data()).toMatchObject({
      email: '',
      name: 'deleted member',
    });
    expect((await db.doc(`events/${past}`).get()).get('registered')).toBe(1);
    // Courses: their data gone, their name off the public board, their review of a classmate kept without them.
    for (const path of [
      `courses/${course}/enrollments/${leaver.uid}`,
      `courses/${course}/homework/hw-basics/submissions/${leaver.uid}`,
      `courses/${course}/projects/${leaver.uid}`,
      `courses/${course}/reviews/${waiting.uid}_${leaver.uid}`,
      `courses/${course}/certificateOwners/2027-spring_${leaver.uid}`,
      'certificates/leaverCertificate0001',
    ])
      expect(await exists(path), path).toBe(false);
    expect((await db.doc(`courses/${course}/reviews/${leaver.uid}_${waiting.uid}`).get()).get('reviewerUid')).toBe(
      'deleted',
    );
    const board = JSON.stringify((await db.doc(`courses/${course}/leaderboards/all`).get()).data());
    expect(board).toContain(`Board name of ${waiting.email}`);
    expect(board).not.toContain(leaver.email);
    // The record keeps the steps and a hash of the address, not the address.
    const record = (await db.doc(`accountDeletions/${leaver.uid}`).get()).data()!;
    expect(record).toMatchObject({ state: 'erased', by: 'self', emailHash: addressHash(leaver.email) });
    expect(record.email).toBeUndefined();
    expect(Object.keys(record.steps).sort()).toEqual(['auth', 'documents', 'mail', 'seat', 'signOut', 'subscriptions']);
    expect(record.cancelled).toEqual([subscriptionId]);
  });

  it('puts the Slack seat on the deactivate list with the address the admin needs', async () => {
    expect((await db.doc(`community/${leaver.uid}`).get()).data()).toMatchObject({
      state: 'to-deactivate',
      email: leaver.email,
      accountDeleted: true,
    });
  });

  it('sends one confirmation mail', async () => {
    const sent = await eventually(
      () => inbox(leaver.email),
      (m) => m.some((x) => x.subject === 'Your Commons account is deleted'),
      20_000,
    );
    expect(sent.filter((m) => m.subject === 'Your Commons account is deleted')).toHaveLength(1);
    expect(await confirmations(leaver.email)).toBe(1);
  });

  it('closes once the admin deactivated the seat: seat and mail erased, the outcome kept', async () => {
    expect((await resumeAccountDeletions(deps(), { settleMs: 0 })).closed).not.toContain(leaver.uid);
    const admin = await createMember('boss@example.com', { admin: true });
    const done = await callFunction('completeCommunitySeat', { uid: leaver.uid }, admin.idToken);
    expect(done.result?.state).toBe('deactivated');
    await eventually(
      async () => (await db.doc(`mail/${leaver.uid}_account-deleted`).get()).get('state') as string,
      (s) => s === 'sent',
    );
    expect((await resumeAccountDeletions(deps(), { settleMs: 0 })).closed).toContain(leaver.uid);
    expect(await exists(`community/${leaver.uid}`)).toBe(false);
    expect(await exists(`mail/${leaver.uid}_account-deleted`)).toBe(false);
    expect((await db.doc(`accountDeletions/${leaver.uid}`).get()).data()).toMatchObject({
      state: 'closed',
      mailState: 'sent',
    });
    // A Luma import does not bring the address back.
    expect(await deletedAndGone({ db, auth }, leaver.email)).toBe(true);
  });
});

describe('a crash halfway, then two runs at once', () => {
  it('ends complete with one confirmation mail and one cancellation', async () => {
    const member = await createMember('crash@example.com');
    const paid = await buyPlan(member, 'basic');
    await twinIdle();
    // The Auth deletion fails once: the process "dies" after signOut, subscriptions and seat.
    let failures = 1;
    const flaky = new Proxy(auth, {
      get(target, prop) {
        if (prop === 'deleteUser' && failures-- > 0) return () => Promise.reject(new Error('instance died'));
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Auth;
    await requestAccountDeletion(deps(), member.uid, { kind: 'self', uid: member.uid });
    await expect(runAccountDeletion(deps({ auth: flaky }), member.uid)).rejects.toThrow('instance died');
    const halfway = (await db.doc(`accountDeletions/${member.uid}`).get()).data()!;
    expect(halfway.state).toBe('requested');
    expect(Object.keys(halfway.steps).sort()).toEqual(['seat', 'signOut', 'subscriptions']);
    expect(halfway.lastError).toMatch(/auth: instance died/);
    expect((await stripe.subscriptions.retrieve(paid.subscription!.id)).status).toBe('canceled');
    expect(await authGone(member.uid)).toBe(false);

    // The callable's retry and the sweep at the same moment, then once more.
    const [run, sweep] = await Promise.all([
      runAccountDeletion(deps(), member.uid),
      resumeAccountDeletions(deps(), { settleMs: 0 }),
    ]);
    // Every step done; `closed` already when the sweep found the mail sent (this member has no seat).
    const done = ['erased', 'closed'];
    expect(done).toContain(run);
    expect(sweep.failed).toEqual([]);
    expect(done).toContain(await runAccountDeletion(deps(), member.uid));
    const record = (await db.doc(`accountDeletions/${member.uid}`).get()).data()!;
    expect(Object.keys(record.steps).sort()).toEqual(['auth', 'documents', 'mail', 'seat', 'signOut', 'subscriptions']);

    expect(await authGone(member.uid)).toBe(true);
    expect(await exists(`members/${member.uid}`)).toBe(false);
    // At most one outbox mail (the sweep may already have closed the deletion and erased a sent one)…
    expect(await confirmations(member.email)).toBeLessThanOrEqual(1);
    await eventually(
      () => inbox(member.email),
      (m) => m.some((x) => x.subject === 'Your Commons account is deleted'),
      20_000,
    );
    // …and exactly one delivered, also a moment later (a second outbox mail would have been sent by now).
    await new Promise((r) => setTimeout(r, 1500));
    const mails = await inbox(member.email);
    expect(mails.filter((m) => m.subject === 'Your Commons account is deleted')).toHaveLength(1);
    expect((await db.doc(`accountDeletions/${member.uid}`).get()).get('cancelled')).toEqual([paid.subscription!.id]);
    // Stripe's deliveries about the cancellation all answered 200.
    expect((await twinIdle()).filter((d) => d.status !== 'delivered')).toEqual([]);
  }, 60_000);
});

describe('an admin deletes a member from the members list', () => {
  let admin: SignedIn;
  let member: SignedIn;
  beforeAll(async () => {
    admin = await createMember('chief@example.com', { admin: true });
    member = await createMember('removed@example.com');
  });

  it('refuses a member who is not admin, and the admin themself', async () => {
    const asMember = await callFunction('deleteMember', { uid: admin.uid }, member.idToken);
    expect(asMember.error?.status).toBe('PERMISSION_DENIED');
    const self = await callFunction('deleteMember', { uid: admin.uid }, admin.idToken);
    expect(self.error?.status).toBe('FAILED_PRECONDITION');
    expect(self.error?.message).toMatch(/account page/);
    expect(await exists(`accountDeletions/${admin.uid}`)).toBe(false);
    expect(await authGone(admin.uid)).toBe(false);
  });

  it('deletes the member: Auth user and documents gone, one mail, recorded as the admin', async () => {
    const res = await callFunction('deleteMember', { uid: member.uid }, admin.idToken);
    expect(res.result).toEqual({ uid: member.uid, state: 'erased' });
    expect(await authGone(member.uid)).toBe(true);
    expect(await exists(`members/${member.uid}`)).toBe(false);
    expect((await db.doc(`accountDeletions/${member.uid}`).get()).data()).toMatchObject({
      by: 'admin',
      requestedBy: admin.uid,
    });
    // Asking again answers the deletion under way; still one mail.
    const again = await callFunction('deleteMember', { uid: member.uid }, admin.idToken);
    expect(again.result?.state).toBe('erased');
    expect(await confirmations(member.email)).toBe(1);
  });
});

import { FieldPath, type Firestore, type Query, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { eraseCourseData } from '../courses/erase-course-data';
import { addressHash, DELETED_MEMBER, deletionMailKey } from '../domain/account-deletion';
import { removeRegistrationOfDeletedMember } from '../events/registration-store';
import { SIGNUPS } from '../signup/visitor-signup';
import { ANNOUNCEMENTS } from '../shared/announcements';
import { COMMUNITY } from '../shared/community';
import { REGISTRATIONS } from '../shared/events';
import { MAIL } from '../shared/mail';
import { MEMBERS } from '../shared/members';
import { NEWSLETTER_DELIVERIES, NEWSLETTERS } from '../shared/newsletters';

export interface EraseDeps {
  db: Firestore;
  now: () => Date;
}

/** What one erasure touched, per collection (logged and returned to tests). */
export type ErasureCounts = Record<string, number>;

const PAGE = 300;
/** `WEBHOOK_EVENTS` of billing/stripe-webhook.ts, an entry module this store may not import. */
const WEBHOOK_EVENTS = 'webhookEvents';

/** Every document of a query, a page at a time (ordered by id, so a page boundary is stable while we write). */
async function* pages(query: Query) {
  let last: QueryDocumentSnapshot | undefined;
  for (;;) {
    let page = query.orderBy(FieldPath.documentId()).limit(PAGE);
    if (last) page = page.startAfter(last);
    const snap = await page.get();
    if (snap.empty) return;
    yield snap.docs;
    last = snap.docs[snap.docs.length - 1];
    if (snap.size < PAGE) return;
  }
}

/**
 * Erase or anonymise what Firestore holds of a member, as the table in docs/architecture.md ("Account
 * deletion") says. Idempotent: each part finds what is left and does it again, so a crash halfway and a
 * retry end in the same place. `members/{uid}` goes last (with its subcollections), so a retry still has
 * the address to look for until everything else is done. Not here: `community/{uid}` (the seat stays on
 * the deactivate list until an admin acts; the sweep erases it then), the confirmation mail, and
 * `accountDeletions/{uid}` itself.
 */
export async function eraseMemberData(deps: EraseDeps, member: { uid: string; email: string }): Promise<ErasureCounts> {
  const { db } = deps;
  const { uid, email } = member;
  const counts: ErasureCounts = {};
  const count = (what: string, n: number) => (counts[what] = (counts[what] ?? 0) + n);

  // Registrations: withdrawn from events ahead (counters, waitlist promotion), anonymised on past ones.
  // Needs the collection-group field override on `registrations.uid` (firestore.indexes.json).
  for await (const docs of pages(db.collectionGroup(REGISTRATIONS).where('uid', '==', uid))) {
    for (const doc of docs) {
      const eventId = doc.ref.parent.parent?.id;
      if (eventId) count(`registrations ${await removeRegistrationOfDeletedMember(deps, eventId, uid)}`, 1);
    }
  }

  // Courses: enrollments, submissions, projects, certificates (courses/erase-course-data.ts).
  for (const [what, n] of Object.entries(await eraseCourseData(deps, uid, pages))) count(what, n);

  // Writes go through one BulkWriter; any that failed fail the step, which the job's retry does again.
  const writer = db.bulkWriter();
  const failed: string[] = [];
  const write = (what: string, op: Promise<unknown>) =>
    void op.then(
      () => count(what, 1),
      (err: Error) => failed.push(`${what}: ${err.message}`),
    );
  // Newsletter ledgers: deliveries/{uid} of every issue (issues are few: one read of their ids).
  const issues = await db.collection(NEWSLETTERS).select().get();
  for (let i = 0; i < issues.size; i += PAGE) {
    const refs = issues.docs.slice(i, i + PAGE).map((d) => d.ref.collection(NEWSLETTER_DELIVERIES).doc(uid));
    for (const ledger of refs.length ? await db.getAll(...refs) : []) {
      if (ledger.exists) write('newsletter deliveries', writer.delete(ledger.ref));
    }
  }

  // The outbox: every mail to the member or their address, except the deletion's own confirmation.
  const keep = deletionMailKey(uid);
  const byAddress = (query: Query): Query[] => (email ? [query] : []);
  for (const query of [
    db.collection(MAIL).where('uid', '==', uid),
    ...byAddress(db.collection(MAIL).where('to', '==', email)),
  ]) {
    for await (const docs of pages(query.select())) {
      for (const doc of docs) if (doc.id !== keep) write('mail', writer.delete(doc.ref));
    }
  }

  // A visitor signup of the address (the id is the address's hash, as `requestSignup` makes it).
  if (email) write('signups', writer.delete(db.collection(SIGNUPS).doc(addressHash(email))));

  // The Stripe webhook ledger stays (replays are still recognised as duplicates) without the uid.
  for await (const docs of pages(db.collection(WEBHOOK_EVENTS).where('uid', '==', uid).select())) {
    for (const doc of docs) write('webhook events', writer.update(doc.ref, { uid: null }));
  }

  // An admin's name on what they did for others: kept as a fact, without their address.
  // Callables record `caller.email ?? caller.uid`, so both are looked for.
  const authorFields: Array<[string, string]> = [
    [NEWSLETTERS, 'createdBy'],
    [ANNOUNCEMENTS, 'createdBy'],
    [MEMBERS, 'grant.grantedBy'],
    [MEMBERS, 'lastGrant.grantedBy'],
    [COMMUNITY, 'doneBy'],
  ];
  const authored = authorFields.flatMap(([collection, field]) =>
    [uid, ...(email ? [email] : [])].map((who) => [db.collection(collection).where(field, '==', who), field] as const),
  );
  for (const [query, field] of authored) {
    for await (const docs of pages(query.select())) {
      for (const doc of docs) {
        if (doc.id !== uid) write('authored', writer.update(doc.ref, { [field]: DELETED_MEMBER }));
      }
    }
  }
  await writer.close();
  if (failed.length) throw new Error(`erasing ${uid}: ${failed.length} writes failed, first: ${failed[0]}`);

  // Last: the member document and anything under it.
  await db.recursiveDelete(db.collection(MEMBERS).doc(uid));
  count('members', 1);
  return counts;
}

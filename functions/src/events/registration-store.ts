import { FieldValue, type DocumentSnapshot, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { countersAfterLeaving, registrationDecision, seatsToFill } from '../domain/events';
import { Refusal } from '../domain/refusal';
import { DELETED_MEMBER, registrationOnDeletion } from '../domain/account-deletion';
import { readerRank, tierNeeded, type AccessClaims } from '../shared/access';
import { hasEnded, type EventTeaser, type Registration, type RegistrationStatus } from '../shared/events';
import { MEMBERS, type MemberDoc } from '../shared/members';
import type { TiersConfig } from '../shared/tiers';
import { eventRefs, teaserOf, type EventRefs } from './event-docs';

export interface RegistrationDeps {
  db: Firestore;
  now: () => Date;
}

/** The event as a member may act on it: published or cancelled (drafts do not exist for members). */
async function memberVisibleEvent(tx: Transaction, refs: EventRefs): Promise<EventTeaser<Date>> {
  const snap = await tx.get(refs.teaser);
  const teaser = snap.exists ? teaserOf(snap.data() as EventTeaser<never>) : null;
  if (!teaser || teaser.status === 'draft') throw new Refusal('not-found', 'No such event');
  return teaser;
}

/**
 * The first `count` waitlisted registrations (oldest first; the document id breaks ties), read inside
 * the transaction; `write()` moves them up. The caller adjusts the counters. Skips `except` (the member
 * who is leaving).
 */
export async function promoteWaitlisted(
  tx: Transaction,
  refs: EventRefs,
  count: number,
  except?: string,
): Promise<{ uids: string[]; count: number; write: () => void }> {
  const waiting = await tx.get(
    refs.registrations
      .where('status', '==', 'waitlisted')
      .orderBy('createdAt')
      .limit(count + (except ? 1 : 0)),
  );
  const docs = waiting.docs.filter((d) => d.id !== except).slice(0, count);
  return {
    uids: docs.map((d) => d.id),
    count: docs.length,
    write: () => {
      for (const doc of docs) tx.update(doc.ref, { status: 'registered' satisfies RegistrationStatus });
    },
  };
}

/** Why this reader may not register, naming the plan to upgrade to. */
function upgradeMessage(tiers: TiersConfig, rank: number): string {
  const tier = tierNeeded(tiers, { rank });
  return tier
    ? `This event is for ${tier.name} members and up: upgrade to ${tier.name} to join`
    : 'This event is not open to any plan';
}

/**
 * Registers a member: a seat while there is one, else the waitlist, counted on the teaser in the same
 * transaction (so concurrent registrations for the last seat give one seat and one waitlist place).
 * Registering again answers the status the member has; nothing is written twice.
 */
export async function registerForEvent(
  deps: RegistrationDeps,
  id: string,
  uid: string,
  claims: AccessClaims,
  tiers: TiersConfig,
): Promise<RegistrationStatus> {
  const { db } = deps;
  const refs = eventRefs(db, id);
  const memberRef = db.collection(MEMBERS).doc(uid);
  return db.runTransaction(async (tx) => {
    const now = deps.now();
    const teaser = await memberVisibleEvent(tx, refs);
    if (teaser.status === 'cancelled') throw new Refusal('failed-precondition', 'This event was cancelled');
    if (hasEnded(teaser, now.getTime())) throw new Refusal('failed-precondition', 'This event is over');
    if (readerRank(claims) < teaser.rank) throw new Refusal('permission-denied', upgradeMessage(tiers, teaser.rank));
    const [existing, member] = await tx.getAll(refs.registration(uid), memberRef);
    const decision = registrationDecision(statusOf(existing), teaser);
    if (!decision.changed) return decision.status;
    const profile = member?.data() as MemberDoc | undefined;
    if (!profile) throw new Refusal('failed-precondition', 'Your account is still being set up: try again in a moment');
    const { email, name } = profile;
    writeRegistration(tx, refs, { uid, email, name, status: decision.status, source: 'web', createdAt: now });
    return decision.status;
  });
}

const statusOf = (snap: DocumentSnapshot | undefined): RegistrationStatus | null =>
  snap?.exists ? (snap.get('status') as RegistrationStatus) : null;

/** The one way a registration is written: the document and its counter on the teaser, in the caller's transaction. */
function writeRegistration(tx: Transaction, refs: EventRefs, registration: Registration<Date>): void {
  tx.create(refs.registration(registration.uid), registration);
  tx.update(refs.teaser, { [registration.status]: FieldValue.increment(1) });
}

/**
 * Registers a guest an outside calendar (Luma) brought, once: the same decision and counters as
 * `registerForEvent`, with the source named. `exists` when the member already has a registration (from the site or an earlier import),
 * `closed` when the event is no longer published or has ended. No rank check: only public events are mirrored.
 */
export async function registerGuest(
  deps: RegistrationDeps,
  id: string,
  guest: { uid: string; email: string; name: string },
  source: Registration['source'],
): Promise<RegistrationStatus | 'exists' | 'closed'> {
  const refs = eventRefs(deps.db, id);
  return deps.db.runTransaction(async (tx) => {
    const now = deps.now();
    const [snap, existing] = await tx.getAll(refs.teaser, refs.registration(guest.uid));
    const teaser = snap?.exists ? teaserOf(snap.data() as EventTeaser<never>) : null;
    if (!teaser || teaser.status !== 'published' || hasEnded(teaser, now.getTime())) return 'closed';
    const decision = registrationDecision(statusOf(existing), teaser);
    if (!decision.changed) return 'exists';
    writeRegistration(tx, refs, { ...guest, status: decision.status, source, createdAt: now });
    return decision.status;
  });
}

/**
 * Withdraws a member's registration (deleted, not kept). A seat freed on a published event goes to the
 * earliest waitlisted member in the same transaction; their uid is returned. Withdrawing twice is once.
 */
export async function cancelRegistration(deps: RegistrationDeps, id: string, uid: string): Promise<string | null> {
  const { db } = deps;
  const refs = eventRefs(db, id);
  return db.runTransaction(async (tx) => {
    const teaser = await memberVisibleEvent(tx, refs);
    const existing = await tx.get(refs.registration(uid));
    if (!existing.exists) return null;
    if (hasEnded(teaser, deps.now().getTime())) throw new Refusal('failed-precondition', 'This event is over');
    return withdraw(tx, refs, teaser, existing, uid);
  });
}

/**
 * Deletes the registration, frees its seat or waitlist place on the teaser's counters and, on a published
 * event, moves the earliest waitlisted member up; returns their uid. In the caller's transaction.
 */
async function withdraw(
  tx: Transaction,
  refs: EventRefs,
  teaser: EventTeaser<Date>,
  existing: DocumentSnapshot,
  uid: string,
): Promise<string | null> {
  const leaving = existing.get('status') as RegistrationStatus;
  const left = countersAfterLeaving(teaser, leaving, 0);
  const fill = teaser.status === 'published' ? seatsToFill(left) : 0;
  const promote = fill > 0 ? await promoteWaitlisted(tx, refs, fill, uid) : null;
  const after = countersAfterLeaving(teaser, leaving, promote?.count ?? 0);
  tx.delete(refs.registration(uid));
  promote?.write();
  tx.update(refs.teaser, { registered: after.registered, waitlisted: after.waitlisted });
  return promote?.uids[0] ?? null;
}

/**
 * A deleted member's registration (`registrationOnDeletion`): withdrawn from an event still ahead, as
 * `cancelRegistration` does (counters, waitlist promotion); on an event that is over or cancelled it stays
 * for the counts, without name or address. Idempotent.
 */
export async function removeRegistrationOfDeletedMember(
  deps: RegistrationDeps,
  id: string,
  uid: string,
): Promise<'withdrawn' | 'anonymised' | 'none'> {
  const refs = eventRefs(deps.db, id);
  return deps.db.runTransaction(async (tx) => {
    const [snap, existing] = await tx.getAll(refs.teaser, refs.registration(uid));
    if (!existing?.exists) return 'none';
    const teaser = snap?.exists ? teaserOf(snap.data() as EventTeaser<never>) : null;
    if (!teaser) {
      tx.delete(refs.registration(uid)); // an orphan: no event to count it
      return 'withdrawn';
    }
    const ended = hasEnded(teaser, deps.now().getTime());
    if (registrationOnDeletion({ status: teaser.status, ended }) === 'withdraw') {
      await withdraw(tx, refs, teaser, existing, uid);
      return 'withdrawn';
    }
    tx.update(refs.registration(uid), { email: '', name: DELETED_MEMBER });
    return 'anonymised';
  });
}

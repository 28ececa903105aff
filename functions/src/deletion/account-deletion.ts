import type Stripe from 'stripe';
import { logger } from 'firebase-functions';
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { addressHash, deletionMailKey, stepsLeft, subscriptionsToCancel } from '../domain/account-deletion';
import { expireOpenSessions } from '../billing/checkout';
import { Refusal } from '../domain/refusal';
import { releaseSeatOfDeletedMember, type SeatManager } from '../community/community-store';
import { queueMail } from '../mail/queue-mail';
import type { MemberDeps } from '../members/member-store';
import {
  ACCOUNT_DELETIONS,
  type AccountDeletionDoc,
  type DeletionState,
  type DeletionStep,
} from '../shared/account-deletion';
import { COMMUNITY } from '../shared/community';
import { MAIL, type MailState } from '../shared/mail';
import { MEMBERS, mayReceiveMail } from '../shared/members';
import { eraseMemberData } from './erase-member-data';

/**
 * Account deletion as a durable job (docs/architecture.md, "Account deletion"). The request is recorded
 * first, in `accountDeletions/{uid}`; each step is idempotent and stamped when done, in order:
 *
 *   signOut → subscriptions → seat → auth → documents → mail   (state `requested` → `erased`)
 *   then, by the sweep, once the seat is deactivated and the mail is out: `closed`
 *
 * A crash anywhere leaves the record `requested` with the steps done so far; the callable's retry or the
 * sweep (`resumeAccountDeletions`) runs the rest. Two runs at once are safe: Stripe calls carry
 * idempotency keys, the seat and the mail are transactions, erasure finds what is left. The confirmation
 * mail is queued in the same transaction that marks the last step, under a key derived from the account,
 * so it exists once whatever happens.
 */
export interface DeletionDeps extends MemberDeps {
  stripe: Stripe;
  seats: SeatManager | null;
}

type DeletionRecord = AccountDeletionDoc<Timestamp>;

const recordRef = (db: Firestore, uid: string) => db.collection(ACCOUNT_DELETIONS).doc(uid);

const isUserNotFound = (err: unknown) => (err as { code?: string }).code === 'auth/user-not-found';

/**
 * Records the request (once: asking again answers the deletion already under way). The address is taken
 * from the Auth account, else the member document, so the confirmation reaches the address they had.
 */
export async function requestAccountDeletion(
  deps: DeletionDeps,
  uid: string,
  by: { kind: 'self' | 'admin'; uid: string },
): Promise<DeletionState> {
  const ref = recordRef(deps.db, uid);
  const existing = await ref.get();
  if (existing.exists) return existing.get('state') as DeletionState;
  const [user, member] = await Promise.all([
    deps.auth.getUser(uid).catch((err: unknown) => {
      if (isUserNotFound(err)) return null;
      throw err;
    }),
    deps.db.collection(MEMBERS).doc(uid).get(),
  ]);
  if (!user && !member.exists) throw new Refusal('not-found', `No member with the uid ${uid}`);
  const email = String(user?.email ?? member.get('email') ?? '');
  const record: DeletionRecord = {
    uid,
    email,
    emailHash: addressHash(email),
    by: by.kind,
    requestedBy: by.uid,
    requestedAt: Timestamp.fromDate(deps.now()),
    state: 'requested',
    steps: {},
    stripeCustomerId: (member.get('stripeCustomerId') as string | undefined) ?? null,
    // Member mail goes to verified addresses only (`mayReceiveMail`); the confirmation too.
    emailVerified: user ? user.emailVerified : mayReceiveMail(member.data() ?? {}),
  };
  return deps.db.runTransaction(async (tx) => {
    const again = await tx.get(ref);
    if (again.exists) return again.get('state') as DeletionState;
    tx.create(ref, record);
    return 'requested';
  });
}

/** Runs the steps not done yet; returns the state reached. Throws when a step failed (the sweep retries). */
export async function runAccountDeletion(deps: DeletionDeps, uid: string): Promise<DeletionState> {
  const ref = recordRef(deps.db, uid);
  const snap = await ref.get();
  if (!snap.exists) throw new Refusal('not-found', `No deletion was requested for ${uid}`);
  let record = snap.data() as DeletionRecord;
  for (const step of stepsLeft(record.steps)) {
    try {
      const extra = await STEPS[step](deps, record);
      if (step === 'mail') return 'erased'; // stamped in its own transaction
      await ref.update({ [`steps.${step}`]: Timestamp.fromDate(deps.now()), lastError: null, ...extra });
      record = { ...record, ...extra, steps: { ...record.steps, [step]: Timestamp.fromDate(deps.now()) } };
    } catch (err) {
      const message = `${step}: ${(err as Error).message}`;
      logger.warn(`account deletion ${uid} stopped at ${message}; the sweep resumes it`);
      await ref
        .update({ lastError: message })
        .catch((e: unknown) => logger.warn(`account deletion ${uid}: lastError not recorded`, { error: String(e) }));
      throw err;
    }
  }
  return record.state;
}

/** A step's work; what it returns is stored on the record with its stamp. */
type StepRun = (deps: DeletionDeps, record: DeletionRecord) => Promise<Partial<DeletionRecord>>;

const STEPS: Record<DeletionStep, StepRun> = {
  /** Sign-in stops and refresh tokens die at once, so no device acts for the member meanwhile. */
  async signOut(deps, { uid }) {
    try {
      await deps.auth.updateUser(uid, { disabled: true });
      await deps.auth.revokeRefreshTokens(uid);
    } catch (err) {
      if (!isUserNotFound(err)) throw err;
    }
    return {};
  },

  /**
   * Open Checkout sessions are expired first, so a tab left open cannot start a subscription after the
   * account is gone. Every subscription that may still bill is cancelled now (not at period end), without proration:
   * Stripe sends `customer.subscription.deleted`, which the webhook acknowledges. The customer stays for
   * the accounts (invoices, refunds, disputes); its `firebaseUID` metadata then names no member.
   */
  async subscriptions(deps, { uid, stripeCustomerId }) {
    if (!stripeCustomerId) return { cancelled: [] };
    await expireOpenSessions(deps.stripe, stripeCustomerId);
    const cancelled: string[] = [];
    const subs = await deps.stripe.subscriptions.list({ customer: stripeCustomerId, status: 'all', limit: 100 });
    for (const sub of subscriptionsToCancel(subs.data)) {
      await deps.stripe.subscriptions.cancel(sub.id, {}, { idempotencyKey: `commons-delete-${uid}-${sub.id}` });
      cancelled.push(sub.id);
    }
    return { cancelled };
  },

  async seat(deps, { uid }) {
    await releaseSeatOfDeletedMember(deps, uid);
    return {};
  },

  /** After this no token can be refreshed and `refreshEntitlement` fails, so nothing writes the member again. */
  async auth(deps, { uid }) {
    await deps.auth.deleteUser(uid).catch((err: unknown) => {
      if (!isUserNotFound(err)) throw err;
    });
    return {};
  },

  async documents(deps, { uid, email }) {
    const counts = await eraseMemberData(deps, { uid, email: email ?? '' });
    logger.info(`account deletion ${uid}: documents erased`, counts);
    return {};
  },

  /** The confirmation, queued with the last stamp in one transaction; the record forgets the address. */
  async mail(deps, { uid }) {
    const ref = recordRef(deps.db, uid);
    const key = deletionMailKey(uid);
    await deps.db.runTransaction(async (tx) => {
      const current = (await tx.get(ref)).data() as DeletionRecord | undefined;
      if (!current || current.steps.mail) return;
      const now = deps.now();
      if (current.email && current.emailVerified !== false) {
        const data = { cancelledSubscription: (current.cancelled ?? []).length > 0 };
        queueMail(deps.db, tx, { key, to: current.email, uid, template: 'account-deleted', data }, now);
      }
      tx.update(ref, {
        'steps.mail': Timestamp.fromDate(now),
        state: 'erased' satisfies DeletionState,
        mailKey: key,
        email: FieldValue.delete(),
        lastError: null,
      });
    });
    return {};
  },
};

const FINAL_MAIL_STATES: ReadonlySet<MailState> = new Set(['sent', 'failed', 'skipped']);

/**
 * Closes an erased deletion once nothing of the member is left to wait for: the seat deactivated (then
 * erased) and the confirmation mail out (then erased, its outcome kept on the record). Also deletes a
 * member document that a write racing the erasure put back (a webhook's entitlement refresh that read
 * the Auth user just before it was deleted).
 */
export async function closeAccountDeletion(deps: DeletionDeps, uid: string): Promise<DeletionState> {
  const { db } = deps;
  const ref = recordRef(db, uid);
  const record = (await ref.get()).data() as DeletionRecord | undefined;
  if (!record || record.state !== 'erased') return record?.state ?? 'requested';
  const member = db.collection(MEMBERS).doc(uid);
  if ((await member.get()).exists) {
    logger.warn(`account deletion ${uid}: the member document came back; erasing it again`);
    await db.recursiveDelete(member);
  }
  const seatRef = db.collection(COMMUNITY).doc(uid);
  const mailRef = db.collection(MAIL).doc(record.mailKey ?? deletionMailKey(uid));
  const [seat, mail] = await db.getAll(seatRef, mailRef);
  const seatPending = seat!.exists && seat!.get('state') !== 'deactivated';
  const mailState = mail!.exists ? (mail!.get('state') as MailState) : null;
  if (seatPending || (mailState !== null && !FINAL_MAIL_STATES.has(mailState))) return 'erased';
  return db.runTransaction(async (tx): Promise<DeletionState> => {
    tx.delete(seatRef);
    tx.delete(mailRef);
    tx.update(ref, { state: 'closed', closedAt: Timestamp.fromDate(deps.now()), mailState: mailState ?? 'none' });
    return 'closed';
  });
}

/**
 * The scheduled sweep: resumes deletions still `requested` a while after their request (the callable runs
 * them at once; this is for a crash or a failed step) and closes erased ones. One failure does not stop it.
 */
export async function resumeAccountDeletions(
  deps: DeletionDeps,
  opts: { settleMs?: number; limit?: number } = {},
): Promise<{ resumed: string[]; closed: string[]; failed: string[] }> {
  const settleMs = opts.settleMs ?? 2 * 60_000;
  const limit = opts.limit ?? 100;
  const out = { resumed: [] as string[], closed: [] as string[], failed: [] as string[] };
  const before = Timestamp.fromMillis(deps.now().getTime() - settleMs);
  const deletions = deps.db.collection(ACCOUNT_DELETIONS);
  const [requested, erased] = await Promise.all([
    deletions.where('state', '==', 'requested').where('requestedAt', '<=', before).limit(limit).get(),
    deletions.where('state', '==', 'erased').limit(limit).get(),
  ]);
  for (const doc of requested.docs) {
    try {
      await runAccountDeletion(deps, doc.id);
      out.resumed.push(doc.id);
    } catch (err) {
      logger.warn(`account deletion ${doc.id}: resume failed`, { error: String(err) });
      out.failed.push(doc.id);
    }
  }
  for (const doc of new Set([...erased.docs.map((d) => d.id), ...out.resumed])) {
    try {
      if ((await closeAccountDeletion(deps, doc)) === 'closed') out.closed.push(doc);
    } catch (err) {
      logger.warn(`account deletion ${doc}: close failed`, { error: String(err) });
      out.failed.push(doc);
    }
  }
  return out;
}

import { logger } from 'firebase-functions';
import { Timestamp, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { Settings } from '../app/settings';
import { Refusal } from '../domain/refusal';
import { afterBounce, bounceKind, normaliseEmail, suppressionId, type SuppressionState } from '../domain/suppression';
import { SUPPRESSIONS, type SuppressionDoc, type SuppressionReason } from '../shared/suppressions';

// The suppression list: one document per address (`suppressions/{sha256(address)}`), changed by bounce and
// complaint records in a transaction with their ledger entry, read by the newsletter sender and the outbox.

/** The processed-event ledger the Stripe webhook writes too (`webhookEvents/{provider}_{id}`). */
const WEBHOOK_LEDGER = 'webhookEvents';

export interface SuppressionDeps {
  db: Firestore;
  now: () => Date;
  settings: Pick<Settings, 'softBounceLimit' | 'softBounceWindowDays'>;
}

/** One bounce or spam complaint as the provider reported it (Postmark's fields, checked). */
export interface BounceRecord {
  /** The provider's record id: the idempotency key. */
  id: string;
  recordType: 'Bounce' | 'SpamComplaint';
  type: string;
  email: string;
  at: Date;
  description: string;
}

export type BounceOutcome = 'duplicate' | 'ignored' | 'counted' | 'suppressed' | 'already-suppressed';

type Stored = SuppressionDoc<Timestamp>;

const refOf = (db: Firestore, email: string) => db.collection(SUPPRESSIONS).doc(suppressionId(email));

const stateOf = (doc: Stored | undefined): SuppressionState | null =>
  doc
    ? { suppressed: doc.suppressed, reason: doc.reason, softBounces: doc.softBounces.map((t) => t.toMillis()) }
    : null;

/**
 * Applies one record exactly once: in one transaction, a record already in the ledger changes nothing;
 * otherwise the entry moves as `afterBounce` decides and the ledger entry is created with it, so a replay,
 * a retry after a crash or two deliveries at once cannot count a soft bounce twice.
 */
export async function recordBounce(deps: SuppressionDeps, record: BounceRecord): Promise<BounceOutcome> {
  const ledger = deps.db.collection(WEBHOOK_LEDGER).doc(`postmark_${record.id}`);
  const ref = refOf(deps.db, record.email);
  const kind = bounceKind(record.recordType, record.type);
  const policy = {
    limit: deps.settings.softBounceLimit,
    windowMs: deps.settings.softBounceWindowDays * 24 * 60 * 60 * 1000,
  };
  const outcome = await deps.db.runTransaction(async (tx): Promise<BounceOutcome> => {
    const [seen, snap] = await Promise.all([tx.get(ledger), tx.get(ref)]);
    if (seen.exists) return 'duplicate';
    const current = snap.data() as Stored | undefined;
    const now = Timestamp.fromDate(deps.now());
    const before = stateOf(current);
    const { state, suppressedNow } = afterBounce(before, kind, record.at.getTime(), policy);
    const result: BounceOutcome =
      kind === 'ignored'
        ? 'ignored'
        : before?.suppressed
          ? 'already-suppressed'
          : suppressedNow
            ? 'suppressed'
            : 'counted';
    if (result === 'counted' || result === 'suppressed') {
      const doc: Stored = {
        email: normaliseEmail(record.email),
        suppressed: state.suppressed,
        reason: state.reason,
        suppressedAt: suppressedNow ? now : (current?.suppressedAt ?? null),
        softBounces: state.softBounces.map((ms) => Timestamp.fromMillis(ms)),
        lastEvent: {
          id: record.id,
          recordType: record.recordType,
          type: record.type,
          at: Timestamp.fromDate(record.at),
          description: record.description,
        },
        liftedAt: current?.liftedAt ?? null,
        liftedBy: current?.liftedBy ?? null,
        updatedAt: now,
      };
      tx.set(ref, doc);
    }
    tx.create(ledger, {
      provider: 'postmark',
      type: `${record.recordType}/${record.type}`,
      suppressionId: ref.id,
      outcome: result,
      processedAt: now,
    });
    return result;
  });
  logger.info(`Postmark ${record.recordType} ${record.id} (${record.type}): ${outcome}`, { suppressionId: ref.id });
  return outcome;
}

/** Why `email` is suppressed, or null; inside a transaction when one is given (the outbox's claim). */
export async function suppressionOf(db: Firestore, email: string, tx?: Transaction): Promise<SuppressionReason | null> {
  const ref = refOf(db, email);
  const doc = (tx ? await tx.get(ref) : await ref.get()).data() as Stored | undefined;
  return doc?.suppressed ? doc.reason : null;
}

/** The suppressed ones among `emails` (one read each, in one round trip), by the address as given. */
export async function suppressedAmong(db: Firestore, emails: string[]): Promise<Map<string, SuppressionReason>> {
  const wanted = [...new Set(emails.filter(Boolean))];
  const found = new Map<string, SuppressionReason>();
  if (wanted.length === 0) return found;
  const snaps = await db.getAll(...wanted.map((email) => refOf(db, email)));
  snaps.forEach((snap, i) => {
    const doc = snap.data() as Stored | undefined;
    if (doc?.suppressed && doc.reason) found.set(wanted[i]!, doc.reason);
  });
  return found;
}

/**
 * An admin lifts an entry: mail may go to the address again and soft bounces count from zero; the entry
 * stays with who lifted it and when. Lifting an entry that is not suppressed changes nothing.
 */
export async function liftSuppression(
  deps: Pick<SuppressionDeps, 'db' | 'now'>,
  id: string,
  by: string,
): Promise<{ id: string; email: string; lifted: boolean }> {
  const ref = deps.db.collection(SUPPRESSIONS).doc(id);
  return deps.db.runTransaction(async (tx) => {
    const doc = (await tx.get(ref)).data() as Stored | undefined;
    if (!doc) throw new Refusal('not-found', 'No such address on the suppression list');
    if (!doc.suppressed) return { id, email: doc.email, lifted: false };
    const now = Timestamp.fromDate(deps.now());
    tx.update(ref, {
      suppressed: false,
      reason: null,
      softBounces: [],
      liftedAt: now,
      liftedBy: by,
      updatedAt: now,
    });
    logger.info(`Suppression ${id} lifted by ${by}`);
    return { id, email: doc.email, lifted: true };
  });
}

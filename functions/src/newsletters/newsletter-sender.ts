import { logger } from 'firebase-functions';
import { FieldValue, Timestamp, type DocumentSnapshot, type Firestore } from 'firebase-admin/firestore';
import { audienceRank, batchesOf, unsubscribeToken } from '../domain/newsletter';
import { readTiers } from '../app/tiers-config';
import type { MailTransport } from '../adapters/mail';
import type { Settings } from '../app/settings';
import { isAlreadyExists } from '../app/firebase';
import type { OutgoingEmail } from '../shared/mail';
import { SIGNED_IN_RANK } from '../shared/defaults';
import { MEMBERS, mayReceiveMail } from '../shared/members';
import { NEWSLETTER_BATCHES, NEWSLETTER_DELIVERIES, NEWSLETTERS, type NewsletterDoc } from '../shared/newsletters';
import { MATERIALS } from '../shared/materials';
import { emailLink } from '../mail/email-links';
import { newsletterHeaders } from '../mail/mail-headers';
import { suppressedAmong } from '../mail/suppression-store';
import { personalize, renderNewsletter, type RenderedIssue } from './render-newsletter';

/** Recipients per batch document (one claim, one ledger commit); the transport splits further. */
export const BATCH_SIZE = 500;
/** A claimed batch not finished within this time belongs to a worker that died. */
export const CLAIM_LEASE_MS = 10 * 60 * 1000;

/** The sender, the app's links (the unsubscribe link is on the app's domain) with their signing secret, the footer's address. */
export type NewsletterSettings = Pick<Settings, 'from' | 'appUrl' | 'unsubscribeSecret' | 'postalAddress'>;

export interface SenderDeps {
  db: Firestore;
  transport: MailTransport;
  now: () => Date;
  settings: NewsletterSettings;
  /** Recipients per batch document; default BATCH_SIZE. */
  batchSize?: number;
  /** Test hook: called after each batch is recorded (a crash test throws from here). */
  afterBatch?: (batchId: string) => void | Promise<void>;
}

type Issue = NewsletterDoc<Timestamp>;
interface BatchDoc {
  uids: string[];
  status: 'pending' | 'claimed' | 'done';
  claimedAt: Timestamp | null;
  attempts: number;
}

const uidOf = (message: OutgoingEmail) => message.id.slice(message.id.indexOf(':') + 1);
const newsletterRef = (db: Firestore, id: string) => db.collection(NEWSLETTERS).doc(id);

export function unsubscribeUrl(settings: NewsletterSettings, uid: string): string {
  return emailLink(settings.appUrl, 'unsubscribe', { u: uid, t: unsubscribeToken(uid, settings.unsubscribeSecret) });
}

/** The rendered issue as one member receives it: their unsubscribe link, List-Id, Feedback-ID. */
export function newsletterCopy(settings: NewsletterSettings, issueId: string, rendered: RenderedIssue, uid: string) {
  const copy = personalize(rendered, unsubscribeUrl(settings, uid));
  return { ...copy, headers: { ...copy.headers, ...newsletterHeaders(issueId, settings.from) } };
}

/**
 * Start a due issue: claim it (scheduled -> sending, in a transaction so two dispatchers cannot both
 * start it), resolve the recipients now (newsletters on, rank at least the audience's), and write the
 * batch documents. Idempotent: a crash half-way leaves `sending` with missing batches, and running it
 * again creates only the missing ones.
 */
export async function startNewsletter(
  deps: SenderDeps,
  id: string,
): Promise<{ recipients: number; batches: number } | null> {
  const ref = newsletterRef(deps.db, id);
  const claimed = await deps.db.runTransaction(async (tx) => {
    const issue = (await tx.get(ref)).data() as Issue | undefined;
    if (!issue) return null;
    if (issue.status === 'scheduled') {
      if (issue.scheduledAt && issue.scheduledAt.toMillis() > deps.now().getTime()) return null;
      tx.update(ref, { status: 'sending', startedAt: Timestamp.fromDate(deps.now()) });
      return issue;
    }
    return issue.status === 'sending' && issue.stats.batches === 0 ? issue : null; // resume a crashed start
  });
  if (!claimed) return null;

  const tiers = await readTiers(deps.db);
  const minRank = audienceRank(tiers, claimed.audience);
  if (minRank === undefined) {
    await ref.update({
      status: 'failed',
      error: `Unknown audience "${claimed.audience}"`,
      finishedAt: Timestamp.fromDate(deps.now()),
    });
    return null;
  }
  const members = await deps.db
    .collection(MEMBERS)
    .where('emailPrefs.newsletter', '==', true)
    .where('rank', '>=', minRank)
    .select()
    .get();
  const uids = members.docs.map((d) => d.id).sort();
  const batches = batchesOf(uids, deps.batchSize ?? BATCH_SIZE);
  const writer = deps.db.bulkWriter();
  batches.forEach((batch, n) => {
    const doc: BatchDoc = { uids: batch, status: 'pending', claimedAt: null, attempts: 0 };
    writer
      .create(ref.collection(NEWSLETTER_BATCHES).doc(`b${String(n).padStart(5, '0')}`), doc)
      .catch((err: unknown) => {
        if (!isAlreadyExists(err)) throw err; // else written before a crash
      });
  });
  await writer.close();
  await ref.update({
    'stats.recipients': uids.length,
    'stats.batches': batches.length,
    ...(batches.length === 0 ? { status: 'sent', finishedAt: Timestamp.fromDate(deps.now()) } : {}),
  });
  return { recipients: uids.length, batches: batches.length };
}

/** Claim a batch: pending, or claimed by a worker whose lease ran out. Null when someone else has it. */
async function claimBatch(deps: SenderDeps, id: string, batchId: string): Promise<BatchDoc | null> {
  const ref = newsletterRef(deps.db, id).collection(NEWSLETTER_BATCHES).doc(batchId);
  return deps.db.runTransaction(async (tx) => {
    const batch = (await tx.get(ref)).data() as BatchDoc | undefined;
    if (!batch || batch.status === 'done') return null;
    const now = deps.now().getTime();
    if (batch.status === 'claimed' && batch.claimedAt && now - batch.claimedAt.toMillis() < CLAIM_LEASE_MS) return null;
    tx.update(ref, { status: 'claimed', claimedAt: Timestamp.fromMillis(now), attempts: batch.attempts + 1 });
    return batch;
  });
}

/** Material link of the issue, if it names a published material. */
async function materialLink(deps: SenderDeps, issue: Issue) {
  if (!issue.materialId) return null;
  const snap = await deps.db.collection(MATERIALS).doc(issue.materialId).get();
  if (snap.get('status') !== 'published') return null;
  return { title: String(snap.get('title')), url: `${deps.settings.appUrl}/materials/${issue.materialId}` };
}

/**
 * Send one batch exactly once per recipient. The ledger `deliveries/{uid}` is created as `sending`
 * before the provider call (a create fails if any worker got there first), then set to sent/failed.
 * A worker that dies between those steps leaves `sending`: the recipient is not mailed again
 * (at-most-once, as Ghost does), and the dispatcher's resume reports them.
 */
export async function sendBatch(
  deps: SenderDeps,
  id: string,
  batchId: string,
): Promise<{ sent: number; failed: number; skipped: number } | null> {
  const batch = await claimBatch(deps, id, batchId);
  if (!batch) return null;
  const ref = newsletterRef(deps.db, id);
  const issue = (await ref.get()).data() as Issue;
  const tiers = await readTiers(deps.db);
  const links = {
    appUrl: deps.settings.appUrl,
    preferencesUrl: `${deps.settings.appUrl}/account`,
    material: await materialLink(deps, issue),
    postalAddress: deps.settings.postalAddress,
  };

  const deliveries = ref.collection(NEWSLETTER_DELIVERIES);
  const ledger = await deps.db.getAll(...batch.uids.map((uid) => deliveries.doc(uid)));
  const todo = batch.uids.filter((_, i) => !ledger[i]?.exists);
  const members = todo.length ? await deps.db.getAll(...todo.map((uid) => deps.db.collection(MEMBERS).doc(uid))) : [];
  // Addresses that bounced for good or complained (the suppression list), as it is now.
  const suppressed = await suppressedAmong(
    deps.db,
    members.map((m) => String(m.get('email') ?? '')),
  );
  const byRank = new Map<number, RenderedIssue>();
  const messages: OutgoingEmail[] = [];
  const claim = deps.db.batch();
  let skipped = 0;
  for (const member of members) {
    const reason = skipReason(member, suppressed);
    if (reason) {
      // In the ledger, so the admin sees why, the progress still reaches 100 % and a retry of the batch does
      // not look at them (or count them) again.
      claim.create(deliveries.doc(member.id), { status: 'skipped', error: reason, at: Timestamp.fromDate(deps.now()) });
      skipped++;
      continue;
    }
    const rank = Number(member.get('rank') ?? SIGNED_IN_RANK);
    let rendered = byRank.get(rank);
    if (!rendered) byRank.set(rank, (rendered = renderNewsletter(issue, rank, tiers, links)));
    const copy = newsletterCopy(deps.settings, id, rendered, member.id);
    messages.push({
      ...copy,
      id: `${id}:${member.id}`,
      to: String(member.get('email')),
      from: deps.settings.from,
      stream: 'newsletter',
    });
    claim.create(deliveries.doc(member.id), { status: 'sending', at: Timestamp.fromDate(deps.now()) });
  }
  await claim.commit();

  let sent = 0;
  let failed = 0;
  const record = deps.db.batch();
  const chunks = batchesOf(messages, deps.transport.maxBatch);
  for (const [n, chunk] of chunks.entries()) {
    let results;
    try {
      results = await deps.transport.sendBatch(chunk);
    } catch (err) {
      // The provider took nothing from this chunk on: release those recipients and the batch, keep what
      // was sent, and let the retry (trigger or dispatcher) pick the rest up.
      for (const m of chunks.slice(n).flat()) record.delete(deliveries.doc(uidOf(m)));
      record.update(ref.collection(NEWSLETTER_BATCHES).doc(batchId), { status: 'pending', claimedAt: null });
      record.update(ref, {
        'stats.sent': FieldValue.increment(sent),
        'stats.failed': FieldValue.increment(failed),
        'stats.skipped': FieldValue.increment(skipped),
      });
      await record.commit();
      throw err;
    }
    results.forEach((r, i) => {
      if (r.ok) sent++;
      else failed++;
      record.update(deliveries.doc(uidOf(chunk[i]!)), {
        status: r.ok ? 'sent' : 'failed',
        providerId: r.providerId ?? null,
        error: r.error ?? null,
        at: Timestamp.fromDate(deps.now()),
      });
    });
  }
  record.update(ref.collection(NEWSLETTER_BATCHES).doc(batchId), { status: 'done' });
  record.update(ref, {
    'stats.sent': FieldValue.increment(sent),
    'stats.failed': FieldValue.increment(failed),
    'stats.skipped': FieldValue.increment(skipped),
    'stats.batchesDone': FieldValue.increment(1),
  });
  await record.commit();
  await finishIfDone(deps, id);
  await deps.afterBatch?.(batchId);
  return { sent, failed, skipped };
}

/**
 * Why a recipient of a batch gets no copy, or null: preferences, verified address and account as they are
 * now, not when the batch was cut; then the suppression list.
 */
function skipReason(member: DocumentSnapshot, suppressed: Map<string, string>): string | null {
  if (!member.exists) return 'no longer a member';
  if (member.get('emailPrefs.newsletter') === false) return 'unsubscribed';
  if (!mayReceiveMail(member.data() ?? {})) return 'address not verified';
  const reason = suppressed.get(String(member.get('email')));
  return reason ? `suppressed: ${reason}` : null;
}

/** The last batch marks the issue sent. */
async function finishIfDone(deps: SenderDeps, id: string) {
  const ref = newsletterRef(deps.db, id);
  await deps.db.runTransaction(async (tx) => {
    const issue = (await tx.get(ref)).data() as Issue | undefined;
    if (issue?.status === 'sending' && issue.stats.batches > 0 && issue.stats.batchesDone >= issue.stats.batches) {
      tx.update(ref, { status: 'sent', finishedAt: Timestamp.fromDate(deps.now()) });
    }
  });
}

/**
 * The dispatcher's pass (every minute, and right after "Send now"): start due issues and send every
 * batch that is pending or whose worker died. Safe to run concurrently with itself and the triggers.
 */
export async function dispatchNewsletters(deps: SenderDeps): Promise<{ started: number; batches: number }> {
  const now = Timestamp.fromDate(deps.now());
  const due = await deps.db.collection(NEWSLETTERS).where('status', 'in', ['scheduled', 'sending']).get();
  let started = 0;
  let batches = 0;
  for (const doc of due.docs) {
    const issue = doc.data() as Issue;
    if (issue.status === 'scheduled' && issue.scheduledAt && issue.scheduledAt > now) continue;
    if (await startNewsletter(deps, doc.id)) started++;
    const open = await doc.ref.collection(NEWSLETTER_BATCHES).where('status', 'in', ['pending', 'claimed']).get();
    for (const b of open.docs) {
      if (await sendBatch(deps, doc.id, b.id)) batches++;
    }
    await finishIfDone(deps, doc.id);
  }
  if (started || batches) logger.info(`Newsletters: ${started} started, ${batches} batches sent`);
  return { started, batches };
}

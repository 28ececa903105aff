// Showcase submissions and their moderation: each one transaction over the teaser and its gated links, so
// both always agree; refused with a reason the member or admin can act on.
import type { DocumentReference, Firestore, Timestamp } from 'firebase-admin/firestore';
import { loadTiers } from '../app/tiers-config';
import { Refusal } from '../domain/refusal';
import { readerRank, type AccessClaims } from '../shared/access';
import { DEFAULT_SHOWCASE_ACCESS } from '../shared/defaults';
import { CONFIG, MEMBERS, type MemberDoc } from '../shared/members';
import {
  MAX_PENDING_SHOWCASE,
  SHOWCASE,
  SHOWCASE_CONFIG_DOC,
  SHOWCASE_GATED,
  SHOWCASE_LINKS,
  showcaseDocs,
  type ShowcaseConfig,
  type ShowcaseInput,
  type ShowcaseProject,
  type ShowcaseStatus,
} from '../shared/showcase';
import { accessLabel, rankOf } from '../shared/tiers';

export interface ShowcaseDeps {
  db: Firestore;
  now: () => Date;
}

const refsOf = (db: Firestore, id: string) => {
  const teaser = db.collection(SHOWCASE).doc(id);
  return { teaser, links: teaser.collection(SHOWCASE_GATED).doc(SHOWCASE_LINKS) };
};

/** The access level that may submit: `config/showcase`, else the seed default. */
export async function showcaseAccess(db: Firestore): Promise<string> {
  const config = (await db.collection(CONFIG).doc(SHOWCASE_CONFIG_DOC).get()).data() as ShowcaseConfig | undefined;
  return typeof config?.access === 'string' && config.access ? config.access : DEFAULT_SHOWCASE_ACCESS;
}

/**
 * Submits a new project (`id` null) or replaces the member's own pending one. The member's plan must reach the
 * showcase's level (`config/showcase`), or be an admin; the chosen access level must be one of the tiers (or public).
 */
export async function submitShowcaseProject(
  deps: ShowcaseDeps,
  uid: string,
  claims: AccessClaims,
  id: string | null,
  input: ShowcaseInput,
): Promise<{ id: string }> {
  const { db } = deps;
  const tiers = await loadTiers(db);
  const level = await showcaseAccess(db);
  const needed = rankOf(tiers, level);
  // Admins may submit too (a project of the community's own, or a demo).
  if (claims.admin !== true && (needed === undefined || readerRank(claims) < needed))
    throw new Refusal('permission-denied', `Submitting projects needs the ${accessLabel(tiers, level)} plan or higher`);
  const rank = rankOf(tiers, input.access);
  if (rank === undefined) throw new Refusal('invalid-argument', 'access: not a plan of this community');
  const refs = refsOf(db, id ?? db.collection(SHOWCASE).doc().id);
  return db.runTransaction(async (tx) => {
    const now = deps.now();
    const member = (await tx.get(db.collection(MEMBERS).doc(uid))).data() as MemberDoc | undefined;
    const author = { uid, name: member?.name?.trim() || 'A member' };
    if (id) {
      const existing = (await tx.get(refs.teaser)).data() as ShowcaseProject<Timestamp> | undefined;
      if (!existing || existing.uid !== uid) throw new Refusal('not-found', 'No such submission of yours');
      if (existing.status !== 'pending')
        throw new Refusal(
          'failed-precondition',
          `This submission is ${existing.status}: only pending ones can be edited`,
        );
      const docs = showcaseDocs<Timestamp | Date>(input, author, rank, {
        submittedAt: existing.submittedAt,
        updatedAt: now,
      });
      tx.set(refs.teaser, docs.teaser);
      tx.set(refs.links, docs.links);
    } else {
      const pending = await tx.get(
        db.collection(SHOWCASE).where('uid', '==', uid).where('status', '==', 'pending').limit(MAX_PENDING_SHOWCASE),
      );
      if (pending.size >= MAX_PENDING_SHOWCASE)
        throw new Refusal(
          'resource-exhausted',
          `You have ${MAX_PENDING_SHOWCASE} submissions waiting for review: wait for those first`,
        );
      const docs = showcaseDocs(input, author, rank, { submittedAt: now, updatedAt: now });
      tx.create(refs.teaser, docs.teaser);
      tx.create(refs.links, docs.links);
    }
    return { id: refs.teaser.id };
  });
}

/** The status of both documents, changed together. */
function setStatus(
  tx: FirebaseFirestore.Transaction,
  refs: { teaser: DocumentReference; links: DocumentReference },
  teaser: Partial<ShowcaseProject<Date>>,
  status: ShowcaseStatus,
) {
  tx.update(refs.teaser, { ...teaser, status });
  tx.update(refs.links, { status });
}

/** The member takes back their own pending submission (kept as `withdrawn` in their list). */
export async function withdrawShowcaseProject(deps: ShowcaseDeps, uid: string, id: string): Promise<{ id: string }> {
  const refs = refsOf(deps.db, id);
  return deps.db.runTransaction(async (tx) => {
    const existing = (await tx.get(refs.teaser)).data() as ShowcaseProject<Timestamp> | undefined;
    if (!existing || existing.uid !== uid) throw new Refusal('not-found', 'No such submission of yours');
    if (existing.status !== 'pending')
      throw new Refusal(
        'failed-precondition',
        `This submission is ${existing.status}: only pending ones can be withdrawn`,
      );
    setStatus(tx, refs, { updatedAt: deps.now() }, 'withdrawn');
    return { id };
  });
}

/**
 * An admin approves a pending project (listed from then on) or rejects a pending or approved one with a reason
 * (an approved one is taken down). A withdrawn or rejected one cannot be moderated again.
 */
export async function moderateShowcaseProject(
  deps: ShowcaseDeps,
  id: string,
  decision: 'approve' | 'reject',
  reason: string,
): Promise<{ id: string; status: ShowcaseStatus }> {
  const refs = refsOf(deps.db, id);
  return deps.db.runTransaction(async (tx) => {
    const existing = (await tx.get(refs.teaser)).data() as ShowcaseProject<Timestamp> | undefined;
    if (!existing) throw new Refusal('not-found', 'No such submission');
    const now = deps.now();
    if (decision === 'approve') {
      if (existing.status !== 'pending')
        throw new Refusal(
          'failed-precondition',
          `This submission is ${existing.status}: only pending ones can be approved`,
        );
      setStatus(tx, refs, { updatedAt: now, approvedAt: now, reason: null }, 'approved');
      return { id, status: 'approved' as const };
    }
    if (existing.status !== 'pending' && existing.status !== 'approved')
      throw new Refusal('failed-precondition', `This submission is ${existing.status}: it cannot be rejected`);
    setStatus(tx, refs, { updatedAt: now, reason }, 'rejected');
    return { id, status: 'rejected' as const };
  });
}

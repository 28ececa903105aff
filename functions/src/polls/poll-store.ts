import {
  FieldValue,
  Timestamp,
  type DocumentReference,
  type Firestore,
  type Transaction,
} from 'firebase-admin/firestore';
import {
  ballotDiff,
  ballotProblem,
  isNoChange,
  labelKey,
  mergeOptions,
  shardFor,
  shardWrites,
  statusChangeProblem,
  sumShards,
} from '../domain/polls';
import { Refusal } from '../domain/refusal';
import { readerRank, tierNeeded, type AccessClaims } from '../shared/access';
import { COURSES } from '../shared/courses';
import type { PollInput } from '../shared/poll-schema';
import {
  MAX_PENDING_PROPOSALS,
  MAX_POLL_OPTIONS,
  POLL_PROPOSALS,
  POLL_TALLY_SHARDS,
  POLL_TALLY_SHARD_COUNT,
  POLL_VOTES,
  POLLS,
  pollAcceptsVotes,
  pollIsOver,
  resultsVisible,
  type PollBallot,
  type PollDoc,
  type PollProposal,
  type PollResults,
  type PollStatus,
  type PollTallyShard,
} from '../shared/polls';
import { rankOf, type TiersConfig } from '../shared/tiers';

export interface PollDeps {
  db: Firestore;
  now: () => Date;
}

type StoredPoll = PollDoc<Timestamp>;

const pollRef = (db: Firestore, id: string) => db.collection(POLLS).doc(id) as DocumentReference<StoredPoll>;
const shardRefs = (db: Firestore, id: string) =>
  Array.from({ length: POLL_TALLY_SHARD_COUNT }, (_, n) =>
    pollRef(db, id).collection(POLL_TALLY_SHARDS).doc(String(n)),
  );

/** The facts the shared predicates take, from a stored poll. */
const timing = (poll: StoredPoll) => ({
  status: poll.status,
  closesAtMs: poll.closesAt.toMillis(),
  resultsVisibility: poll.resultsVisibility,
});

/** The poll, or not-found; drafts are not-found unless `drafts` (admins). */
async function readPoll(tx: Transaction, db: Firestore, id: string, drafts = false): Promise<StoredPoll> {
  const snap = await tx.get(pollRef(db, id));
  const poll = snap.data();
  if (!poll || (!drafts && poll.status === 'draft')) throw new Refusal('not-found', 'No such poll');
  return poll;
}

function rankOrRefuse(tiers: TiersConfig, access: string): number {
  const rank = rankOf(tiers, access);
  if (rank === undefined) throw new Refusal('invalid-argument', `poll.access: Unknown access level "${access}"`);
  return rank;
}

/** Why this reader may not take part, naming the plan to upgrade to. Admins take part in every poll. */
function refuseBelowRank(tiers: TiersConfig, claims: AccessClaims, poll: StoredPoll): void {
  if (claims.admin === true || readerRank(claims) >= poll.rank) return;
  const tier = tierNeeded(tiers, { rank: poll.rank });
  throw new Refusal(
    'permission-denied',
    tier
      ? `This poll is for ${tier.name} members and up: upgrade to ${tier.name} to vote`
      : 'This poll is closed to every plan',
  );
}

/** The results members may see after this change (null while hidden), summed from the shards in the transaction. */
async function resultsIn(
  tx: Transaction,
  db: Firestore,
  id: string,
  poll: StoredPoll,
  nowMs: number,
): Promise<Pick<StoredPoll, 'results' | 'resultsWrites'>> {
  const shards = (await tx.getAll(...shardRefs(db, id))).map((s) => (s.data() ?? {}) as Partial<PollTallyShard>);
  return {
    results: resultsVisible(timing(poll), nowMs) ? sumShards(shards, poll.options) : null,
    resultsWrites: shardWrites(shards),
  };
}

/** Creates a draft poll or saves an admin's edit. Options keep their ids (and votes); none is removed once opened. */
export async function savePoll(
  deps: PollDeps,
  id: string | undefined,
  input: PollInput,
  tiers: TiersConfig,
  /** The new poll's id (the seed's fixed ids); an automatic one otherwise. */
  createAs?: string,
): Promise<string> {
  const { db } = deps;
  const rank = rankOrRefuse(tiers, input.access);
  const closesAt = Timestamp.fromDate(new Date(input.closesAt));
  const newId = () => db.collection(POLLS).doc().id;
  const fields = {
    kind: input.kind,
    question: input.question,
    description: input.description,
    access: input.access,
    rank,
    maxChoices: input.maxChoices,
    allowProposals: input.allowProposals,
    resultsVisibility: input.resultsVisibility,
    closesAt,
  };
  if (!id) {
    const options = mergeOptions([], input.options, false, newId);
    if (typeof options === 'string') throw new Refusal('invalid-argument', options);
    const ref = (createAs ? pollRef(db, createAs) : db.collection(POLLS).doc()) as DocumentReference<StoredPoll>;
    const now = Timestamp.fromDate(deps.now());
    await ref.create({
      ...fields,
      options,
      status: 'draft',
      results: null,
      resultsWrites: 0,
      chosenCourseSlug: null,
      openedAt: null,
      updatedAt: now,
    });
    return ref.id;
  }
  await db.runTransaction(async (tx) => {
    const before = await readPoll(tx, db, id, true);
    const options = mergeOptions(before.options, input.options, before.openedAt !== null, newId);
    if (typeof options === 'string') throw new Refusal('invalid-argument', options);
    const now = deps.now();
    const after: StoredPoll = { ...before, ...fields, options, updatedAt: Timestamp.fromDate(now) };
    if (after.status !== 'draft' && options.length < 2) {
      throw new Refusal('invalid-argument', 'options: An open poll needs at least two options');
    }
    tx.set(pollRef(db, id), { ...after, ...(await resultsIn(tx, db, id, after, now.getTime())) });
  });
  return id;
}

/** Opens, closes or reopens a poll (`statusChangeProblem`); the results shown follow the new status. */
export async function setPollStatus(deps: PollDeps, id: string, status: PollStatus): Promise<PollStatus> {
  const { db } = deps;
  return db.runTransaction(async (tx) => {
    const poll = await readPoll(tx, db, id, true);
    const now = deps.now();
    const problem = statusChangeProblem(
      poll.status,
      status,
      { closesAtMs: poll.closesAt.toMillis(), options: poll.options.length },
      now.getTime(),
    );
    if (problem) throw new Refusal('failed-precondition', problem);
    if (poll.status === status) return status;
    const stamp = Timestamp.fromDate(now);
    const after: StoredPoll = {
      ...poll,
      status,
      openedAt: poll.openedAt ?? (status === 'open' ? stamp : null),
      updatedAt: stamp,
    };
    tx.set(pollRef(db, id), { ...after, ...(await resultsIn(tx, db, id, after, now.getTime())) });
    return status;
  });
}

/**
 * Casts or changes a member's ballot (`optionIds` is the whole ballot; empty withdraws it). One transaction
 * reads the ballot and applies only the difference to the member's shard with increments, so concurrent
 * ballots never lose a count and a changed ballot is counted once. Answers the ballot as stored.
 *
 * The poll is read before the transaction, not in it: hundreds of ballots at once then hold no lock on the poll
 * document, which the results trigger writes. Options are never removed from an opened poll, so the check stays
 * true; a ballot racing the closing by milliseconds still counts, and the trigger copies it into the results.
 */
export async function castVote(
  deps: PollDeps,
  pollId: string,
  uid: string,
  claims: AccessClaims,
  optionIds: string[],
  tiers: TiersConfig,
): Promise<string[]> {
  const { db } = deps;
  const ballotRef = pollRef(db, pollId).collection(POLL_VOTES).doc(uid);
  const shardRef = shardRefs(db, pollId)[shardFor(uid)]!;
  const poll = (await pollRef(db, pollId).get()).data();
  if (!poll || poll.status === 'draft') throw new Refusal('not-found', 'No such poll');
  if (!pollAcceptsVotes(timing(poll), deps.now().getTime())) {
    throw new Refusal('failed-precondition', 'This poll is closed');
  }
  refuseBelowRank(tiers, claims, poll);
  const problem = ballotProblem(optionIds, poll.options, poll.maxChoices);
  if (problem) throw new Refusal('invalid-argument', problem);
  return db.runTransaction(async (tx) => {
    const now = deps.now();
    const snap = await tx.get(ballotRef);
    const before = snap.exists ? (snap.get('optionIds') as string[]) : null;
    const diff = ballotDiff(before, optionIds);
    if (isNoChange(diff)) return optionIds;
    const counts = Object.fromEntries(Object.entries(diff.counts).map(([id, d]) => [id, FieldValue.increment(d)]));
    tx.set(
      shardRef,
      { counts, ballots: FieldValue.increment(diff.ballots), writes: FieldValue.increment(1) },
      { merge: true },
    );
    if (optionIds.length === 0) tx.delete(ballotRef);
    else {
      const ballot: PollBallot<Date> = {
        optionIds,
        castAt: snap.exists ? (snap.get('castAt') as Date) : now,
        updatedAt: now,
      };
      tx.set(ballotRef, ballot);
    }
    return optionIds;
  });
}

/**
 * Copies the summed shards onto the poll as `results` while members may see them (null otherwise). Runs after
 * every shard write: the shards are read in one query (one snapshot), and a copy from fewer `writes` than the
 * poll already shows is dropped, so copies racing each other end on the newest.
 */
export async function refreshPollResults(deps: PollDeps, pollId: string): Promise<PollResults | null> {
  const { db } = deps;
  // Hidden and already null (an after-close poll while voting): nothing to copy, the shards are not even read.
  const first = (await pollRef(db, pollId).get()).data();
  if (!first || (first.results === null && !resultsVisible(timing(first), deps.now().getTime()))) return null;
  const shards = (await pollRef(db, pollId).collection(POLL_TALLY_SHARDS).get()).docs.map(
    (d) => d.data() as Partial<PollTallyShard>,
  );
  const writes = shardWrites(shards);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(pollRef(db, pollId));
    const poll = snap.data();
    if (!poll) return null;
    const visible = resultsVisible(timing(poll), deps.now().getTime());
    if (!visible) {
      if (poll.results !== null) tx.update(pollRef(db, pollId), { results: null });
      return null;
    }
    if (poll.results !== null && writes <= (poll.resultsWrites ?? 0)) return poll.results;
    const results = sumShards(shards, poll.options);
    tx.update(pollRef(db, pollId), { results, resultsWrites: writes });
    return results;
  });
}

/** A member proposes an option on an open poll that allows it: at most MAX_PENDING_PROPOSALS waiting at once. */
export async function proposeOption(
  deps: PollDeps,
  pollId: string,
  uid: string,
  claims: AccessClaims,
  label: string,
  tiers: TiersConfig,
): Promise<string> {
  const { db } = deps;
  const proposals = pollRef(db, pollId).collection(POLL_PROPOSALS);
  const ref = proposals.doc();
  return db.runTransaction(async (tx) => {
    const poll = await readPoll(tx, db, pollId);
    const now = deps.now();
    if (!pollAcceptsVotes(timing(poll), now.getTime())) throw new Refusal('failed-precondition', 'This poll is closed');
    if (!poll.allowProposals) throw new Refusal('failed-precondition', 'This poll takes no proposals');
    refuseBelowRank(tiers, claims, poll);
    const key = labelKey(label);
    if (poll.options.some((o) => labelKey(o.label) === key)) {
      throw new Refusal('already-exists', 'label: This option is already on the poll');
    }
    const pending = await tx.get(proposals.where('uid', '==', uid).where('status', '==', 'pending'));
    if (pending.docs.some((d) => labelKey(d.get('label') as string) === key)) {
      throw new Refusal('already-exists', 'label: You proposed this already');
    }
    if (pending.size >= MAX_PENDING_PROPOSALS) {
      throw new Refusal(
        'resource-exhausted',
        `You have ${MAX_PENDING_PROPOSALS} proposals waiting for review: wait for an admin to decide`,
      );
    }
    const proposal: PollProposal<Date> = { uid, label, status: 'pending', createdAt: now, decidedAt: null };
    tx.create(ref, proposal);
    return ref.id;
  });
}

/** An admin approves (the proposal becomes an option, its id the proposal's) or rejects a pending proposal. */
export async function moderateProposal(
  deps: PollDeps,
  pollId: string,
  proposalId: string,
  decision: 'approve' | 'reject',
  label: string | undefined,
): Promise<string | null> {
  const { db } = deps;
  const ref = pollRef(db, pollId).collection(POLL_PROPOSALS).doc(proposalId);
  return db.runTransaction(async (tx) => {
    const poll = await readPoll(tx, db, pollId, true);
    const snap = await tx.get(ref);
    const proposal = snap.data() as PollProposal | undefined;
    if (!proposal) throw new Refusal('not-found', 'No such proposal');
    if (proposal.status !== 'pending') throw new Refusal('failed-precondition', `This proposal was ${proposal.status}`);
    const now = deps.now();
    if (decision === 'reject') {
      tx.update(ref, { status: 'rejected', decidedAt: now });
      return null;
    }
    const optionLabel = label ?? proposal.label;
    if (poll.options.length >= MAX_POLL_OPTIONS) {
      throw new Refusal('failed-precondition', `This poll has ${MAX_POLL_OPTIONS} options already`);
    }
    if (poll.options.some((o) => labelKey(o.label) === labelKey(optionLabel))) {
      throw new Refusal('already-exists', 'label: This option is already on the poll');
    }
    const options = [...poll.options, { id: proposalId, label: optionLabel, proposedBy: proposal.uid }];
    const results = poll.results ? { ...poll.results, counts: { ...poll.results.counts, [proposalId]: 0 } } : null;
    tx.update(pollRef(db, pollId), { options, results, updatedAt: now });
    tx.update(ref, { status: 'approved', label: optionLabel, decidedAt: now });
    return proposalId;
  });
}

/** Points a closed mini-course poll at the mini-course it chose (null unlinks). */
export async function linkPollCourse(deps: PollDeps, pollId: string, slug: string | null): Promise<void> {
  const { db } = deps;
  await db.runTransaction(async (tx) => {
    const poll = await readPoll(tx, db, pollId, true);
    if (poll.kind !== 'mini-course') throw new Refusal('failed-precondition', 'Only a mini-course poll links a course');
    if (!pollIsOver(timing(poll), deps.now().getTime())) {
      throw new Refusal('failed-precondition', 'Close the poll before linking the course it chose');
    }
    if (slug !== null) {
      const course = await tx.get(db.collection(COURSES).doc(slug));
      if (!course.exists) throw new Refusal('not-found', `courseSlug: No course "${slug}"`);
      if (course.get('kind') !== 'mini')
        throw new Refusal('failed-precondition', `courseSlug: "${slug}" is not a mini-course`);
    }
    tx.update(pollRef(db, pollId), { chosenCourseSlug: slug, updatedAt: deps.now() });
  });
}

/** Closes polls whose closing time passed (so after-close results appear); bounded per run, resumable. */
export async function closeDuePolls(deps: PollDeps, limit = 50): Promise<string[]> {
  const { db } = deps;
  const now = deps.now();
  const due = await db
    .collection(POLLS)
    .where('status', '==', 'open')
    .where('closesAt', '<=', Timestamp.fromDate(now))
    .limit(limit)
    .get();
  const closed: string[] = [];
  for (const doc of due.docs) {
    await db.runTransaction(async (tx) => {
      const poll = await readPoll(tx, db, doc.id, true);
      if (poll.status !== 'open' || poll.closesAt.toMillis() > now.getTime()) return;
      const after: StoredPoll = { ...poll, status: 'closed', updatedAt: Timestamp.fromDate(now) };
      tx.set(pollRef(db, doc.id), { ...after, ...(await resultsIn(tx, db, doc.id, after, now.getTime())) });
      closed.push(doc.id);
    });
  }
  return closed;
}

// What the poll pages read and call: the list of open and closed polls (Firestore lite, like the catalog), one
// poll live (results move as members vote while they are shown), the member's own ballot and proposals; the
// admin pages' reads (drafts, proposals to moderate). Every write goes through the poll callables.
import type { DocumentData } from 'firebase/firestore';
import type { PollInput } from '@shared/poll-schema';
import {
  POLL_PROPOSALS,
  POLL_VOTES,
  POLLS,
  type PollBallot,
  type PollDoc,
  type PollProposal,
  type PollStatus,
} from '@shared/polls';
import { POLLS_LIMIT, PUBLIC_POLL_STATUSES, publicPoll, type PublicPoll } from '@shared/public-polls';
import { liveDoc, liveQuery } from '@/composables/live-sources';
import { callFunction, firestoreLite } from '@/lib/firebase';

type Stamp = { toMillis(): number; toDate(): Date };
const toPublic = (id: string, data: DocumentData): PublicPoll =>
  publicPoll(id, data as PollDoc<Stamp>, (t) => t.toMillis());

/** Open and closed polls, latest closing date first, as the server reads them (public-reader.ts). */
export async function readPolls(): Promise<PublicPoll[]> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDocs(
    sdk.query(
      sdk.collection(db, POLLS),
      sdk.where('status', 'in', [...PUBLIC_POLL_STATUSES]),
      sdk.orderBy('closesAt', 'desc'),
      sdk.limit(POLLS_LIMIT),
    ),
  );
  return snap.docs.map((d) => toPublic(d.id, d.data()));
}

/** One poll, live: options approved and results copied by functions arrive without a reload. */
export const livePoll = (id: string) => liveDoc((sdk, fdb) => sdk.doc(fdb, POLLS, id), toPublic);

/** The member's own ballot, live; null before they vote. */
export const liveBallot = (pollId: string, uid: string) =>
  liveDoc(
    (sdk, fdb) => sdk.doc(fdb, POLLS, pollId, POLL_VOTES, uid),
    (_id, data) => data as PollBallot<Stamp>,
  );

export type ProposalRow = PollProposal<Stamp> & { id: string };
const proposalRow = (id: string, data: DocumentData): ProposalRow => ({ id, ...(data as PollProposal<Stamp>) });

/** The member's own proposals on a poll (the rules allow a query on their uid only), newest first. */
export const liveMyProposals = (pollId: string, uid: string) =>
  liveQuery(
    (sdk, fdb) =>
      sdk.query(
        sdk.collection(fdb, POLLS, pollId, POLL_PROPOSALS),
        sdk.where('uid', '==', uid),
        sdk.orderBy('createdAt', 'desc'),
        sdk.limit(20),
      ),
    proposalRow,
  );

export const castVote = async (pollId: string, optionIds: string[]) =>
  (await callFunction('castVote', { pollId, optionIds })).optionIds;
export const proposeOption = (pollId: string, label: string) => callFunction('proposeOption', { pollId, label });

// ---- Admins

export type AdminPoll = PollDoc<Stamp> & { id: string };
const adminRow = (id: string, data: DocumentData): AdminPoll => ({
  id,
  ...(data as PollDoc<Stamp>),
});

/** Every poll (drafts included), latest closing date first, live. */
export const liveAdminPolls = (max = 200) =>
  liveQuery(
    (sdk, fdb) => sdk.query(sdk.collection(fdb, POLLS), sdk.orderBy('closesAt', 'desc'), sdk.limit(max)),
    adminRow,
  );

export const liveAdminPoll = (id: string) => liveDoc((sdk, fdb) => sdk.doc(fdb, POLLS, id), adminRow);

/** Proposals waiting for a decision, oldest first. */
export const livePendingProposals = (pollId: string) =>
  liveQuery(
    (sdk, fdb) =>
      sdk.query(
        sdk.collection(fdb, POLLS, pollId, POLL_PROPOSALS),
        sdk.where('status', '==', 'pending'),
        sdk.orderBy('createdAt'),
        sdk.limit(100),
      ),
    proposalRow,
  );

export const savePoll = async (id: string | undefined, poll: PollInput) =>
  (await callFunction('savePoll', id ? { id, poll } : { poll })).id;
export const setPollStatus = (id: string, status: PollStatus) => callFunction('setPollStatus', { id, status });
export const moderateProposal = (pollId: string, proposalId: string, decision: 'approve' | 'reject', label?: string) =>
  callFunction('moderateProposal', { pollId, proposalId, decision, ...(label ? { label } : {}) });
export const linkPollCourse = (pollId: string, courseSlug: string | null) =>
  callFunction('linkPollCourse', { pollId, courseSlug });

// Polls: the contract web and functions share (see docs/architecture.md, "Polls").
//
// Glossary: a *poll* (`polls/{id}`) asks one question; its *options* are set by admins or *proposed*
// by members when the poll allows it (a proposal waits for an admin's approval). A member casts one
// *ballot* (`polls/{id}/votes/{uid}`: up to `maxChoices` option ids) and may change it while the poll is
// open. *Tallies* are exact counts per option, kept in sharded counters so that hundreds of voters at
// once neither contend on one document nor lose a vote. A *mini-course poll* (`kind: 'mini-course'`)
// asks which mini-course comes next; once closed it may be linked to the course it chose.

export const POLLS = 'polls';
/** `polls/{id}/votes/{uid}`: the member's current ballot; the member reads their own. */
export const POLL_VOTES = 'votes';
/** `polls/{id}/proposals/{auto id}`: a member's proposed option, until an admin approves or rejects it. */
export const POLL_PROPOSALS = 'proposals';
/** `polls/{id}/tallyShards/{n}`: `{ counts: { [optionId]: number }, ballots: number }`, summed to read. */
export const POLL_TALLY_SHARDS = 'tallyShards';
export const POLL_TALLY_SHARD_COUNT = 10;

export const POLL_KINDS = ['topic', 'mini-course'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];
/** When members see the tallies: while voting (`live`) or once the poll has closed. */
export const POLL_RESULTS_VISIBILITY = ['live', 'after-close'] as const;
export type PollResultsVisibility = (typeof POLL_RESULTS_VISIBILITY)[number];
export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const MAX_POLL_OPTIONS = 50;
export const MAX_POLL_CHOICES = 10;

export interface PollOption {
  /** Stable id (a ballot names options by id, so renaming an option keeps its votes). */
  id: string;
  label: string;
  /** The member whose proposal it was; null for an admin's option. */
  proposedBy: string | null;
}

/**
 * `polls/{id}`: the public teaser (question, options, access) is readable by everyone once not a draft,
 * like a material's teaser; voting needs `rank`. `results` is the summed tally, copied onto the poll by
 * functions (so a reader needs one read); it is null while `resultsVisibility` hides it.
 */
export interface PollDoc<Time = unknown> {
  kind: PollKind;
  question: string;
  description: string;
  status: PollStatus;
  access: string;
  rank: number;
  options: PollOption[];
  /** How many options one ballot may choose (1..MAX_POLL_CHOICES). */
  maxChoices: number;
  /** Members of the rank may propose options (admins approve them). */
  allowProposals: boolean;
  resultsVisibility: PollResultsVisibility;
  /** Voting ends at this instant (the poll is closed from then on, whatever `status` still says). */
  closesAt: Time;
  /** Counts per option id and the number of ballots; null while hidden from members. */
  results: { counts: Record<string, number>; ballots: number } | null;
  /** The shards' `writes` summed when `results` was copied: a copy from older shards never overwrites a newer one. */
  resultsWrites: number;
  /** A closed mini-course poll may point at the course it chose (`courses/{slug}`). */
  chosenCourseSlug: string | null;
  openedAt: Time | null;
  updatedAt: Time;
}

export interface PollBallot<Time = unknown> {
  optionIds: string[];
  castAt: Time;
  updatedAt: Time;
}

/** Longest question, option label and description. */
export const MAX_POLL_QUESTION = 200;
export const MAX_POLL_DESCRIPTION = 4000;
export const MAX_OPTION_LABEL = 120;
export const MIN_OPTION_LABEL = 2;
/** A member may have at most this many proposals waiting for an admin on one poll. */
export const MAX_PENDING_PROPOSALS = 3;

/** `polls/{id}/proposals/{id}`: a member's proposed option. The member reads their own; admins all. */
export interface PollProposal<Time = unknown> {
  uid: string;
  label: string;
  status: ProposalStatus;
  createdAt: Time;
  /** When an admin approved or rejected it. */
  decidedAt: Time | null;
}

/** `polls/{id}/tallyShards/{n}`: one shard of the counts (functions and admins only). */
export interface PollTallyShard {
  counts: Record<string, number>;
  ballots: number;
  /** How many ballot changes this shard has counted: orders the results copies (see `results`). */
  writes: number;
}

export type PollResults = NonNullable<PollDoc['results']>;

/** Whether members may vote now: open, and before `closesAt` (millis). */
export function pollAcceptsVotes(poll: { status: PollStatus; closesAtMs: number }, nowMs: number): boolean {
  return poll.status === 'open' && nowMs < poll.closesAtMs;
}

/** Whether the poll is over: closed by an admin, or open past its closing time. */
export function pollIsOver(poll: { status: PollStatus; closesAtMs: number }, nowMs: number): boolean {
  return poll.status === 'closed' || (poll.status === 'open' && nowMs >= poll.closesAtMs);
}

/** Whether members may see the tallies now: live polls once open, after-close polls once over. */
export function resultsVisible(
  poll: { status: PollStatus; closesAtMs: number; resultsVisibility: PollResultsVisibility },
  nowMs: number,
): boolean {
  if (poll.status === 'draft') return false;
  return poll.resultsVisibility === 'live' || pollIsOver(poll, nowMs);
}

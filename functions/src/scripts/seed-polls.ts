// The demo's polls, through the poll store (so options, shards and results are what the callables make): a
// topic poll for main and up (proposals, live results, a few ballots, a proposal waiting), a mini-course poll
// for premium (results after close), and a closed mini-course poll that chose the DuckDB mini-course.
import type { Firestore } from 'firebase-admin/firestore';
import { castVote, proposeOption, refreshPollResults, savePoll, setPollStatus } from '../polls/poll-store';
import { DEFAULT_TIERS } from '../shared/defaults';
import type { PollInput } from '../shared/poll-schema';
import { POLLS } from '../shared/polls';
import { rankOf } from '../shared/tiers';

const DAY_MS = 86_400_000;

interface SeedPoll {
  id: string;
  /** Closing date, days from the seed's now (negative: closed already). */
  closesInDays: number;
  input: Omit<PollInput, 'closesAt'>;
  /** Ballots: [uid, tier, option indexes]. Demo accounts and a few made-up voters without accounts. */
  ballots: Array<[string, string, number[]]>;
  proposals?: Array<[string, string, string]>;
  close?: boolean;
  chosenCourseSlug?: string;
}

export const SEED_POLLS: SeedPoll[] = [
  {
    id: 'demo-topic-poll',
    closesInDays: 14,
    input: {
      kind: 'topic',
      question: 'Which topics should the next workshops cover?',
      description: 'Pick up to three. Missing something? Propose it: an admin adds good ideas to the poll.',
      access: 'main',
      options: [
        { label: 'Data contracts' },
        { label: 'Streaming with Kafka' },
        { label: 'Testing data pipelines' },
        { label: 'Cost control in the cloud' },
      ],
      maxChoices: 3,
      allowProposals: true,
      resultsVisibility: 'live',
    },
    ballots: [
      ['demo-premium', 'premium', [0, 2]],
      ['demo-voter-1', 'main', [0]],
      ['demo-voter-2', 'main', [1, 2, 3]],
      ['demo-voter-3', 'premium', [2]],
    ],
    proposals: [['demo-premium', 'premium', 'Vector databases']],
  },
  {
    id: 'demo-mini-course-poll',
    closesInDays: 7,
    input: {
      kind: 'mini-course',
      question: 'Which mini-course should we build next?',
      description: 'Premium members choose. Results are shown when the poll closes.',
      access: 'premium',
      options: [{ label: 'Polars for pandas users' }, { label: 'dbt in a day' }, { label: 'Airflow from zero' }],
      maxChoices: 1,
      allowProposals: false,
      resultsVisibility: 'after-close',
    },
    ballots: [
      ['demo-voter-3', 'premium', [1]],
      ['demo-voter-4', 'premium', [0]],
    ],
  },
  {
    id: 'demo-past-mini-course-poll',
    closesInDays: -10,
    input: {
      kind: 'mini-course',
      question: 'Which mini-course first?',
      description: 'The first mini-course poll: DuckDB won.',
      access: 'premium',
      options: [{ label: 'DuckDB in an hour' }, { label: 'Regex for data people' }],
      maxChoices: 1,
      allowProposals: false,
      resultsVisibility: 'after-close',
    },
    ballots: [
      ['demo-premium', 'premium', [0]],
      ['demo-voter-3', 'premium', [0]],
      ['demo-voter-4', 'premium', [1]],
    ],
    close: true,
    chosenCourseSlug: 'duckdb-in-an-hour',
  },
];

/** Creates the polls that are missing (kept as they are otherwise); answers how many it created. */
export async function seedPolls(db: Firestore, now: Date): Promise<number> {
  let created = 0;
  for (const poll of SEED_POLLS) {
    if ((await db.collection(POLLS).doc(poll.id).get()).exists) continue;
    const closesAt = new Date(now.getTime() + poll.closesInDays * DAY_MS);
    // Ballots are cast while the poll was open: a past poll's a few days before it closed.
    const openedAt = new Date(Math.min(now.getTime(), closesAt.getTime() - 3 * DAY_MS));
    const deps = { db, now: () => openedAt };
    await savePoll(deps, undefined, { ...poll.input, closesAt: closesAt.toISOString() }, DEFAULT_TIERS, poll.id);
    await setPollStatus(deps, poll.id, 'open');
    const options = (await db.collection(POLLS).doc(poll.id).get()).get('options') as { id: string }[];
    for (const [uid, tier, picks] of poll.ballots) {
      const claims = { tier, rank: rankOf(DEFAULT_TIERS, tier) };
      await castVote(
        deps,
        poll.id,
        uid,
        claims,
        picks.map((i) => options[i]!.id),
        DEFAULT_TIERS,
      );
    }
    for (const [uid, tier, label] of poll.proposals ?? []) {
      await proposeOption(deps, poll.id, uid, { tier, rank: rankOf(DEFAULT_TIERS, tier) }, label, DEFAULT_TIERS);
    }
    const later = { db, now: () => now };
    if (poll.close) await setPollStatus(later, poll.id, 'closed');
    await refreshPollResults(later, poll.id);
    if (poll.chosenCourseSlug)
      await db.collection(POLLS).doc(poll.id).update({ chosenCourseSlug: poll.chosenCourseSlug });
    created++;
  }
  return created;
}

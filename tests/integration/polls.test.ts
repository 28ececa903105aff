import type { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { shardFor } from '../../functions/src/domain/polls';
import { makeCourseSpec } from '../../functions/src/testing/course-factories';
import { makeMemberDoc } from '../../functions/src/testing/factories';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { rankOf } from '../../functions/src/shared/tiers';
import type { PollInput } from '../../functions/src/shared/poll-schema';
import type { PollBallot, PollDoc, PollProposal, PollTallyShard } from '../../functions/src/shared/polls';
import { adminSdk, callFunction, clearEmulators, eventually, signIn, type SignedIn } from '../support/emulators';
import { createMember, writeCourse } from '../support/factories';

// The poll callables through the emulated functions: saving and opening, ballots (limits, changes, rank,
// closing), 200 members voting at once with exact tallies, proposals and moderation, results following
// `resultsVisibility`, and linking a closed mini-course poll to its course.
const { db } = adminSdk();
const VOTER_PASSWORD = 'demo-password';

let admin: SignedIn;
let basic: SignedIn;
let main: SignedIn;
let premium: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  [admin, basic, main, premium] = await Promise.all([
    createMember('admin@polls.test', { admin: true }),
    createMember('basic@polls.test', { tier: 'basic' }),
    createMember('main@polls.test', { tier: 'main' }),
    createMember('premium@polls.test', { tier: 'premium' }),
  ]);
}, 60_000);

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

function input(over: Partial<PollInput> = {}): PollInput {
  return {
    kind: 'topic',
    question: 'What should the next workshop cover?',
    description: 'Pick up to two.',
    access: 'main',
    options: [{ label: 'Streaming' }, { label: 'Testing' }, { label: 'Deploys' }],
    maxChoices: 2,
    allowProposals: true,
    resultsVisibility: 'live',
    closesAt: inAWeek(),
    ...over,
  };
}

async function ok<T>(res: Promise<{ result?: T; error?: unknown }>): Promise<T> {
  const { result, error } = await res;
  if (result === undefined) throw new Error(JSON.stringify(error));
  return result;
}

/**
 * `count` members at `tier`, made in bulk (Auth accounts with their claims, member documents in one batch) and
 * signed in a few at a time: `createMember` grants each tier through the billing path, whose triggers would
 * keep the emulator busy far longer than the votes.
 */
async function createVoters(count: number, tier: string): Promise<SignedIn[]> {
  const { auth } = adminSdk();
  const rank = rankOf(DEFAULT_TIERS, tier);
  const emails = Array.from({ length: count }, (_, i) => `voter-${i}@polls.test`);
  const uids = emails.map((e) => e.replace(/[^a-z0-9]+/g, '-'));
  for (let i = 0; i < count; i += 20) {
    await Promise.all(
      uids.slice(i, i + 20).map(async (uid, j) => {
        await auth.createUser({ uid, email: emails[i + j]!, password: VOTER_PASSWORD, emailVerified: true });
        await auth.setCustomUserClaims(uid, { tier, rank });
      }),
    );
  }
  const batch = db.batch();
  uids.forEach((uid, i) => batch.set(db.doc(`members/${uid}`), makeMemberDoc({ email: emails[i]!, tier })));
  await batch.commit();
  const signedIn: SignedIn[] = [];
  for (let i = 0; i < count; i += 5) {
    signedIn.push(...(await Promise.all(emails.slice(i, i + 5).map((e) => signIn(e, VOTER_PASSWORD)))));
  }
  return signedIn;
}

const poll = async (id: string) => (await db.doc(`polls/${id}`).get()).data() as PollDoc<Timestamp>;
/** Creates and opens a poll; answers its id and option ids. */
async function openPoll(over: Partial<PollInput> = {}): Promise<{ id: string; options: string[] }> {
  const { id } = await ok(callFunction('savePoll', { poll: input(over) }, admin.idToken));
  await ok(callFunction('setPollStatus', { id, status: 'open' }, admin.idToken));
  return { id, options: (await poll(id)).options.map((o) => o.id) };
}
const vote = (pollId: string, who: SignedIn, optionIds: string[]) =>
  callFunction('castVote', { pollId, optionIds }, who.idToken);
async function shardsSum(id: string) {
  const shards = (await db.collection(`polls/${id}/tallyShards`).get()).docs.map((d) => d.data() as PollTallyShard);
  const counts: Record<string, number> = {};
  let ballots = 0;
  for (const s of shards) {
    ballots += s.ballots;
    for (const [k, n] of Object.entries(s.counts)) counts[k] = (counts[k] ?? 0) + n;
  }
  return { counts, ballots, shards: shards.length };
}

describe('savePoll and setPollStatus', () => {
  it('creates a draft with its rank and option ids, opens it, and keeps ids through an edit', async () => {
    const { id } = await ok(callFunction('savePoll', { poll: input() }, admin.idToken));
    expect(await poll(id)).toMatchObject({ status: 'draft', rank: 30, results: null, openedAt: null });
    expect(await vote(id, main, [])).toMatchObject({ error: { status: 'NOT_FOUND' } });
    await ok(callFunction('setPollStatus', { id, status: 'open' }, admin.idToken));
    const opened = await poll(id);
    expect(opened.status).toBe('open');
    expect(opened.openedAt).not.toBeNull();
    const [a, b, c] = opened.options;
    const edit = input({
      options: [
        { id: a!.id, label: 'Streaming data' },
        { id: b!.id, label: 'Testing' },
      ],
    });
    const removal = await callFunction('savePoll', { id, poll: edit }, admin.idToken);
    expect(removal.error?.status).toBe('INVALID_ARGUMENT');
    expect(removal.error?.message).toMatch(/Deploys.*cannot be removed/);
    const kept = input({
      options: [
        { id: a!.id, label: 'Streaming data' },
        { id: b!.id, label: 'Testing' },
        { id: c!.id, label: 'Deploys' },
        { label: 'Costs' },
      ],
    });
    await ok(callFunction('savePoll', { id, poll: kept }, admin.idToken));
    const after = await poll(id);
    expect(after.options.map((o) => o.id).slice(0, 3)).toEqual([a!.id, b!.id, c!.id]);
    expect(after.options.map((o) => o.label)).toEqual(['Streaming data', 'Testing', 'Deploys', 'Costs']);
    expect(after.status).toBe('open');
  });

  it('refuses an unknown access level, a draft going to closed, and opening past the closing date', async () => {
    const unknown = await callFunction('savePoll', { poll: input({ access: 'gold' }) }, admin.idToken);
    expect(unknown.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(unknown.error?.message).toMatch(/poll\.access/);
    const { id } = await ok(
      callFunction('savePoll', { poll: input({ closesAt: new Date(Date.now() - 1000).toISOString() }) }, admin.idToken),
    );
    expect((await callFunction('setPollStatus', { id, status: 'closed' }, admin.idToken)).error?.status).toBe(
      'FAILED_PRECONDITION',
    );
    const late = await callFunction('setPollStatus', { id, status: 'open' }, admin.idToken);
    expect(late.error?.message).toMatch(/closing date has passed/);
    expect((await callFunction('savePoll', { poll: input() }, main.idToken)).error?.status).toBe('PERMISSION_DENIED');
  });
});

describe('castVote', () => {
  it('200 members voting at once: the tally equals the ballots; a changed vote counts once', async () => {
    const { id, options } = await openPoll({ maxChoices: 2 });
    const voters = await createVoters(200, 'main');
    // Each voter's ballot: one or two options, by their index.
    const ballotOf = (i: number) => (i % 3 === 0 ? [options[0]!, options[1]!] : [options[i % 3]!]);
    const answers = await Promise.all(voters.map((v, i) => vote(id, v, ballotOf(i))));
    expect(answers.filter((a) => a.error)).toEqual([]);

    const expected: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
    voters.forEach((_, i) => ballotOf(i).forEach((o) => (expected[o]! += 1)));
    const stored = await db.collection(`polls/${id}/votes`).get();
    expect(stored.size).toBe(200);
    const fromBallots: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
    stored.docs.forEach((d) => (d.data() as PollBallot).optionIds.forEach((o) => (fromBallots[o]! += 1)));
    expect(fromBallots).toEqual(expected);
    const sum = await shardsSum(id);
    expect(sum.ballots).toBe(200);
    expect(sum.counts).toEqual(expected);
    expect(sum.shards).toBeGreaterThan(1); // spread over shards, not one hot document

    // Ten voters change their ballot (twice, concurrently with others voting again unchanged): counted once.
    const changers = voters.slice(0, 10);
    await Promise.all([
      ...changers.map((v) => vote(id, v, [options[2]!])),
      ...voters.slice(10, 30).map((v, i) => vote(id, v, ballotOf(i + 10))),
    ]);
    await Promise.all(changers.map((v) => vote(id, v, [options[2]!])));
    changers.forEach((_, i) => {
      ballotOf(i).forEach((o) => (expected[o]! -= 1));
      expected[options[2]!]! += 1;
    });
    const after = await shardsSum(id);
    expect(after.ballots).toBe(200);
    expect(after.counts).toEqual(expected);
    // The live results on the poll catch up with the shards (a trigger copies them).
    const live = await eventually(
      () => poll(id),
      (p) => JSON.stringify(p.results) === JSON.stringify({ counts: expected, ballots: 200 }),
      180_000,
    );
    expect(live.results).toEqual({ counts: expected, ballots: 200 });
  }, 600_000);

  it(
    'one member changing their ballot many times at once is one ballot on one shard',
    { timeout: 120_000 },
    async () => {
      const { id, options } = await openPoll({ maxChoices: 1 });
      await Promise.all(Array.from({ length: 12 }, (_, i) => vote(id, premium, [options[i % 3]!])));
      const ballot = (await db.doc(`polls/${id}/votes/${premium.uid}`).get()).data() as PollBallot;
      const sum = await shardsSum(id);
      expect(sum.ballots).toBe(1);
      expect(sum.shards).toBe(1);
      expect(sum.counts).toEqual({ [options[0]!]: 0, [options[1]!]: 0, [options[2]!]: 0, [ballot.optionIds[0]!]: 1 });
      const shard = await db.doc(`polls/${id}/tallyShards/${shardFor(premium.uid)}`).get();
      expect(shard.get('ballots')).toBe(1);
      // Withdrawing removes the ballot and its counts.
      await ok(vote(id, premium, []));
      expect((await db.doc(`polls/${id}/votes/${premium.uid}`).get()).exists).toBe(false);
      expect((await shardsSum(id)).ballots).toBe(0);
    },
  );

  it('refuses too many choices, unknown options, a member below the rank, and a closed poll', async () => {
    const { id, options } = await openPoll({ maxChoices: 1 });
    expect((await vote(id, main, [options[0]!, options[1]!])).error?.message).toMatch(/at most 1 option/);
    expect((await vote(id, main, ['nope'])).error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    const below = await vote(id, basic, [options[0]!]);
    expect(below.error?.status).toBe('PERMISSION_DENIED');
    expect(below.error?.message).toMatch(/upgrade to Main/);
    expect((await callFunction('castVote', { pollId: id, optionIds: [options[0]] })).error?.status).toBe(
      'UNAUTHENTICATED',
    );
    await ok(callFunction('setPollStatus', { id, status: 'closed' }, admin.idToken));
    expect((await vote(id, main, [options[0]!])).error?.status).toBe('FAILED_PRECONDITION');
    expect(await shardsSum(id)).toMatchObject({ ballots: 0 });
  });
});

describe('results visibility', () => {
  it('after-close: no results on the poll while open, the exact tally once closed', async () => {
    const { id, options } = await openPoll({ resultsVisibility: 'after-close', maxChoices: 1 });
    await ok(vote(id, main, [options[1]!]));
    await ok(vote(id, premium, [options[1]!]));
    await new Promise((r) => setTimeout(r, 1500)); // give the trigger time to (wrongly) copy them
    expect((await poll(id)).results).toBeNull();
    await ok(callFunction('setPollStatus', { id, status: 'closed' }, admin.idToken));
    expect((await poll(id)).results).toEqual({
      counts: { [options[0]!]: 0, [options[1]!]: 2, [options[2]!]: 0 },
      ballots: 2,
    });
  });
});

describe('proposals', () => {
  it('a member proposes (at most 3 pending), an admin approves one into an option and rejects another', async () => {
    const { id } = await openPoll();
    const propose = (label: string, who = main) => callFunction('proposeOption', { pollId: id, label }, who.idToken);
    const first = await ok(propose('Data contracts'));
    expect((await propose('data   CONTRACTS')).error?.status).toBe('ALREADY_EXISTS');
    expect((await propose('streaming')).error?.status).toBe('ALREADY_EXISTS');
    await ok(propose('Feature stores'));
    const third = await ok(propose('Lakehouses'));
    const fourth = await propose('Orchestration');
    expect(fourth.error?.status).toBe('RESOURCE_EXHAUSTED');
    expect((await propose('Orchestration', basic)).error?.status).toBe('PERMISSION_DENIED');

    const { optionId } = await ok(
      callFunction(
        'moderateProposal',
        { pollId: id, proposalId: first.id, decision: 'approve', label: 'Data contracts in practice' },
        admin.idToken,
      ),
    );
    expect(optionId).toBe(first.id);
    await ok(callFunction('moderateProposal', { pollId: id, proposalId: third.id, decision: 'reject' }, admin.idToken));
    const again = await callFunction(
      'moderateProposal',
      { pollId: id, proposalId: third.id, decision: 'approve' },
      admin.idToken,
    );
    expect(again.error?.status).toBe('FAILED_PRECONDITION');
    const after = await poll(id);
    expect(after.options.at(-1)).toEqual({ id: first.id, label: 'Data contracts in practice', proposedBy: main.uid });
    const stored = (await db.doc(`polls/${id}/proposals/${first.id}`).get()).data() as PollProposal;
    expect(stored.status).toBe('approved');
    // Two decided: the member may propose again, and vote for the approved option.
    await ok(propose('Orchestration'));
    expect(await ok(vote(id, main, [first.id]))).toEqual({ optionIds: [first.id] });
  });

  it('refuses proposals on a poll that takes none', async () => {
    const { id } = await openPoll({ allowProposals: false });
    const res = await callFunction('proposeOption', { pollId: id, label: 'Anything' }, main.idToken);
    expect(res.error?.status).toBe('FAILED_PRECONDITION');
    expect(await db.collection(`polls/${id}/proposals`).get()).toMatchObject({ size: 0 });
  });
});

describe('linkPollCourse', () => {
  it('links a closed mini-course poll to a mini-course, and only then', async () => {
    const mini = await writeCourse(db, makeCourseSpec({ slug: 'poll-mini', kind: 'mini' }));
    const full = await writeCourse(db, makeCourseSpec({ slug: 'poll-full', kind: 'course' }));
    const { id } = await openPoll({ kind: 'mini-course', access: 'premium', resultsVisibility: 'after-close' });
    const link = (courseSlug: string | null, pollId = id) =>
      callFunction('linkPollCourse', { pollId, courseSlug }, admin.idToken);
    expect((await link(mini)).error?.message).toMatch(/Close the poll/);
    await ok(callFunction('setPollStatus', { id, status: 'closed' }, admin.idToken));
    expect((await link(full)).error?.message).toMatch(/not a mini-course/);
    expect((await link('no-such-course')).error?.status).toBe('NOT_FOUND');
    await ok(link(mini));
    expect((await poll(id)).chosenCourseSlug).toBe(mini);
    const topic = await openPoll();
    await ok(callFunction('setPollStatus', { id: topic.id, status: 'closed' }, admin.idToken));
    expect((await link(mini, topic.id)).error?.message).toMatch(/mini-course poll/);
  });
});

import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { loadTiers, readTiers } from '../app/tiers-config';
import {
  castVoteSchema,
  linkPollCourseSchema,
  moderateProposalSchema,
  proposeOptionSchema,
  savePollSchema,
  setPollStatusSchema,
} from '../shared/poll-schema';
import { POLL_TALLY_SHARDS, POLLS } from '../shared/polls';
import * as polls from './poll-store';

/** Creates a draft poll or saves an edit (admins). */
export const savePoll = callable('savePoll', { schema: savePollSchema, caller: 'admin' }, async ({ id, poll }) => {
  const app = deps();
  return { id: await polls.savePoll(app, id, poll, await readTiers(app.db)) };
});

/** Opens, closes or reopens a poll (admins). */
export const setPollStatus = callable(
  'setPollStatus',
  { schema: setPollStatusSchema, caller: 'admin' },
  async ({ id, status }) => ({ id, status: await polls.setPollStatus(deps(), id, status) }),
);

/** A member of the poll's rank casts or changes their ballot while the poll is open. */
export const castVote = callable(
  'castVote',
  { schema: castVoteSchema, caller: 'member' },
  async ({ pollId, optionIds }, { caller }) => {
    const app = deps();
    const tiers = await loadTiers(app.db);
    return { optionIds: await polls.castVote(app, pollId, caller.uid, caller.token, optionIds, tiers) };
  },
);

/** A member proposes an option on a poll that allows proposals; an admin decides. */
export const proposeOption = callable(
  'proposeOption',
  { schema: proposeOptionSchema, caller: 'member' },
  async ({ pollId, label }, { caller }) => {
    const app = deps();
    const tiers = await loadTiers(app.db);
    return { id: await polls.proposeOption(app, pollId, caller.uid, caller.token, label, tiers) };
  },
);

export const moderateProposal = callable(
  'moderateProposal',
  { schema: moderateProposalSchema, caller: 'admin' },
  async ({ pollId, proposalId, decision, label }) => ({
    optionId: await polls.moderateProposal(deps(), pollId, proposalId, decision, label),
  }),
);

export const linkPollCourse = callable(
  'linkPollCourse',
  { schema: linkPollCourseSchema, caller: 'admin' },
  async ({ pollId, courseSlug }) => {
    await polls.linkPollCourse(deps(), pollId, courseSlug);
    return { pollId, courseSlug };
  },
);

/** Every ballot change moves a shard: the poll's `results` follow while members may see them. */
export const refreshPollResults = onDocumentWritten(
  { document: `${POLLS}/{id}/${POLL_TALLY_SHARDS}/{shard}`, retry: true },
  async (event) => {
    await polls.refreshPollResults(deps(), event.params.id);
  },
);

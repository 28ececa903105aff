// The poll callables' request schemas; kept apart from polls.ts so the public poll pages carry no zod.
import { z } from 'zod';
import { docId, levelId } from './fields';
import {
  MAX_OPTION_LABEL,
  MAX_POLL_CHOICES,
  MAX_POLL_DESCRIPTION,
  MAX_POLL_OPTIONS,
  MAX_POLL_QUESTION,
  MIN_OPTION_LABEL,
  POLL_KINDS,
  POLL_RESULTS_VISIBILITY,
  POLL_STATUSES,
} from './polls';

export const optionLabel = z
  .string()
  .trim()
  .min(MIN_OPTION_LABEL, `Write at least ${MIN_OPTION_LABEL} characters`)
  .max(MAX_OPTION_LABEL, `At most ${MAX_OPTION_LABEL} characters`);

/** An option as the editor sends it: an existing option keeps its id; a new one has none. */
const optionInput = z.strictObject({ id: docId.optional(), label: optionLabel });

/** What an admin submits from the poll editor; the rank, status, results and stamps are derived. */
export const pollInputSchema = z.strictObject({
  kind: z.enum(POLL_KINDS),
  question: z.string().trim().min(5, 'The question is too short').max(MAX_POLL_QUESTION),
  description: z.string().trim().max(MAX_POLL_DESCRIPTION, `At most ${MAX_POLL_DESCRIPTION} characters`),
  access: levelId('Choose who can vote'),
  options: z.array(optionInput).max(MAX_POLL_OPTIONS, `At most ${MAX_POLL_OPTIONS} options`),
  maxChoices: z.number().int().min(1).max(MAX_POLL_CHOICES),
  allowProposals: z.boolean(),
  resultsVisibility: z.enum(POLL_RESULTS_VISIBILITY),
  closesAt: z.iso.datetime({ offset: true, message: 'Choose a closing date' }),
});
export type PollInput = z.infer<typeof pollInputSchema>;

export const savePollSchema = z.strictObject({ id: docId.optional(), poll: pollInputSchema });
export const setPollStatusSchema = z.strictObject({ id: docId, status: z.enum(POLL_STATUSES) });
export const castVoteSchema = z.strictObject({
  pollId: docId,
  /** The whole ballot (not a change); empty withdraws it. */
  optionIds: z.array(docId).max(MAX_POLL_CHOICES, `At most ${MAX_POLL_CHOICES} choices`),
});
export const proposeOptionSchema = z.strictObject({ pollId: docId, label: optionLabel });
export const moderateProposalSchema = z.strictObject({
  pollId: docId,
  proposalId: docId,
  decision: z.enum(['approve', 'reject']),
  /** The option's label when approving, if the admin edits it. */
  label: optionLabel.optional(),
});
export const linkPollCourseSchema = z.strictObject({ pollId: docId, courseSlug: docId.nullable() });

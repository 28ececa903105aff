// Polls on public pages (the list, a poll's page): which poll fields the `ssr` function may render and the
// browser shows. The server reads with admin rights, so this list, not the rules, keeps the rest out: ballots,
// proposals and tally shards have no reader method, and who proposed an option is dropped.
import type { PollDoc, PollOption, PollStatus } from './polls';

export const PUBLIC_POLL_FIELDS = [
  'kind',
  'question',
  'description',
  'status',
  'access',
  'rank',
  'maxChoices',
  'allowProposals',
  'resultsVisibility',
  'closesAt',
  'results',
  'chosenCourseSlug',
  'openedAt',
] as const satisfies readonly (keyof PollDoc)[];

/** Polls anyone may see: open or closed (never a draft). */
export const PUBLIC_POLL_STATUSES = ['open', 'closed'] as const satisfies readonly PollStatus[];
/** The list shows at most this many polls (newest closing date first). */
export const POLLS_LIMIT = 100;

type Picked<Time> = Pick<PollDoc<Time>, Exclude<(typeof PUBLIC_POLL_FIELDS)[number], 'openedAt'>>;

/** A poll as public pages carry it (times in milliseconds on the wire); options without who proposed them. */
export type PublicPoll<Time = number> = Picked<Time> & {
  id: string;
  options: Pick<PollOption, 'id' | 'label'>[];
  openedAt: Time | null;
};

export const isPublicPollStatus = (status: unknown): boolean =>
  (PUBLIC_POLL_STATUSES as readonly unknown[]).includes(status);

/** Only the public fields of a stored poll (options and results copied field by field), times converted by `time`. */
export function publicPoll<In, Out>(id: string, data: PollDoc<In>, time: (value: In) => Out): PublicPoll<Out> {
  return {
    id,
    kind: data.kind,
    question: data.question,
    description: data.description,
    status: data.status,
    access: data.access,
    rank: data.rank,
    options: data.options.map((o) => ({ id: o.id, label: o.label })),
    maxChoices: data.maxChoices,
    allowProposals: data.allowProposals,
    resultsVisibility: data.resultsVisibility,
    closesAt: time(data.closesAt),
    results: data.results ? { counts: { ...data.results.counts }, ballots: data.results.ballots } : null,
    chosenCourseSlug: data.chosenCourseSlug ?? null,
    openedAt: data.openedAt === null ? null : time(data.openedAt),
  };
}

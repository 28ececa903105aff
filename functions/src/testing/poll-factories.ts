// A poll as the poll callables store it, for rules suites and tests that need one without the callables.
import { DEFAULT_TIERS } from '../shared/defaults';
import type { PollDoc } from '../shared/polls';
import { rankOf } from '../shared/tiers';
import { DAY_MS } from './factories';

/** A topic poll for `access` with three options, open for a week from `now`. */
export function makePoll(access: string, over: Partial<PollDoc<Date>> = {}, now = new Date()): PollDoc<Date> {
  return {
    kind: 'topic',
    question: 'Which topic next?',
    description: '',
    status: 'open',
    access,
    rank: rankOf(DEFAULT_TIERS, access) ?? 0,
    options: [
      { id: 'o1', label: 'Streaming', proposedBy: null },
      { id: 'o2', label: 'Testing', proposedBy: null },
      { id: 'o3', label: 'Deploys', proposedBy: null },
    ],
    maxChoices: 2,
    allowProposals: true,
    resultsVisibility: 'live',
    closesAt: new Date(now.getTime() + 7 * DAY_MS),
    results: null,
    resultsWrites: 0,
    chosenCourseSlug: null,
    openedAt: now,
    updatedAt: now,
    ...over,
  };
}

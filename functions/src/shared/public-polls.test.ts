import { describe, expect, it } from 'vitest';
import { makePoll } from '../testing/poll-factories';
import { isPublicPollStatus, publicPoll } from './public-polls';

describe('publicPoll', () => {
  it('carries the public fields only: no proposer, no shard bookkeeping, nothing stored by mistake', () => {
    const stored = {
      ...makePoll('main', {
        options: [{ id: 'o1', label: 'Streaming', proposedBy: 'secret-uid' }],
        results: { counts: { o1: 2 }, ballots: 2 },
        resultsWrites: 7,
      }),
      email: 'leak@example.com',
    };
    const poll = publicPoll('p1', stored, (d: Date) => d.getTime());
    expect(Object.keys(poll).sort()).toEqual(
      [
        'id',
        'kind',
        'question',
        'description',
        'status',
        'access',
        'rank',
        'options',
        'maxChoices',
        'allowProposals',
        'resultsVisibility',
        'closesAt',
        'results',
        'chosenCourseSlug',
        'openedAt',
      ].sort(),
    );
    expect(poll.options).toEqual([{ id: 'o1', label: 'Streaming' }]);
    expect(JSON.stringify(poll)).not.toMatch(/secret-uid|leak@|resultsWrites/);
    expect(poll.closesAt).toBe(stored.closesAt.getTime());
  });

  it('knows which statuses are public', () => {
    expect(['draft', 'open', 'closed', 'x'].map(isPublicPollStatus)).toEqual([false, true, true, false]);
  });
});

// View models of the poll pages: what the reader may do, the status line, the result bars.
import { canAccess, tierNeeded, type AccessClaims } from '@shared/access';
import { pollAcceptsVotes, pollIsOver } from '@shared/polls';
import type { PublicPoll } from '@shared/public-polls';
import type { Tier, TiersConfig } from '@shared/tiers';
import { dateTimeFormat } from './format';

export type PollAction =
  /** A visitor: join (the lowest plan that opens the poll) or sign in. */
  | { kind: 'join'; plan: Tier | undefined }
  /** A member below the poll's rank. */
  | { kind: 'upgrade'; plan: Tier | undefined }
  /** A member of the rank (or an admin) while the poll takes votes. */
  | { kind: 'vote' }
  /** Nobody votes any more. */
  | { kind: 'closed' };

const timing = (poll: PublicPoll) => ({ status: poll.status, closesAtMs: poll.closesAt });

export function pollAction({
  poll,
  claims,
  isAdmin,
  tiers,
  now,
}: {
  poll: PublicPoll;
  claims: AccessClaims | null;
  isAdmin: boolean;
  tiers: TiersConfig;
  now: number;
}): PollAction {
  if (!pollAcceptsVotes(timing(poll), now)) return { kind: 'closed' };
  const plan = tierNeeded(tiers, poll);
  if (claims === null) return { kind: 'join', plan };
  if (!isAdmin && !canAccess(claims, poll)) return { kind: 'upgrade', plan };
  return { kind: 'vote' };
}

/**
 * "14 Jan 2027, 18:00" in `zone` (the reader's when undefined). The server renders in UTC, named, and the page
 * switches to the reader's zone once mounted, so hydration sees the same text.
 */
export function pollTime(ms: number, zone: string | undefined): string {
  const text = dateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(
    new Date(ms),
  );
  return zone === 'UTC' ? `${text} UTC` : text;
}

/** "Open until 14 Jan 2027, 18:00", "Closed 14 Jan 2027, 18:00" (an open poll past its date is closed). */
export function pollStatusLine(poll: PublicPoll, now: number, zone?: string): string {
  const when = pollTime(poll.closesAt, zone);
  return pollIsOver(timing(poll), now) ? `Closed ${when}` : `Open until ${when}`;
}

export const isPollOver = (poll: PublicPoll, now: number): boolean => pollIsOver(timing(poll), now);

export interface ResultRow {
  id: string;
  label: string;
  count: number;
  /** Share of ballots, 0–100, rounded. */
  percent: number;
}

/** One bar per option, most votes first (ties in the poll's order); null when the poll hides its results. */
export function resultRows(poll: PublicPoll): ResultRow[] | null {
  const results = poll.results;
  if (!results) return null;
  return poll.options
    .map((o, index) => {
      const count = results.counts[o.id] ?? 0;
      return {
        id: o.id,
        label: o.label,
        count,
        percent: results.ballots ? Math.round((count / results.ballots) * 100) : 0,
        index,
      };
    })
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map(({ index: _index, ...row }) => row);
}

/** Whether the ballot may take one more choice, or this one is already in it. */
export const canChoose = (ballot: readonly string[], optionId: string, maxChoices: number): boolean =>
  ballot.includes(optionId) || ballot.length < maxChoices;

/** Why the results are not shown (yet). */
export function hiddenResultsNote(poll: PublicPoll, zone?: string): string {
  return poll.resultsVisibility === 'after-close'
    ? `Results appear when the poll closes (${pollTime(poll.closesAt, zone)}).`
    : 'Results appear once the poll opens.';
}

export const POLL_KIND_LABELS: Record<PublicPoll['kind'], string> = {
  topic: 'Topic poll',
  'mini-course': 'Mini-course poll',
};

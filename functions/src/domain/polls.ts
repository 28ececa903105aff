// Pure decisions about polls: which tally shard a member counts on, what a ballot may hold, how a changed
// ballot moves the tallies, how an edit merges options, which status changes are allowed.
import {
  MAX_POLL_OPTIONS,
  POLL_TALLY_SHARD_COUNT,
  type PollOption,
  type PollResults,
  type PollStatus,
  type PollTallyShard,
} from '../shared/polls';

/** The shard a member's ballot is counted on: FNV-1a of the uid, so one member always lands on one shard. */
export function shardFor(uid: string, shards = POLL_TALLY_SHARD_COUNT): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < uid.length; i++) {
    hash ^= uid.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Why a ballot cannot be cast on a poll with these options, or null. */
export function ballotProblem(optionIds: string[], options: PollOption[], maxChoices: number): string | null {
  if (new Set(optionIds).size !== optionIds.length) return 'optionIds: Choose each option once';
  if (optionIds.length > maxChoices) {
    return `optionIds: Choose at most ${maxChoices} option${maxChoices === 1 ? '' : 's'}`;
  }
  const known = new Set(options.map((o) => o.id));
  const unknown = optionIds.find((id) => !known.has(id));
  return unknown === undefined ? null : `optionIds: This poll has no option "${unknown}"`;
}

/** How the tallies move when a member's ballot goes from `before` (null: none) to `after` (empty: withdrawn). */
export interface BallotDiff {
  counts: Record<string, 1 | -1>;
  ballots: 1 | 0 | -1;
}

export function ballotDiff(before: readonly string[] | null, after: readonly string[]): BallotDiff {
  const previous = new Set(before ?? []);
  const next = new Set(after);
  const counts: Record<string, 1 | -1> = {};
  for (const id of previous) if (!next.has(id)) counts[id] = -1;
  for (const id of next) if (!previous.has(id)) counts[id] = 1;
  const had = previous.size > 0;
  const has = next.size > 0;
  return { counts, ballots: had === has ? 0 : has ? 1 : -1 };
}

export const isNoChange = (diff: BallotDiff): boolean => diff.ballots === 0 && Object.keys(diff.counts).length === 0;

/** The results: the shards summed (options without votes count 0). */
export function sumShards(shards: readonly Partial<PollTallyShard>[], options: readonly PollOption[]): PollResults {
  const counts: Record<string, number> = Object.fromEntries(options.map((o) => [o.id, 0]));
  let ballots = 0;
  for (const shard of shards) {
    ballots += shard.ballots ?? 0;
    for (const [id, n] of Object.entries(shard.counts ?? {})) {
      if (Object.hasOwn(counts, id)) counts[id] = (counts[id] ?? 0) + n;
    }
  }
  return { counts, ballots };
}

/** The number of ballot changes the shards counted (orders copies of the results). */
export const shardWrites = (shards: readonly Partial<PollTallyShard>[]): number =>
  shards.reduce((sum, s) => sum + (s.writes ?? 0), 0);

/** Lower-cased, single-spaced: two labels that read the same are one option. */
export const labelKey = (label: string): string => label.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The options after an edit: existing ids keep their votes (and who proposed them), new ones get `newId()`.
 * Once the poll has been open an option cannot be removed (ballots name it); the answer is then a reason.
 */
export function mergeOptions(
  existing: readonly PollOption[],
  input: readonly { id?: string | undefined; label: string }[],
  opened: boolean,
  newId: () => string,
): PollOption[] | string {
  const byId = new Map(existing.map((o) => [o.id, o]));
  const merged: PollOption[] = [];
  const labels = new Set<string>();
  for (const [index, option] of input.entries()) {
    const key = labelKey(option.label);
    if (labels.has(key)) return `options.${index}.label: Two options read "${option.label}"`;
    labels.add(key);
    if (option.id !== undefined) {
      const before = byId.get(option.id);
      if (!before) return `options.${index}.id: This poll has no option "${option.id}"`;
      merged.push({ ...before, label: option.label });
    } else {
      merged.push({ id: newId(), label: option.label, proposedBy: null });
    }
  }
  if (opened) {
    const kept = new Set(merged.map((o) => o.id));
    const removed = existing.find((o) => !kept.has(o.id));
    if (removed) return `options: "${removed.label}" cannot be removed once the poll has opened`;
  }
  if (merged.length > MAX_POLL_OPTIONS) return `options: At most ${MAX_POLL_OPTIONS} options`;
  return merged;
}

/** Why a poll cannot go from `from` to `to` now, or null. Draft → open → closed, and a closed poll may reopen. */
export function statusChangeProblem(
  from: PollStatus,
  to: PollStatus,
  poll: { closesAtMs: number; options: number },
  nowMs: number,
): string | null {
  if (from === to) return null;
  if (to === 'draft') return 'A poll that has opened cannot go back to draft';
  if (to === 'open') {
    if (poll.options < 2) return 'A poll needs at least two options to open';
    if (poll.closesAtMs <= nowMs) return 'The closing date has passed: move it later first';
  }
  if (to === 'closed' && from === 'draft') return 'A draft cannot be closed: open it first';
  return null;
}

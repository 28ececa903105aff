// Fixed-window counters for rate limits (the signup box: per client, per address, overall). Pure: the
// stored state and the clock in, the decision and the state to store out; signup/signup-limits.ts keeps
// the state in Firestore.

/** What a counter stores: `count` taken in the window that began at `start` (ms since the epoch). */
export interface WindowCount {
  start: number;
  count: number;
}

/** At most `max` per window of `windowMs`; `max` 0 refuses everything. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export type RateDecision = { allowed: true; next: WindowCount } | { allowed: false; retryAfterMs: number };

/**
 * Whether one more may be taken at `now`. A window begins at the first take after the previous one
 * ended (so `max: 1` means "one per `windowMs` since the last", the old per-address rule) and a refusal
 * takes nothing (stores nothing: refused callers write no document). A stored start later than `now`
 * (another instance's clock running ahead) counts as the current window.
 */
export function takeOne(stored: WindowCount | undefined, limit: RateLimit, now: number): RateDecision {
  const current = stored && now < stored.start + limit.windowMs ? stored : { start: now, count: 0 };
  if (current.count < limit.max) return { allowed: true, next: { start: current.start, count: current.count + 1 } };
  return { allowed: false, retryAfterMs: current.start + limit.windowMs - now };
}

/**
 * Shard `index`'s part of `total` split over `shards` counters: the parts differ by at most one and add
 * up to `total`, so the shards together never allow more than the whole.
 */
export function shareOf(total: number, shards: number, index: number): number {
  return Math.floor(total / shards) + (index < total % shards ? 1 : 0);
}

// Peer review of course projects, as pure decisions: who reviews whom, and what a project's reviews add up to.
import { createHash } from 'node:crypto';
import type { ProjectSpec } from '../shared/courses';
import type { ProjectOutcome } from '../shared/course-projects';

/** mulberry32 seeded from the seed's SHA-256: the same seed gives the same shuffle on every run. */
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The participants in an order decided by the seed alone (Fisher–Yates), whatever order they came in. */
export function seededShuffle(items: readonly string[], seed: string): string[] {
  const out = [...new Set(items)].sort();
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface ReviewAssignment {
  reviewerUid: string;
  authorUid: string;
}

/**
 * Who reviews whom: the participants (members who submitted) go round a circle in a seeded order, and each
 * reviews the next `k` of them, k = min(required, participants − 1). So nobody reviews themselves, nobody
 * reviews the same project twice, and everyone gives and receives exactly k reviews. A cohort too small for
 * `required` (required ≥ participants) gets as many as possible: everyone reviews everyone else; a lone
 * participant gets none. Deterministic in (participants as a set, required, seed), so the job can run again.
 */
export function assignReviews(participants: readonly string[], required: number, seed: string): ReviewAssignment[] {
  const circle = seededShuffle(participants, seed);
  const k = Math.max(0, Math.min(required, circle.length - 1));
  const out: ReviewAssignment[] = [];
  circle.forEach((reviewerUid, i) => {
    for (let step = 1; step <= k; step++) out.push({ reviewerUid, authorUid: circle[(i + step) % circle.length]! });
  });
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A project's outcome once reviews are closed. `reviews` are the ones assigned to review it (`null` scores: not
 * given); `reviewsGiven` of `reviewsAssigned` is what its author did for others. It passes when the author gave
 * at least min(required, assigned to them) reviews, received at least min(required, assigned to it), and the
 * average received score (sum over criteria) reaches `passScore`. Points = average + pointsPerReview × given,
 * passed or not.
 */
export function projectOutcome(
  reviews: ReadonlyArray<{ scores: Record<string, number> | null }>,
  spec: Pick<ProjectSpec, 'reviewsRequired' | 'pointsPerReview' | 'passScore'>,
  reviewsGiven: number,
  reviewsAssigned: number,
): ProjectOutcome {
  const totals = reviews
    .map((r) => r.scores)
    .filter((s): s is Record<string, number> => s !== null)
    .map((s) => Object.values(s).reduce((sum, p) => sum + p, 0));
  const averageScore = totals.length ? round2(totals.reduce((a, b) => a + b, 0) / totals.length) : 0;
  const mustGive = Math.min(spec.reviewsRequired, reviewsAssigned);
  const mustReceive = Math.min(spec.reviewsRequired, reviews.length);
  const reasons: string[] = [];
  if (reviewsGiven < mustGive) reasons.push(`You gave ${reviewsGiven} of the ${mustGive} reviews required`);
  if (totals.length < mustReceive) reasons.push(`Your project received ${totals.length} of ${mustReceive} reviews`);
  if (averageScore < spec.passScore) reasons.push(`Average score ${averageScore} is below ${spec.passScore}`);
  return {
    passed: reasons.length === 0,
    averageScore,
    reviewsGiven,
    reviewsReceived: totals.length,
    points: round2(averageScore + spec.pointsPerReview * reviewsGiven),
    reasons,
  };
}

/** Why these scores cannot be a review against `criteria`, naming the field; null when they can. */
export function reviewScoresProblem(
  scores: Record<string, number>,
  criteria: ReadonlyArray<{ id: string; maxPoints: number }>,
): string | null {
  const known = new Set(criteria.map((c) => c.id));
  const unknown = Object.keys(scores).find((id) => !known.has(id));
  if (unknown) return `scores.${unknown}: No such criterion`;
  for (const c of criteria) {
    const given = Object.hasOwn(scores, c.id) ? scores[c.id] : undefined;
    if (given === undefined) return `scores.${c.id}: Score every criterion`;
    if (given < 0 || given > c.maxPoints) return `scores.${c.id}: Must be between 0 and ${c.maxPoints}`;
  }
  return null;
}

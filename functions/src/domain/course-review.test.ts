import { describe, expect, it } from 'vitest';
import { assignReviews, projectOutcome, reviewScoresProblem, seededShuffle } from './course-review';

const people = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

describe('assignReviews', () => {
  // [participants, required, reviews each gives and receives]
  const cases: Array<[number, number, number]> = [
    [0, 3, 0],
    [1, 3, 0],
    [2, 3, 1],
    [3, 3, 2],
    [4, 3, 3],
    [5, 2, 2],
    [10, 3, 3],
    [57, 4, 4],
    [6, 0, 0],
  ];
  it.each(cases)('%i participants, %i required: each gives and receives %i', (n, required, k) => {
    const list = assignReviews(people(n), required, 'course/cohort');
    expect(list).toHaveLength(n * k);
    for (const a of list) expect(a.reviewerUid).not.toBe(a.authorUid);
    const pairs = new Set(list.map((a) => `${a.reviewerUid}>${a.authorUid}`));
    expect(pairs.size).toBe(list.length);
    for (const uid of people(n)) {
      expect(list.filter((a) => a.reviewerUid === uid)).toHaveLength(k);
      expect(list.filter((a) => a.authorUid === uid)).toHaveLength(k);
    }
  });

  it('is deterministic in the set and the seed, not in the input order', () => {
    const a = assignReviews(people(8), 2, 'seed');
    expect(assignReviews([...people(8)].reverse(), 2, 'seed')).toEqual(a);
    expect(assignReviews(people(8), 2, 'other seed')).not.toEqual(a);
  });

  it('shuffles (not the sorted order) and ignores duplicates', () => {
    expect(seededShuffle(people(12), 'x')).not.toEqual([...people(12)].sort());
    expect(seededShuffle(['a', 'a', 'b'], 'x').sort()).toEqual(['a', 'b']);
  });
});

describe('projectOutcome', () => {
  const spec = { reviewsRequired: 2, pointsPerReview: 1, passScore: 3 };
  const r = (...totals: Array<number | null>) => totals.map((t) => ({ scores: t === null ? null : { a: t } }));
  // [reviews received, given, assigned to give, passed, average, points]
  const cases: Array<[string, ReturnType<typeof r>, number, number, boolean, number, number]> = [
    ['enough of everything', r(3, 4), 2, 2, true, 3.5, 5.5],
    ['exactly the pass score', r(3, 3), 2, 2, true, 3, 5],
    ['average just below', r(3, 2), 2, 2, false, 2.5, 4.5],
    ['gave too few', r(4, 4), 1, 2, false, 4, 5],
    ['received too few (one not given)', r(5, null), 2, 2, false, 5, 7],
    ['small cohort: one assigned each way', r(4), 1, 1, true, 4, 5],
    ['alone: no reviews, nothing to reach', r(), 0, 0, false, 0, 0],
    ['more received than required', r(3, 3, 6), 2, 2, true, 4, 6],
  ];
  it.each(cases)('%s', (_name, reviews, given, assigned, passed, average, points) => {
    const out = projectOutcome(reviews, spec, given, assigned);
    expect(out).toMatchObject({ passed, averageScore: average, points, reviewsGiven: given });
    expect(out.reasons.length === 0).toBe(passed);
  });

  it('a lone participant passes only when the pass score is 0', () => {
    expect(projectOutcome([], { ...spec, passScore: 0 }, 0, 0).passed).toBe(true);
  });
});

describe('reviewScoresProblem', () => {
  const criteria = [
    { id: 'works', maxPoints: 3 },
    { id: 'tests', maxPoints: 2 },
  ];
  it.each([
    [{ works: 3, tests: 0 }, null],
    [{ works: 4, tests: 0 }, 'scores.works: Must be between 0 and 3'],
    [{ works: 1 }, 'scores.tests: Score every criterion'],
    [{ works: 1, tests: 1, extra: 1 }, 'scores.extra: No such criterion'],
    [{ works: -1, tests: 1 }, 'scores.works: Must be between 0 and 3'],
  ])('%o → %s', (scores, problem) => {
    expect(reviewScoresProblem(scores, criteria)).toBe(problem);
  });
});

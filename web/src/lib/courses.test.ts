import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import type { AccessClaims } from '@shared/access';
import {
  catalogSections,
  courseAction,
  enrollmentLabel,
  filterCourses,
  coursePagePath,
  filterFromQuery,
  homeworkPath,
  nextCohort,
  seatsLabel,
  unitPath,
} from './courses';

const course = (id: string, kind: 'course' | 'mini', access: string, rank: number) => ({ id, kind, access, rank });
const COURSES = [
  course('open', 'course', 'public', 0),
  course('free', 'course', 'free', 10),
  course('basic', 'course', 'basic', 20),
  course('premium', 'course', 'premium', 40),
  course('mini', 'mini', 'premium', 40),
];
const ids = (list: { id: string }[]) => list.map((c) => c.id);
const basic: AccessClaims = { tier: 'basic', rank: 20 };
const premium: AccessClaims = { tier: 'premium', rank: 40 };

describe('filterCourses', () => {
  it.each([
    ['', null, ['open', 'free', 'basic', 'premium', 'mini']],
    ['course', null, ['open', 'free', 'basic', 'premium']],
    ['mini', null, ['mini']],
    ['free', null, ['open', 'free']],
    // "My plan" before the claims are known (server, visitor, hydrating): everything, so both sides agree.
    ['mine', null, ['open', 'free', 'basic', 'premium', 'mini']],
    ['mine', basic, ['open', 'free', 'basic']],
    ['mine', premium, ['open', 'free', 'basic', 'premium', 'mini']],
  ] as const)('%s for %o keeps %o', (filter, claims, expected) => {
    expect(ids(filterCourses(COURSES, filter, DEFAULT_TIERS, claims))).toEqual(expected);
  });

  it('reads the filter from the URL, anything unknown being all', () => {
    expect(filterFromQuery({ filter: 'mini' })).toBe('mini');
    expect(filterFromQuery({ filter: 'admin' })).toBe('');
    expect(filterFromQuery({ filter: ['mini'] })).toBe('');
    expect(filterFromQuery({})).toBe('');
  });
});

describe('catalogSections', () => {
  it('lists mini-courses on their own, headed with the plan they need', () => {
    const sections = catalogSections(COURSES, (a) => a.charAt(0).toUpperCase() + a.slice(1));
    expect(sections.map((s) => [s.id, s.title, ids(s.courses)])).toEqual([
      ['course', 'Courses', ['open', 'free', 'basic', 'premium']],
      ['mini', 'Mini-courses (Premium)', ['mini']],
    ]);
  });
  it('leaves out an empty section', () => {
    expect(catalogSections(COURSES.slice(4), (a) => a).map((s) => s.id)).toEqual(['mini']);
  });
});

describe('courseAction', () => {
  const act = (id: string, claims: AccessClaims | null, isAdmin = false) =>
    courseAction({ course: COURSES.find((c) => c.id === id)!, claims, isAdmin, tiers: DEFAULT_TIERS });
  it.each([
    ['open', null, { kind: 'sign-up' }],
    ['free', null, { kind: 'sign-up' }],
    ['premium', null, { kind: 'join', plan: expect.objectContaining({ id: 'premium' }) }],
    ['basic', null, { kind: 'join', plan: expect.objectContaining({ id: 'basic' }) }],
    ['premium', basic, { kind: 'upgrade', plan: expect.objectContaining({ id: 'premium' }) }],
    ['basic', basic, { kind: 'learn' }],
    ['premium', premium, { kind: 'learn' }],
    ['free', { tier: 'free', rank: 10 }, { kind: 'learn' }],
  ] as const)('%s for %o: %o', (id, claims, expected) => {
    expect(act(id, claims)).toEqual(expected);
  });
  it('lets an admin in whatever their plan', () => {
    expect(act('premium', { tier: 'free', rank: 10, admin: true }, true)).toEqual({ kind: 'learn' });
  });
});

describe('cohorts', () => {
  const DAY = 86_400_000;
  const at = Date.UTC(2027, 0, 10);
  const cohort = (id: string, startDays: number, endDays: number) => ({
    id,
    startAt: at + startDays * DAY,
    endAt: at + endDays * DAY,
    enrollmentOpensAt: at + (startDays - 20) * DAY,
    enrollmentClosesAt: at + (startDays - 1) * DAY,
    capacity: 10 as number | null,
    enrolled: 0,
  });

  it('the next cohort is the first not ended yet, by start', () => {
    const list = [cohort('later', 30, 60), cohort('past', -60, -1), cohort('running', -5, 20)];
    expect(nextCohort(list, at)?.id).toBe('running');
    expect(nextCohort([cohort('past', -60, -1)], at)).toBeNull();
  });

  it('says where enrollment stands at each edge', () => {
    const c = cohort('c', 10, 40);
    expect(enrollmentLabel(c, c.enrollmentOpensAt - 1)).toBe('Enrollment opens 31 Dec 2026');
    expect(enrollmentLabel(c, c.enrollmentOpensAt)).toBe('Enrollment open until 19 Jan 2027');
    expect(enrollmentLabel(c, c.enrollmentClosesAt - 1)).toBe('Enrollment open until 19 Jan 2027');
    expect(enrollmentLabel(c, c.enrollmentClosesAt)).toBe('Enrollment closed');
  });

  it.each([
    [10, 0, '10 seats left'],
    [10, 9, '1 seat left'],
    [10, 10, 'Full'],
    [10, 12, 'Full'],
    [null, 99, ''],
  ])('capacity %o with %o enrolled: %o', (capacity, enrolled, label) => {
    expect(seatsLabel({ capacity, enrolled })).toBe(label);
  });
});

it('links a course’s pages with the slug and ids encoded', () => {
  expect(homeworkPath('sql-basics', 'select-check')).toBe('/courses/sql-basics/homework/select-check');
  expect(coursePagePath('a b', 'leaderboard')).toBe('/courses/a%20b/leaderboard');
  expect(unitPath('c', 'u/1')).toBe('/courses/c/units/u%2F1');
});

import { describe, expect, it } from 'vitest';
import { cohortRefusal, isUnitOpen, neighbours, percentDone, resumeUnit, unitOpensAt } from './course-progress';

const at = (iso: string) => new Date(iso);
const start = at('2027-03-01T09:00:00Z');

describe('unitOpensAt', () => {
  it.each([
    ['preview unit, not enrolled', { preview: true, availableAfterDays: 7 }, null, '1970-01-01T00:00:00.000Z'],
    ['no drip, not enrolled', { preview: false, availableAfterDays: 0 }, null, '1970-01-01T00:00:00.000Z'],
    ['drip, not enrolled: never', { preview: false, availableAfterDays: 3 }, null, null],
    ['drip from the start', { preview: false, availableAfterDays: 3 }, { startsAt: start }, '2027-03-04T09:00:00.000Z'],
    ['one day', { preview: false, availableAfterDays: 1 }, { startsAt: start }, '2027-03-02T09:00:00.000Z'],
  ])('%s', (_, unit, enrollment, expected) => {
    expect(unitOpensAt(unit, enrollment)?.toISOString() ?? null).toBe(expected);
  });

  it.each([
    ['a second before', '2027-03-04T08:59:59Z', false],
    ['at the instant', '2027-03-04T09:00:00Z', true],
    ['after', '2027-03-05T00:00:00Z', true],
  ])('isUnitOpen %s', (_, now, open) => {
    expect(isUnitOpen({ preview: false, availableAfterDays: 3 }, { startsAt: start }, at(now))).toBe(open);
  });
});

const units = [
  { id: 'c', order: 2 },
  { id: 'a', order: 0 },
  { id: 'gone', order: 1, status: 'archived' as const },
  { id: 'b', order: 1 },
];

describe('neighbours', () => {
  it.each([
    ['a', null, 'b'],
    ['b', 'a', 'c'],
    ['c', 'b', null],
    ['gone', null, null],
    ['unknown', null, null],
  ])('around %s', (id, prev, next) => {
    const n = neighbours(units, id);
    expect([n.prev?.id ?? null, n.next?.id ?? null]).toEqual([prev, next]);
  });
});

describe('resumeUnit', () => {
  it.each([
    ['the last unit opened', 'b', ['a', 'b'], 'b'],
    ['the first not done when nothing was opened', null, ['a'], 'b'],
    ['the first not done when the last opened was archived', 'gone', ['a', 'b'], 'c'],
    ['the first when all are done', null, ['a', 'b', 'c'], 'a'],
  ])('%s', (_, lastUnitId, completedUnits, expected) => {
    expect(resumeUnit(units, { lastUnitId, completedUnits })?.id).toBe(expected);
  });

  it('is null for a course without units', () => {
    expect(resumeUnit([], { lastUnitId: null, completedUnits: [] })).toBeNull();
  });
});

describe('percentDone', () => {
  it.each([
    [[], 0],
    [['a'], 33],
    [['a', 'b'], 66],
    [['a', 'b', 'c'], 100],
    [['gone', 'removed-long-ago'], 0],
    [['a', 'gone'], 33],
  ])('%j done', (completed, percent) => {
    expect(percentDone(units, completed)).toBe(percent);
  });

  it('is 0 for a course without published units', () => {
    expect(percentDone([{ id: 'x', order: 0, status: 'archived' }], ['x'])).toBe(0);
  });
});

describe('cohortRefusal', () => {
  const cohort = {
    status: 'published' as const,
    enrollmentOpensAt: at('2027-02-01T00:00:00Z'),
    enrollmentClosesAt: at('2027-03-01T00:00:00Z'),
    capacity: 2 as number | null,
    enrolled: 1,
  };
  it.each([
    ['open with a seat', {}, '2027-02-10T00:00:00Z', null],
    ['at the opening instant', {}, '2027-02-01T00:00:00Z', null],
    ['before the window', {}, '2027-01-31T23:59:59Z', 'not opened yet'],
    ['at the closing instant', {}, '2027-03-01T00:00:00Z', 'closed'],
    ['full', { enrolled: 2 }, '2027-02-10T00:00:00Z', 'full'],
    ['no limit', { capacity: null, enrolled: 500 }, '2027-02-10T00:00:00Z', null],
    ['archived', { status: 'archived' as const }, '2027-02-10T00:00:00Z', 'no longer offered'],
  ])('%s', (_, over, now, refusal) => {
    const reason = cohortRefusal({ ...cohort, ...over }, at(now));
    if (refusal === null) expect(reason).toBeNull();
    else expect(reason).toContain(refusal);
  });
});

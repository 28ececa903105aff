import { describe, expect, it } from 'vitest';
import { makeCourseDocs, makeCourseSpec } from '../testing/course-factories';
import { TEST_NOW } from '../testing/factories';
import { desiredCourseDocs, planCourseSync, sameDoc, type StoredDoc } from './course-sync-plan';

const LATER = new Date(TEST_NOW.getTime() + 3_600_000);
const desiredOf = (spec = makeCourseSpec(), now = TEST_NOW) =>
  desiredCourseDocs(spec.slug, makeCourseDocs(spec, 40, now));
/** What Firestore holds after a sync of `spec`: the same documents, as stored. */
const storedOf = (spec = makeCourseSpec()) =>
  new Map<string, StoredDoc>(
    [...desiredOf(spec)].map(([p, d]) => [p, { kind: d.kind, data: structuredClone(d.data) }]),
  );
const U = 'courses/data-engineering/units';

describe('planCourseSync', () => {
  it('creates every document of a new course, the teaser last', () => {
    const plan = planCourseSync(desiredOf(), new Map(), TEST_NOW);
    expect(plan.added).toHaveLength(1 + 3 + 1 + 1 + 1); // teaser, 3 units, homework, key, cohort
    expect(plan.writes.every((w) => w.op === 'create')).toBe(true);
    expect(plan.writes.at(-1)?.path).toBe('courses/data-engineering');
    expect(plan).toMatchObject({ changed: [], archived: [] });
  });

  it('writes nothing when only the clock (updatedAt) or the commit differs', () => {
    const wanted = desiredCourseDocs('data-engineering', {
      ...makeCourseDocs(makeCourseSpec(), 40, LATER),
      teaser: { ...makeCourseDocs(makeCourseSpec(), 40, LATER).teaser, commit: 'abc123' },
    });
    expect(planCourseSync(wanted, storedOf(), LATER).writes).toEqual([]);
  });

  const edits: [string, (spec: ReturnType<typeof makeCourseSpec>) => void, string[]][] = [
    ['a unit body', (s) => void (s.modules[0]!.units[1]!.markdown = 'new body'), [`${U}/first-pipeline`]],
    // a title shows in the syllabus too
    [
      'a unit title',
      (s) => void (s.modules[1]!.units[0]!.title = 'Star schemas'),
      [`${U}/modelling`, 'courses/data-engineering'],
    ],
    [
      'a question answer (the key only)',
      (s) => void (s.modules[0]!.homework[0]!.questions[4]!.answer = 'dir'),
      ['courses/data-engineering/homework/hw-basics', 'courses/data-engineering/homework/hw-basics/private/key'],
    ],
    ['a cohort capacity', (s) => void (s.cohorts[0]!.capacity = 80), ['courses/data-engineering/cohorts/2027-spring']],
    ['the course summary', (s) => void (s.summary = 'Shorter.'), ['courses/data-engineering']],
  ];
  it.each(edits)('changing %s rewrites only what shows it', (_, edit, paths) => {
    const spec = makeCourseSpec();
    edit(spec);
    const plan = planCourseSync(desiredOf(spec), storedOf(), LATER);
    expect(plan.changed.sort()).toEqual([...paths].sort());
    expect(plan.writes.map((w) => w.op)).toEqual(paths.map(() => 'update'));
  });

  it('moving a unit to another module and renaming its file keeps its document (same id), updated in place', () => {
    const spec = makeCourseSpec();
    const [welcome, first] = spec.modules[0]!.units;
    spec.modules[0]!.units = [welcome!];
    spec.modules[1]!.units.push({ ...first!, sourcePath: 'data-engineering/02-warehouse/09-renamed.md' });
    const plan = planCourseSync(desiredOf(spec), storedOf(), LATER);
    expect(plan.added).toEqual([]);
    expect(plan.archived).toEqual([]);
    expect(plan.changed).toContain(`${U}/first-pipeline`);
    const write = plan.writes.find((w) => w.path === `${U}/first-pipeline`);
    expect(write).toMatchObject({ op: 'update', data: { moduleId: 'warehouse', order: 2 } });
  });

  it('archives a removed unit (never deletes it) and does not archive it twice', () => {
    const spec = makeCourseSpec();
    spec.modules[1]!.units = [];
    const stored = storedOf();
    const plan = planCourseSync(desiredOf(spec), stored, LATER);
    expect(plan.archived).toEqual([`${U}/modelling`]);
    expect(plan.writes.find((w) => w.path === `${U}/modelling`)).toEqual({
      path: `${U}/modelling`,
      op: 'archive',
      data: { status: 'archived', updatedAt: LATER },
    });
    stored.get(`${U}/modelling`)!.data.status = 'archived';
    expect(planCourseSync(desiredOf(spec), stored, LATER).archived).toEqual([]);
  });

  it('publishes an archived unit again when it comes back', () => {
    const stored = storedOf();
    stored.get(`${U}/modelling`)!.data.status = 'archived';
    expect(planCourseSync(desiredOf(), stored, LATER).changed).toEqual([`${U}/modelling`]);
  });

  it('archives a removed course with all its documents, but keeps answer keys as they are', () => {
    const plan = planCourseSync(new Map(), storedOf(), LATER);
    expect(plan.archived).toHaveLength(6);
    expect(plan.archived).not.toContain('courses/data-engineering/homework/hw-basics/private/key');
    expect(plan.writes.at(-1)?.path).toBe('courses/data-engineering');
  });

  it('never writes the enrolled counter of an existing cohort, and does not count it as a change', () => {
    const stored = storedOf();
    stored.get('courses/data-engineering/cohorts/2027-spring')!.data.enrolled = 17;
    expect(planCourseSync(desiredOf(), stored, LATER).writes).toEqual([]);
    const spec = makeCourseSpec();
    spec.cohorts[0]!.title = 'Spring cohort';
    const write = planCourseSync(desiredOf(spec), stored, LATER).writes[0]!;
    expect(write.op).toBe('update');
    expect(write.data).not.toHaveProperty('enrolled');
    expect(write.data).toMatchObject({ title: 'Spring cohort' });
  });

  it('a new cohort starts its counter at 0', () => {
    const plan = planCourseSync(desiredOf(), new Map(), TEST_NOW);
    expect(plan.writes.find((w) => w.path.endsWith('/cohorts/2027-spring'))?.data).toMatchObject({ enrolled: 0 });
  });
});

describe('sameDoc', () => {
  const rows: [string, Record<string, unknown>, Record<string, unknown>, boolean][] = [
    ['map key order', { a: 1, b: { c: 1, d: 2 } }, { b: { d: 2, c: 1 }, a: 1 }, true],
    ['a date and the same instant', { at: new Date(0) }, { at: new Date(0) }, true],
    ['another instant', { at: new Date(0) }, { at: new Date(1) }, false],
    ['array order', { a: [1, 2] }, { a: [2, 1] }, false],
    ['a field more', { a: 1 }, { a: 1, b: null }, false],
    ['updatedAt only', { a: 1, updatedAt: new Date(0) }, { a: 1, updatedAt: new Date(5) }, true],
  ];
  it.each(rows)('%s', (_, a, b, same) => expect(sameDoc('unit', a, b)).toBe(same));
});

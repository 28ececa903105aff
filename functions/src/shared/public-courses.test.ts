import { describe, expect, it } from 'vitest';
import { makeCourseDocs } from '../testing/course-factories';
import { PUBLIC_COHORT_FIELDS, PUBLIC_COURSE_FIELDS, publicCohort, publicCourse } from './public-courses';

describe('publicCourse', () => {
  const docs = makeCourseDocs();
  const stored = {
    ...docs.teaser,
    updatedAt: 2000,
    // What a public page must never carry, were it ever stored on a teaser by mistake.
    html: docs.units['first-pipeline']!.html,
    answers: docs.keys['hw-basics']!.answers,
  };

  it('keeps the public fields only, with the slug and converted times', () => {
    const course = publicCourse('data-engineering', stored, (t: number) => `t${t}`);
    expect(Object.keys(course).sort()).toEqual([...PUBLIC_COURSE_FIELDS, 'id'].sort());
    expect(course).toMatchObject({ id: 'data-engineering', title: 'Data engineering', updatedAt: 't2000' });
    const text = JSON.stringify(course);
    expect(text).not.toContain('GATED-UNIT-BODY');
    expect(text).not.toContain('parquet');
    // The teaser's commit and project (criteria, pass score) stay out too.
    expect(text).not.toContain('"commit"');
    expect(text).not.toContain('Tests exist and pass');
  });

  it('copies the syllabus field by field: a unit that carried its body by mistake does not leak it', () => {
    const leaky = structuredClone(stored);
    Object.assign(leaky.syllabus[0]!.units[1]!, { html: 'GATED-UNIT-BODY', video: { provider: 'vimeo', ref: 'x' } });
    Object.assign(leaky.instructors[0]!, { email: 'ada@example.com' });
    const course = publicCourse('data-engineering', leaky, (t: number) => t);
    expect(JSON.stringify(course)).not.toContain('GATED-UNIT-BODY');
    expect(JSON.stringify(course)).not.toContain('ada@example.com');
    expect(course.syllabus[0]!.units.map((u) => [u.id, u.preview, u.hasVideo])).toEqual([
      ['welcome', true, true],
      ['first-pipeline', false, false],
    ]);
    expect(course.syllabus[1]!.units[0]!.availableAfterDays).toBe(7);
    expect(course.syllabus[0]!.homework).toEqual([{ id: 'hw-basics', title: 'Basics homework', points: 12 }]);
  });
});

describe('publicCohort', () => {
  it('keeps dates, capacity and seats taken; never deadlines or sessions', () => {
    const stored = docs();
    const cohort = publicCohort('2027-spring', stored, (d: Date) => d.getTime());
    expect(Object.keys(cohort).sort()).toEqual([...PUBLIC_COHORT_FIELDS, 'id'].sort());
    expect(cohort).toMatchObject({ id: '2027-spring', capacity: 50, enrolled: 0 });
    expect(cohort.startAt).toBe(stored.startAt.getTime());
  });
  const docs = () => makeCourseDocs().cohorts['2027-spring']!;
});

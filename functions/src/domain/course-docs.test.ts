import { describe, expect, it } from 'vitest';
import { makeCourseDocs, makeCourseSpec } from '../testing/course-factories';

describe('courseDocs', () => {
  const docs = makeCourseDocs(makeCourseSpec(), 40);

  it('gates every unit at the course rank except preview units, which are public', () => {
    expect(docs.units.welcome).toMatchObject({ access: 'public', rank: 0, preview: true, order: 0 });
    expect(docs.units['first-pipeline']).toMatchObject({ access: 'premium', rank: 40, order: 1 });
    expect(docs.units.modelling).toMatchObject({ moduleId: 'warehouse', order: 2, availableAfterDays: 7 });
  });

  it('keeps answers out of the homework members read and in the key', () => {
    expect(JSON.stringify(docs.homework['hw-basics'])).not.toContain('parquet');
    expect(docs.keys['hw-basics']?.answers['q-contains']).toMatchObject({ answer: 'parquet', points: 1 });
  });

  it('puts titles only in the public teaser, with the most points a member can earn', () => {
    expect(JSON.stringify(docs.teaser)).not.toContain('GATED-UNIT-BODY');
    // questions 9 + links 3 = 12; project criteria 5 + reviews 2 × 1 = 7
    expect(docs.teaser).toMatchObject({ unitCount: 3, maxPoints: 19, rank: 40 });
    expect(docs.teaser.syllabus.map((m) => m.units.map((u) => u.id))).toEqual([
      ['welcome', 'first-pipeline'],
      ['modelling'],
    ]);
  });

  it('turns cohort dates into instants', () => {
    expect(docs.cohorts['2027-spring']?.deadlines['hw-basics']).toBeInstanceOf(Date);
  });
});

import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '../shared/event-schema';
import { cohortSessionEvents, sessionEventId } from './course-cohorts';

const course = { slug: 'data-eng', title: 'Data engineering', summary: 'Pipelines.', access: 'premium' };
const session = (n: number) => ({
  title: `Session ${n}`,
  start: `2027-03-0${n}T17:00:00Z`,
  end: `2027-03-0${n}T18:30:00Z`,
});
const cohort = (over: Partial<Parameters<typeof cohortSessionEvents>[1]> = {}) => ({
  id: 'spring',
  title: 'Spring',
  status: 'published' as const,
  sessions: [session(1), session(2)],
  ...over,
});

describe('cohortSessionEvents', () => {
  it('makes one published event per session with a deterministic id, the course access, valid input', () => {
    const { upsert, cancel } = cohortSessionEvents(course, cohort(), 2);
    expect(upsert.map((e) => e.id)).toEqual(['data-eng-spring-1', 'data-eng-spring-2']);
    expect(upsert[0]?.input).toMatchObject({
      title: 'Data engineering: Session 1',
      status: 'published',
      access: 'premium',
      start: '2027-03-01T17:00',
      end: '2027-03-01T18:30',
      timeZone: 'UTC',
    });
    for (const e of upsert) expect(eventInputSchema.safeParse(e.input).success).toBe(true);
    expect(cancel).toEqual([]);
  });

  it.each([
    ['a session removed', cohort({ sessions: [session(1)] }), 2, ['data-eng-spring-2']],
    ['all removed', cohort({ sessions: [] }), 2, ['data-eng-spring-1', 'data-eng-spring-2']],
    ['an archived cohort', cohort({ status: 'archived' }), 2, ['data-eng-spring-1', 'data-eng-spring-2']],
    ['a new cohort', cohort(), 0, []],
  ])('cancels the events of %s', (_, c, before, cancelled) => {
    expect(cohortSessionEvents(course, c, before).cancel).toEqual(cancelled);
  });

  it('builds ids the way the trigger names them', () => {
    expect(sessionEventId('a', 'b', 3)).toBe('a-b-3');
  });
});

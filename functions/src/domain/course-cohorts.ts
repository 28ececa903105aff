// A cohort's live sessions as events on the calendar: one published event per session, with a deterministic id
// (`{courseSlug}-{cohortId}-{n}`, n from 1) so writing the cohort again updates the same events, and a session
// that disappeared is the event to cancel. Pure; the trigger in courses/cohorts writes.
import type { EventInput } from '../shared/event-schema';
import type { CohortSessionSpec, CourseStatus } from '../shared/courses';
import { DEFAULT_JOIN_WINDOW_MINUTES } from '../shared/events';
import { localOf } from './events';

export const sessionEventId = (courseSlug: string, cohortId: string, n: number) => `${courseSlug}-${cohortId}-${n}`;

export interface CohortEventsCourse {
  slug: string;
  title: string;
  summary: string;
  access: string;
}

export interface CohortEventsCohort {
  id: string;
  title: string;
  status: CourseStatus;
  sessions: CohortSessionSpec[];
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The events a cohort's sessions should be (`upsert`, by id) and the ids of events whose session is gone
 * (`cancel`): sessions past the current count up to the count before, or every session of an archived cohort.
 */
export function cohortSessionEvents(
  course: CohortEventsCourse,
  cohort: CohortEventsCohort,
  sessionsBefore: number,
): { upsert: { id: string; input: EventInput }[]; cancel: string[] } {
  const live = cohort.status === 'published' ? cohort.sessions : [];
  const upsert = live.map((session, i) => ({
    id: sessionEventId(course.slug, cohort.id, i + 1),
    input: {
      title: clip(`${course.title}: ${session.title}`, 160),
      summary: clip(`A live session of ${course.title}, ${cohort.title}.`, 600),
      description: course.summary,
      kind: 'async' as const,
      status: 'published' as const,
      access: course.access,
      start: localOf(new Date(session.start), 'UTC'),
      end: localOf(new Date(session.end), 'UTC'),
      timeZone: 'UTC',
      capacity: null,
      joinWindowMinutes: DEFAULT_JOIN_WINDOW_MINUTES,
      place: null,
      joinUrl: null,
      details: `Part of the course [${course.title.replace(/[[\]]/g, '')}](/courses/${course.slug}).`,
    },
  }));
  const cancel: string[] = [];
  for (let n = live.length + 1; n <= Math.max(sessionsBefore, cohort.sessions.length); n++)
    cancel.push(sessionEventId(course.slug, cohort.id, n));
  return { upsert, cancel };
}

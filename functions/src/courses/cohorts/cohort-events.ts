// Keeps a cohort's sessions on the calendar: creates or updates `events/{courseSlug}-{cohortId}-{n}` through
// the event store (so the change log, mails and mirrors behave as for any event) and cancels the events of
// sessions that are gone. The course file is the source: an admin's edit of such an event is overwritten by
// the next sync that changes the cohort.
import { logger } from 'firebase-functions';
import { cohortSessionEvents } from '../../domain/course-cohorts';
import { Refusal } from '../../domain/refusal';
import { cancelEvent, createEvents, updateEvent, type EventDeps } from '../../events/event-store';
import { EVENTS } from '../../shared/events';
import type { CourseCohort, CourseTeaser } from '../../shared/courses';
import { courseRefs } from '../course-refs';

type StoredCohort = Pick<CourseCohort, 'title' | 'status' | 'sessions'>;

/** Whether the write changed what the events show (the `enrolled` counter moving changes nothing). */
export function sessionsChanged(before: StoredCohort | undefined, after: StoredCohort | undefined): boolean {
  const facts = (c: StoredCohort | undefined) => (c ? JSON.stringify([c.title, c.status, c.sessions]) : null);
  return facts(before) !== facts(after);
}

/** Applies one cohort write to the calendar; answers the event ids written and cancelled. */
export async function syncCohortEvents(
  deps: EventDeps,
  courseSlug: string,
  cohortId: string,
  before: StoredCohort | undefined,
  after: StoredCohort | undefined,
): Promise<{ upserted: string[]; cancelled: string[] }> {
  const done = { upserted: [] as string[], cancelled: [] as string[] };
  if (!sessionsChanged(before, after)) return done;
  const teaser = (await courseRefs(deps.db, courseSlug).course.get()).data() as CourseTeaser | undefined;
  if (!teaser) {
    logger.warn(`cohort ${courseSlug}/${cohortId} without its course: no events`);
    return done;
  }
  const cohort = after ?? { title: '', status: 'archived' as const, sessions: before?.sessions ?? [] };
  const plan = cohortSessionEvents(
    { slug: courseSlug, title: teaser.title, summary: teaser.summary, access: teaser.access },
    { id: cohortId, ...cohort },
    before?.sessions.length ?? 0,
  );
  for (const { id, input } of plan.upsert) {
    try {
      const exists = (await deps.db.collection(EVENTS).doc(id).get()).exists;
      if (exists) await updateEvent(deps, id, input);
      else await createEvents(deps, input, null, [id]);
      done.upserted.push(id);
    } catch (err) {
      // A session the event rules refuse (end before start): logged; the other sessions still go up.
      if (!(err instanceof Refusal)) throw err;
      logger.warn(`cohort session ${id} not published: ${err.message}`);
    }
  }
  for (const id of plan.cancel) {
    if (!(await deps.db.collection(EVENTS).doc(id).get()).exists) continue;
    await cancelEvent(deps, id, true);
    done.cancelled.push(id);
  }
  return done;
}

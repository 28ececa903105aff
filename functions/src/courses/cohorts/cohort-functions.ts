import { logger } from 'firebase-functions';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { deps } from '../../app/deps';
import { COURSES, COURSE_COHORTS, type CourseCohort } from '../../shared/courses';
import { syncCohortEvents } from './cohort-events';

/** A cohort written by the sync (or its counter moving): its sessions as events on the calendar. */
export const cohortSessionsToEvents = onDocumentWritten(
  { document: `${COURSES}/{courseId}/${COURSE_COHORTS}/{cohortId}`, retry: true },
  async (event) => {
    const { courseId, cohortId } = event.params;
    const result = await syncCohortEvents(
      deps(),
      courseId,
      cohortId,
      event.data?.before.data() as CourseCohort | undefined,
      event.data?.after.data() as CourseCohort | undefined,
    );
    if (result.upserted.length || result.cancelled.length) logger.info(`cohort ${courseId}/${cohortId} events`, result);
  },
);

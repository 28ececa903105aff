// "Your cohort has started": one mail per member enrolled in a cohort that started in the last few days,
// through the outbox with a deterministic key, so a rerun (or the next run of the schedule) queues nothing
// twice, and a member who enrolls on the first days still hears of it.
import { logger } from 'firebase-functions';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { Settings } from '../../app/settings';
import { DAY_MS } from '../../domain/course-progress';
import { queueMailOnce } from '../../mail/queue-mail';
import { COURSES, type CourseCohort, type CourseEnrollment, type CourseTeaser } from '../../shared/courses';
import { MEMBERS, type MemberDoc } from '../../shared/members';
import { cohortOf, courseRefs } from '../course-refs';

export interface CohortStartDeps {
  db: Firestore;
  now: () => Date;
  settings: Pick<Settings, 'appUrl'>;
}

/** How long after its start a cohort's members are still told it started. */
export const COHORT_START_MAIL_DAYS = 3;

export const cohortStartMailKey = (courseId: string, cohortId: string, uid: string) =>
  `course-cohort-started-${courseId}-${cohortId}-${uid}`;

export async function announceCohortStarts(deps: CohortStartDeps): Promise<{ cohorts: number; queued: number }> {
  const now = deps.now();
  const courses = await deps.db.collection(COURSES).where('status', '==', 'published').get();
  let cohorts = 0;
  let queued = 0;
  for (const course of courses.docs) {
    const teaser = course.data() as CourseTeaser;
    const refs = courseRefs(deps.db, course.id);
    const started = await refs.cohorts
      .where('startAt', '<=', Timestamp.fromDate(now))
      .where('startAt', '>', Timestamp.fromMillis(now.getTime() - COHORT_START_MAIL_DAYS * DAY_MS))
      .get();
    for (const snap of started.docs) {
      const cohort = cohortOf(snap.data() as CourseCohort<unknown>);
      if (cohort.status !== 'published') continue;
      cohorts++;
      try {
        const enrolled = await refs.enrollments.where('cohortId', '==', snap.id).get();
        for (const e of enrolled.docs) {
          const { uid } = e.data() as CourseEnrollment;
          const member = (await deps.db.collection(MEMBERS).doc(uid).get()).data() as MemberDoc | undefined;
          if (!member?.email) continue; // a deleted account
          const sent = await queueMailOnce(
            deps.db,
            {
              key: cohortStartMailKey(course.id, snap.id, uid),
              to: member.email,
              uid,
              template: 'course-cohort-started',
              data: {
                courseTitle: teaser.title,
                cohortTitle: cohort.title,
                courseUrl: `${deps.settings.appUrl}/courses/${course.id}`,
              },
            },
            now,
          );
          if (sent) queued++;
        }
      } catch (err) {
        // One cohort failing must not hold up the others; the next run resumes it (the keys skip what is queued).
        logger.warn(`cohort start mail ${course.id}/${snap.id}: failed, the next run resumes`, err);
      }
    }
  }
  return { cohorts, queued };
}

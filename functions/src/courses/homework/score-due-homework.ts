// The deadline job: every homework whose cohort deadline has passed gets its unscored submissions scored with the
// key, then a "done" mark (`private/scored_{cohortId}`) so later runs skip it. Each submission is scored in its
// own transaction with the member's points, and a scored one is never scored again, so a run that crashes or
// runs out of budget halfway is simply finished by the next one, without counting anything twice.
import { Timestamp } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { scoringDue } from '../../domain/course-scoring';
import { COURSES, COURSE_COHORTS, COURSE_PRIVATE, type CourseCohort } from '../../shared/courses';
import { scoredMarkId } from '../../shared/course-homework';
import { homeworkRefs, scoreSubmission, type HomeworkDeps } from './homework-store';

export interface ScoreDueOptions {
  /** Submissions read per query. */
  pageSize?: number;
  /** Submissions scored at most in this run; the rest wait for the next run. */
  budget?: number;
}

export interface ScoreDueResult {
  /** Submissions scored in this run. */
  scored: number;
  /** `courseId/homeworkId/cohortId` marked done in this run. */
  completed: string[];
  /** False when the budget stopped the run before every due homework was done. */
  finished: boolean;
}

/** The project has a deadline in the same map; it is not homework. */
const NOT_HOMEWORK = new Set(['project']);

export async function scoreDueHomework(deps: HomeworkDeps, options: ScoreDueOptions = {}): Promise<ScoreDueResult> {
  const { db } = deps;
  const pageSize = options.pageSize ?? 100;
  let budget = options.budget ?? 5_000;
  const result: ScoreDueResult = { scored: 0, completed: [], finished: true };
  const courses = await db.collection(COURSES).select().get();
  for (const course of courses.docs) {
    const cohorts = await course.ref.collection(COURSE_COHORTS).get();
    for (const cohort of cohorts.docs) {
      const deadlines = (cohort.data() as CourseCohort<Timestamp>).deadlines ?? {};
      for (const [homeworkId, at] of Object.entries(deadlines)) {
        if (NOT_HOMEWORK.has(homeworkId) || !(at instanceof Timestamp) || !scoringDue(at.toDate(), deps.now()))
          continue;
        const refs = homeworkRefs(db, course.id, homeworkId);
        const mark = refs.homework.collection(COURSE_PRIVATE).doc(scoredMarkId(cohort.id));
        // Done for this deadline; a sync that moved the deadline later makes it due again (scored ones stay).
        const done = (await mark.get()).get('deadline') as Timestamp | undefined;
        if (done?.isEqual(at)) continue;
        let failed = false;
        while (!failed) {
          if (budget <= 0) return { ...result, finished: false };
          const page = await refs.submissions
            .where('cohortId', '==', cohort.id)
            .where('status', '==', 'submitted')
            .limit(Math.min(pageSize, budget))
            .get();
          if (page.empty) break;
          for (const doc of page.docs) {
            budget--;
            try {
              if (await scoreSubmission(deps, refs, doc.id)) result.scored++;
            } catch (err) {
              // Logged and left for the next run (no mark), without holding up the other homework.
              logger.warn('homework scoring failed', { path: doc.ref.path, err });
              failed = true;
              result.finished = false;
              break;
            }
          }
        }
        if (failed) continue;
        await mark.set({ cohortId: cohort.id, deadline: at, doneAt: deps.now() });
        result.completed.push(`${course.id}/${homeworkId}/${cohort.id}`);
      }
    }
  }
  return result;
}

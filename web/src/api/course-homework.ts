// Homework (docs/architecture.md, "Courses" → Homework): the homework's questions and the member's own submission
// followed live (functions write it; the rules let a member read only their own), the cohort's deadline, and the
// callables. Admins list the submissions whose free text awaits a score.
import { COURSES, COURSE_COHORTS, COURSE_ENROLLMENTS, COURSE_HOMEWORK, type CourseHomework } from '@shared/courses';
import { HOMEWORK_SUBMISSIONS, type Answer, type HomeworkSubmission } from '@shared/course-homework';
import { liveDoc, liveQuery } from '@/composables/live-sources';
import { callFunction } from '@/lib/firebase';

type Time = { toDate(): Date };

const hwPath = (courseId: string, homeworkId: string) => `${COURSES}/${courseId}/${COURSE_HOMEWORK}/${homeworkId}`;

export const liveHomework = (courseId: string, homeworkId: string) =>
  liveDoc(
    ({ doc }, db) => doc(db, hwPath(courseId, homeworkId)),
    (_, data) => data as CourseHomework<Time>,
  );

export const liveSubmission = (courseId: string, homeworkId: string, uid: string) =>
  liveDoc(
    ({ doc }, db) => doc(db, `${hwPath(courseId, homeworkId)}/${HOMEWORK_SUBMISSIONS}/${uid}`),
    (_, data) => data as HomeworkSubmission<Time>,
  );

/** The member's cohort id (null: self-paced), from their enrollment. */
export const liveEnrollmentCohort = (courseId: string, uid: string) =>
  liveDoc(
    ({ doc }, db) => doc(db, `${COURSES}/${courseId}/${COURSE_ENROLLMENTS}/${uid}`),
    (_, data) => ({ cohortId: (data.cohortId as string | null) ?? null }),
  );

/** The cohort's deadline for one homework; null when it sets none (self-paced). */
export const liveDeadline = (courseId: string, cohortId: string, homeworkId: string) =>
  liveDoc(
    ({ doc }, db) => doc(db, `${COURSES}/${courseId}/${COURSE_COHORTS}/${cohortId}`),
    (_, data) => ((data.deadlines as Record<string, Time> | undefined)?.[homeworkId]?.toDate() ?? null) as Date | null,
  );

export const submitHomework = (
  courseId: string,
  homeworkId: string,
  answers: Record<string, Answer>,
  links: string[],
) => callFunction('submitHomework', { courseId, homeworkId, answers, links });

export const getHomeworkResults = (courseId: string, homeworkId: string) =>
  callFunction('getHomeworkResults', { courseId, homeworkId });

/** Admin: scored submissions with a free-text answer no admin has scored yet. */
export const liveReviewQueue = (courseId: string, homeworkId: string, max = 100) =>
  liveQuery(
    ({ collection, limit, query, where }, db) =>
      query(
        collection(db, `${hwPath(courseId, homeworkId)}/${HOMEWORK_SUBMISSIONS}`),
        where('needsReview', '==', true),
        limit(max),
      ),
    (id, data) => ({ id, ...(data as HomeworkSubmission<Time>) }),
  );

/** Admin: the courses and their homework, for the queue's pickers (titles from the public teasers). */
export const liveCourseHomework = () =>
  liveQuery(
    ({ collection, query }, db) => query(collection(db, COURSES)),
    (id, data) => ({
      id,
      title: String(data.title ?? id),
      homework: ((data.syllabus ?? []) as { homework?: { id: string; title: string }[] }[]).flatMap(
        (m) => m.homework ?? [],
      ),
    }),
  );

export const scoreFreeText = (input: {
  courseId: string;
  homeworkId: string;
  uid: string;
  questionId: string;
  points: number;
  feedback: string;
}) => callFunction('scoreFreeText', input);

// Homework entry points (docs/architecture.md, "Courses" → Homework). Scores are written only here and by the
// deadline job (`scoreDueHomeworkEvery5Minutes` in schedules/jobs.ts).
import { callable } from '../../app/callable';
import { deps } from '../../app/deps';
import { homeworkRefSchema, scoreFreeTextSchema, submitHomeworkSchema } from '../../shared/course-homework-schema';
import { homeworkResults, scoreFreeText as scoreFreeTextIn, submitHomework as submit } from './homework-store';

export const submitHomework = callable(
  'submitHomework',
  { schema: submitHomeworkSchema, caller: 'member' },
  async (input, { caller }) => submit(deps(), caller.uid, caller.token, input),
);

export const scoreFreeText = callable(
  'scoreFreeText',
  { schema: scoreFreeTextSchema, caller: 'admin' },
  async (input) => ({
    score: await scoreFreeTextIn(deps(), input),
  }),
);

export const getHomeworkResults = callable(
  'getHomeworkResults',
  { schema: homeworkRefSchema, caller: 'member' },
  async ({ courseId, homeworkId }, { caller }) =>
    homeworkResults(deps(), caller.uid, caller.token, courseId, homeworkId),
);

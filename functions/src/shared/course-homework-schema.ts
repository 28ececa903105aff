// The homework callables' request schemas; kept apart from course-homework.ts so the web's pages carry no zod.
import { z } from 'zod';
import { docId } from './fields';
import { MAX_ANSWERS, MAX_FEEDBACK, MAX_FREE_ANSWER, MAX_LINKS, MAX_URL_LENGTH } from './course-homework';

const answer = z.union([
  z.number(),
  z.array(z.number()).max(100),
  z.string().max(MAX_FREE_ANSWER, `At most ${MAX_FREE_ANSWER} characters`),
]);

/** The shape of a submission; per-question types are checked against the homework (`answerProblems`). */
export const submitHomeworkSchema = z.strictObject({
  courseId: docId,
  homeworkId: docId,
  answers: z
    .record(docId, answer)
    .refine((a) => Object.keys(a).length <= MAX_ANSWERS, `At most ${MAX_ANSWERS} answers`),
  links: z.array(z.string().max(MAX_URL_LENGTH, 'This link is too long')).max(MAX_LINKS, `At most ${MAX_LINKS} links`),
});

export const homeworkRefSchema = z.strictObject({ courseId: docId, homeworkId: docId });

export const scoreFreeTextSchema = z.strictObject({
  courseId: docId,
  homeworkId: docId,
  uid: docId,
  questionId: docId,
  points: z.number().min(0, 'Points cannot be negative').max(10_000),
  feedback: z.string().trim().max(MAX_FEEDBACK, `At most ${MAX_FEEDBACK} characters`),
});

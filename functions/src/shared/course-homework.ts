// Homework submissions and scores: the shapes web and functions share (docs/architecture.md, "Courses" → Homework;
// words in CONTEXT.md). The member submits through `submitHomework`; only functions write a submission, so no client
// can write a score.

/** `courses/{courseId}/homework/{homeworkId}/submissions/{uid}`: the member reads their own, admins read all. */
export const HOMEWORK_SUBMISSIONS = 'submissions';
/** `courses/{courseId}/homework/{homeworkId}/private/scored_{cohortId}`: the deadline job's "done" mark. */
export const scoredMarkId = (cohortId: string) => `scored_${cohortId}`;

/** One answer, per question type: choice: an option's index; checkboxes: indexes; number/integer: a number;
 * exact/contains/free: text. */
export type Answer = number | number[] | string;

export interface HomeworkScore {
  /** Points per question id; null: a free-text answer no admin has scored yet. */
  byQuestion: Record<string, number | null>;
  /** Learning-in-public points (valid distinct https links, capped). */
  links: number;
  /** The questions' points scored so far plus `links`. */
  total: number;
}

export interface HomeworkSubmission<Time = unknown> {
  uid: string;
  /** The member's cohort when they submitted; null: self-paced. */
  cohortId: string | null;
  answers: Record<string, Answer>;
  links: string[];
  submittedAt: Time;
  updatedAt: Time;
  /** `scored`: the closed questions and links are scored (at the deadline, or at once when self-paced); final. */
  status: 'submitted' | 'scored';
  score: HomeworkScore | null;
  /** Admin feedback per question id (free text). */
  feedback: Record<string, string>;
  /** True while a scored submission has a free-text answer without an admin's score (the admin queue). */
  needsReview: boolean;
  scoredAt: Time | null;
}

export const MAX_TEXT_ANSWER = 2_000;
export const MAX_FREE_ANSWER = 20_000;
export const MAX_LINKS = 20;
export const MAX_URL_LENGTH = 2_000;
export const MAX_FEEDBACK = 5_000;
/** Questions in one homework the schema accepts (far more than any homework file has). */
export const MAX_ANSWERS = 200;

/** What `getHomeworkResults` answers: per question, the correct answer and what the member scored. */
export interface HomeworkResults {
  /** When the results opened (the deadline, or the self-paced scoring). */
  openedAt: string;
  questions: {
    id: string;
    type: string;
    points: number;
    answer: number | number[] | string | null;
    tolerance: number;
  }[];
  submission: {
    answers: Record<string, Answer>;
    links: string[];
    score: HomeworkScore | null;
    feedback: Record<string, string>;
  } | null;
}

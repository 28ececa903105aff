// Homework scoring: pure decisions over a homework's key (`private/key`) and a member's answers. The callables and
// the deadline job (courses/homework/) only load, call these and write. Rules per type (docs/architecture.md,
// "Courses" → Homework):
// - choice: the option's index equals the key's.
// - checkboxes: all or nothing: exactly the key's set of indexes (order and repeats ignored); no partial credit.
// - number: |given - answer| <= tolerance, with a slack of a few units in the last place so float rounding (0.1 + 0.2 against 0.3,
//   1.51 against 1.5 ± 0.01) never costs a point.
// - integer: equal; a non-integer is refused at submission.
// - exact: equal after trimming, collapsing inner whitespace and ignoring case.
// - contains: the answer contains the key's text, ignoring case (whitespace collapsed on both).
// - free: null until an admin scores it, and an admin's points are capped at the question's.
// - links ("learning in public"): distinct valid https URLs (the fragment ignored), times pointsPerLink, at most
//   maxLinks of them.
import type { HomeworkKey, LinksSpec, PublicQuestion, QuestionType } from '../shared/courses';
import type { Answer, HomeworkScore } from '../shared/course-homework';
import { MAX_FREE_ANSWER, MAX_TEXT_ANSWER } from '../shared/course-homework';

export type KeyEntry = HomeworkKey['answers'][string];

const collapse = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Whether a number is within tolerance of the answer (edges included, float rounding forgiven). */
export function withinTolerance(given: number, answer: number, tolerance: number): boolean {
  // A few units in the last place of the numbers compared: rounding, never a real difference.
  const slack = 16 * Number.EPSILON * Math.max(1, Math.abs(answer), Math.abs(given));
  return Math.abs(given - answer) <= Math.max(0, tolerance) + slack;
}

/** Points for one closed question; null for free text (an admin scores it) or a key without an answer. */
export function scoreQuestion(key: KeyEntry, given: Answer | undefined): number | null {
  if (key.type === 'free') return null;
  if (given === undefined) return 0;
  const right = (() => {
    switch (key.type) {
      case 'choice':
        return typeof given === 'number' && given === key.answer;
      case 'checkboxes': {
        if (!Array.isArray(given) || !Array.isArray(key.answer)) return false;
        const a = [...new Set(given)].sort((x, y) => x - y);
        const b = [...new Set(key.answer)].sort((x, y) => x - y);
        return a.length === b.length && a.every((v, i) => v === b[i]);
      }
      case 'number':
        return typeof given === 'number' && typeof key.answer === 'number' && Number.isFinite(given)
          ? withinTolerance(given, key.answer, key.tolerance)
          : false;
      case 'integer':
        return typeof given === 'number' && Number.isInteger(given) && given === key.answer;
      case 'exact':
        return typeof given === 'string' && typeof key.answer === 'string' && collapse(given) === collapse(key.answer);
      case 'contains':
        return (
          typeof given === 'string' && typeof key.answer === 'string' && collapse(given).includes(collapse(key.answer))
        );
    }
  })();
  return right ? key.points : 0;
}

/** The link as counted: a valid https URL without its fragment, or null. */
export function normalLink(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !url.hostname.includes('.')) return null;
  url.hash = '';
  return url.href;
}

/** Learning-in-public points: distinct valid https links, capped at maxLinks × pointsPerLink. */
export function scoreLinks(links: readonly string[], spec: LinksSpec | null): number {
  if (!spec) return 0;
  const distinct = new Set(links.map(normalLink).filter((l): l is string => l !== null));
  return Math.min(distinct.size, spec.maxLinks) * spec.pointsPerLink;
}

/** Caps an admin's points for a free-text answer at the question's (and at 0 below). */
export const capFreePoints = (points: number, max: number): number => Math.min(Math.max(0, points), max);

/**
 * The whole score. `adminPoints` are the admins' scores of free-text questions so far (kept across re-scoring).
 * Questions of the key the member left out score 0; the total counts what is scored.
 */
export function scoreHomework(
  key: HomeworkKey,
  answers: Record<string, Answer>,
  links: readonly string[],
  linksSpec: LinksSpec | null,
  adminPoints: Record<string, number | null> = {},
): HomeworkScore {
  const byQuestion: Record<string, number | null> = {};
  for (const [id, entry] of Object.entries(key.answers)) {
    const admin = adminPoints[id];
    byQuestion[id] =
      entry.type === 'free'
        ? typeof admin === 'number'
          ? capFreePoints(admin, entry.points)
          : null
        : scoreQuestion(entry, answers[id]);
  }
  const linkPoints = scoreLinks(links, linksSpec);
  const questions = Object.values(byQuestion).reduce<number>((sum, p) => sum + (p ?? 0), 0);
  return { byQuestion, links: linkPoints, total: questions + linkPoints };
}

/** The homework part of a score (what `points.homework` counts; `links` goes to `points.links`). */
export const questionPoints = (score: HomeworkScore | null): number => (score ? score.total - score.links : 0);

/** Free-text questions answered but not yet scored by an admin. */
export function awaitingReview(key: HomeworkKey, answers: Record<string, Answer>, score: HomeworkScore): string[] {
  return Object.entries(key.answers)
    .filter(
      ([id, e]) =>
        e.type === 'free' && typeof answers[id] === 'string' && answers[id] !== '' && score.byQuestion[id] === null,
    )
    .map(([id]) => id);
}

/** Why an answer does not fit its question, or null. `field` names it for the caller (`answers.q1`). */
function answerProblem(type: QuestionType, options: number, given: Answer): string | null {
  const index = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < options;
  switch (type) {
    case 'choice':
      return index(given) ? null : `Choose one of the ${options} options (0 to ${options - 1})`;
    case 'checkboxes':
      return Array.isArray(given) && given.every(index) && new Set(given).size === given.length
        ? null
        : `Choose distinct options among 0 to ${options - 1}`;
    case 'number':
      return typeof given === 'number' && Number.isFinite(given) ? null : 'Give a number';
    case 'integer':
      return typeof given === 'number' && Number.isSafeInteger(given) ? null : 'Give a whole number';
    case 'exact':
    case 'contains':
      return typeof given === 'string' && given.length <= MAX_TEXT_ANSWER
        ? null
        : `Give a text of at most ${MAX_TEXT_ANSWER} characters`;
    case 'free':
      return typeof given === 'string' && given.length <= MAX_FREE_ANSWER
        ? null
        : `Give a text of at most ${MAX_FREE_ANSWER} characters`;
  }
}

/**
 * Every problem of a submission against the homework, as `field: message` (answers keyed by known question ids
 * only, each typed for its question; links valid https URLs, only where the homework asks for links).
 */
export function submissionProblems(
  questions: readonly Pick<PublicQuestion, 'id' | 'type' | 'options'>[],
  linksSpec: LinksSpec | null,
  answers: Record<string, Answer>,
  links: readonly string[],
): string[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: string[] = [];
  for (const [id, given] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) {
      problems.push(`answers.${id}: No such question in this homework`);
      continue;
    }
    const problem = answerProblem(q.type, q.options.length, given);
    if (problem) problems.push(`answers.${id}: ${problem}`);
  }
  if (!linksSpec && links.length) problems.push('links: This homework takes no links');
  links.forEach((l, i) => {
    if (normalLink(l) === null) problems.push(`links.${i}: Give an https link (https://…)`);
  });
  return problems;
}

/** The submission deadline of a homework for a cohort (its `deadlines` entry), or null: self-paced, scored at once. */
export function deadlineFor<T extends { deadlines: Record<string, Date> }>(
  homeworkId: string,
  cohort: T | null,
): Date | null {
  if (!cohort || !Object.hasOwn(cohort.deadlines, homeworkId)) return null;
  return cohort.deadlines[homeworkId] ?? null;
}

/** Submissions are open strictly before the deadline (self-paced: none) and until the submission is scored: a score
 * is final, even when a later sync moves the deadline back. */
export const submissionsOpen = (deadline: Date | null, now: Date, scored: boolean): boolean =>
  !scored && (deadline === null || now.getTime() < deadline.getTime());

/** Scoring (and results) happen at or after the deadline; self-paced at once. */
export const scoringDue = (deadline: Date | null, now: Date): boolean =>
  deadline === null || now.getTime() >= deadline.getTime();

// The homework page's view model: form values to answers (and back), the deadline countdown, and the state line.
// The server checks everything again (`submissionProblems` in functions/src/domain/course-scoring.ts).
import type { QuestionType } from '@shared/courses';
import type { Answer } from '@shared/course-homework';

/** What a form control holds per question type: an index, indexes, or the text typed. */
export type FormValue = number | null | number[] | string;

export const emptyValue = (type: QuestionType): FormValue =>
  type === 'choice' ? null : type === 'checkboxes' ? [] : '';

/** A saved answer as the form shows it. */
export function formValueOf(type: QuestionType, answer: Answer | undefined): FormValue {
  if (answer === undefined) return emptyValue(type);
  if (type === 'number' || type === 'integer') return String(answer);
  return answer;
}

/** The form's values as the answers `submitHomework` takes; blanks are left out (unanswered), numbers parsed.
 * A number that does not parse is kept as text so the server names the field. */
export function answersOf(questions: { id: string; type: QuestionType }[], values: Record<string, FormValue>) {
  const answers: Record<string, Answer> = {};
  for (const q of questions) {
    const v = values[q.id];
    if (v === null || v === undefined || v === '') continue;
    if (q.type === 'number' || q.type === 'integer') {
      const text = String(v).trim().replace(',', '.');
      const n = Number(text);
      answers[q.id] = text !== '' && Number.isFinite(n) ? n : String(v);
    } else if (q.type === 'checkboxes') {
      if (Array.isArray(v) && v.length) answers[q.id] = [...v].sort((a, b) => a - b);
    } else {
      answers[q.id] = v as Answer;
    }
  }
  return answers;
}

/** Links typed one per line, blank lines dropped. */
export const linksOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** "3 days 4 hours left", "2 hours 5 minutes left", "closed". */
export function countdown(deadline: Date, now: Date): string {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return 'closed';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days) return `${unit(days, 'day')} ${unit(hours, 'hour')} left`;
  if (hours) return `${unit(hours, 'hour')} ${unit(mins, 'minute')} left`;
  return minutes ? `${unit(mins, 'minute')} left` : 'less than a minute left';
}

/** The correct answer as a person reads it. */
export function answerText(
  q: { type: QuestionType; options: string[] },
  answer: number | number[] | string | null,
  tolerance = 0,
): string {
  if (answer === null) return 'Scored by the course team';
  if (q.type === 'choice' && typeof answer === 'number') return q.options[answer] ?? String(answer);
  if (q.type === 'checkboxes' && Array.isArray(answer))
    return answer.map((i) => q.options[i] ?? i).join(', ') || 'None';
  if (q.type === 'number' && tolerance) return `${String(answer)} (± ${tolerance})`;
  if (q.type === 'contains') return `Contains “${String(answer)}”`;
  return String(answer);
}

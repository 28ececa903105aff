// Homework questions: each answer checked against its question's type (QuestionSpec in shared/courses.ts says what
// an answer is per type; the scoring helper scores them).
import type { QuestionSpec } from '../../shared/courses';
import type { Origin, Repo } from './repo-context';
import { prefix } from './schema-problems';
import type { HomeworkFile } from './schemas';
import type { YamlSource } from './yaml-source';

type QuestionFile = NonNullable<HomeworkFile['questions']>[number];

/** Each question's answer checked against its type (see QuestionSpec for what an answer is per type). */
export function parseQuestions(repo: Repo, source: YamlSource, questions: QuestionFile[]): QuestionSpec[] {
  const ids = new Map<string, Origin>();
  return questions.map((q, i) => {
    const report = (key: string, message: string) => {
      const at = ['questions', i, key];
      repo.report(source.path, source.lineAt(at), prefix(at) + message);
    };
    const first = ids.get(q.id);
    if (first) report('id', `question id \`${q.id}\` is also used by line ${first.line}`);
    else ids.set(q.id, { path: source.path, line: source.lineAt(['questions', i, 'id']) });
    const options = q.options ?? [];
    const listed = q.type === 'choice' || q.type === 'checkboxes';
    if (listed && options.length < 2) report('options', `a ${q.type} question needs at least 2 options`);
    if (!listed && q.options != null) report('options', 'only choice and checkboxes questions have options');
    if (q.type !== 'number' && q.tolerance != null) report('tolerance', 'only number questions have a tolerance');
    const answer = q.answer ?? null;
    const index = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < options.length;
    const range = `0 to ${Math.max(0, options.length - 1)} (the first option is 0)`;
    let key: QuestionSpec['answer'] = null;
    if (answer === null && q.type !== 'free') report('answer', '`answer` is required');
    else
      switch (q.type) {
        case 'choice':
          if (index(answer)) key = answer as number;
          else if (listed && options.length >= 2) report('answer', `must be the index of the correct option, ${range}`);
          break;
        case 'checkboxes':
          if (
            Array.isArray(answer) &&
            answer.length > 0 &&
            answer.every(index) &&
            new Set(answer).size === answer.length
          ) {
            key = [...(answer as number[])].sort((a, b) => a - b);
          } else if (options.length >= 2) {
            report('answer', `must be a list of the correct options' indexes, each once, ${range}`);
          }
          break;
        case 'number':
          if (typeof answer === 'number' && Number.isFinite(answer)) key = answer;
          else report('answer', 'must be a number');
          if (q.tolerance != null && !(q.tolerance >= 0)) report('tolerance', 'must be 0 or more');
          break;
        case 'integer':
          if (Number.isInteger(answer)) key = answer as number;
          else report('answer', 'must be a whole number');
          break;
        case 'exact':
        case 'contains':
          if (typeof answer === 'string' && answer.trim()) key = answer.trim();
          else report('answer', 'must be text (quote numbers: "42")');
          break;
        case 'free':
          if (answer !== null) report('answer', 'free text is scored by an admin: remove the answer');
          break;
      }
    return {
      id: q.id,
      type: q.type,
      text: q.text,
      options: listed ? options : [],
      answer: key,
      tolerance: q.type === 'number' ? (q.tolerance ?? 0) : 0,
      points: q.points,
    };
  });
}

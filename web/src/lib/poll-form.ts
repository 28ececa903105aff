// The admin's poll editor: the form's state, to and from what savePoll takes and the stored poll, validated with
// the callable's own schema so the editor refuses what the function would.
import { pollInputSchema, type PollInput } from '@shared/poll-schema';
import type { PollDoc, PollKind, PollResultsVisibility } from '@shared/polls';

export interface PollForm {
  kind: PollKind;
  question: string;
  description: string;
  access: string;
  options: { id?: string; label: string }[];
  maxChoices: number;
  allowProposals: boolean;
  resultsVisibility: PollResultsVisibility;
  /** `<input type="datetime-local">`: a wall time in the admin's zone. */
  closesAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A Date as a datetime-local value in this browser's zone. */
export const localInput = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;

export function emptyPollForm(access: string, now = new Date()): PollForm {
  return {
    kind: 'topic',
    question: '',
    description: '',
    access,
    options: [{ label: '' }, { label: '' }],
    maxChoices: 1,
    allowProposals: false,
    resultsVisibility: 'live',
    closesAt: localInput(new Date(now.getTime() + 14 * 86_400_000)),
  };
}

export function formOfPoll(poll: PollDoc<{ toDate(): Date }>): PollForm {
  return {
    kind: poll.kind,
    question: poll.question,
    description: poll.description,
    access: poll.access,
    options: poll.options.map((o) => ({ id: o.id, label: o.label })),
    maxChoices: poll.maxChoices,
    allowProposals: poll.allowProposals,
    resultsVisibility: poll.resultsVisibility,
    closesAt: localInput(poll.closesAt.toDate()),
  };
}

/** What savePoll takes: the closing time as an instant, options without an id sent without one. */
export function formToInput(form: PollForm): PollInput {
  const closes = new Date(form.closesAt);
  return {
    kind: form.kind,
    question: form.question,
    description: form.description,
    access: form.access,
    options: form.options.map((o) => (o.id ? { id: o.id, label: o.label } : { label: o.label })),
    maxChoices: form.maxChoices,
    allowProposals: form.allowProposals,
    resultsVisibility: form.resultsVisibility,
    closesAt: Number.isNaN(closes.getTime()) ? '' : closes.toISOString(),
  };
}

/** Errors by field path (`question`, `options.1.label`), empty when the form may be sent. */
export function validatePollForm(form: PollForm): Record<string, string> {
  const parsed = pollInputSchema.safeParse(formToInput(form));
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.') || 'form';
      errors[path] ??= issue.message;
    }
  }
  if (form.options.length < 2) errors.options ??= 'A poll needs at least two options';
  if (form.maxChoices > form.options.length) errors.maxChoices ??= 'More choices than options';
  return errors;
}

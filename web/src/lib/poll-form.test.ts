import { describe, expect, it } from 'vitest';
import { emptyPollForm, formOfPoll, formToInput, localInput, validatePollForm } from './poll-form';

const NOW = new Date(2027, 0, 10, 9, 30); // local time: the form speaks the admin's zone

describe('poll form', () => {
  it('starts with two empty options closing in two weeks, which do not validate', () => {
    const form = emptyPollForm('main', NOW);
    expect(form.closesAt).toBe('2027-01-24T09:30');
    const errors = validatePollForm(form);
    expect(errors['question']).toBeDefined();
    expect(errors['options.0.label']).toBeDefined();
  });

  it('turns the wall time into an instant and keeps option ids', () => {
    const form = {
      ...emptyPollForm('main', NOW),
      question: 'Which topic next?',
      options: [{ id: 'a', label: 'Alpha' }, { label: 'Beta' }],
    };
    expect(validatePollForm(form)).toEqual({});
    const input = formToInput(form);
    expect(input.options).toEqual([{ id: 'a', label: 'Alpha' }, { label: 'Beta' }]);
    expect(new Date(input.closesAt).getTime()).toBe(new Date(2027, 0, 24, 9, 30).getTime());
  });

  it('refuses more choices than options and a missing date', () => {
    const form = {
      ...emptyPollForm('main', NOW),
      question: 'Which topic next?',
      options: [{ label: 'Alpha' }, { label: 'Beta' }],
      maxChoices: 3,
      closesAt: '',
    };
    const errors = validatePollForm(form);
    expect(errors['maxChoices']).toMatch(/More choices/);
    expect(errors['closesAt']).toBeDefined();
  });

  it('reads a stored poll back into the form', () => {
    const closes = new Date(2027, 1, 1, 18, 0);
    const form = formOfPoll({
      kind: 'mini-course',
      question: 'Which mini-course next?',
      description: '',
      status: 'open',
      access: 'premium',
      rank: 40,
      options: [{ id: 'x', label: 'X', proposedBy: 'u1' }],
      maxChoices: 1,
      allowProposals: false,
      resultsVisibility: 'after-close',
      closesAt: { toDate: () => closes },
      results: null,
      resultsWrites: 0,
      chosenCourseSlug: null,
      openedAt: null,
      updatedAt: { toDate: () => closes },
    });
    expect(form).toMatchObject({ kind: 'mini-course', access: 'premium', closesAt: localInput(closes) });
    expect(form.options).toEqual([{ id: 'x', label: 'X' }]);
  });
});

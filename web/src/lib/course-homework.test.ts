import { describe, expect, it } from 'vitest';
import { answersOf, answerText, countdown, formValueOf, linksOf } from './course-homework';

describe('homework form', () => {
  const questions = [
    { id: 'c', type: 'choice' as const },
    { id: 'b', type: 'checkboxes' as const },
    { id: 'n', type: 'number' as const },
    { id: 'i', type: 'integer' as const },
    { id: 'e', type: 'exact' as const },
  ];

  it('turns form values into answers, leaving blanks out and parsing numbers', () => {
    expect(answersOf(questions, { c: 1, b: [2, 0], n: ' 1,5 ', i: '42', e: '' })).toEqual({
      c: 1,
      b: [0, 2],
      n: 1.5,
      i: 42,
    });
    expect(answersOf(questions, { c: null, b: [], n: 'abc' })).toEqual({ n: 'abc' });
  });

  it('shows saved answers back in the form', () => {
    expect([
      formValueOf('number', 1.5),
      formValueOf('choice', undefined),
      formValueOf('checkboxes', undefined),
    ]).toEqual(['1.5', null, []]);
  });

  it('reads links one per line', () =>
    expect(linksOf(' https://a.io \n\n https://b.io')).toEqual(['https://a.io', 'https://b.io']));
});

describe('countdown', () => {
  const at = new Date('2027-03-01T12:00:00Z');
  const before = (ms: number) => new Date(at.getTime() - ms);
  it.each([
    [before(3 * 86_400_000 + 4 * 3_600_000), '3 days 4 hours left'],
    [before(86_400_000), '1 day 0 hours left'],
    [before(2 * 3_600_000 + 5 * 60_000), '2 hours 5 minutes left'],
    [before(60_000), '1 minute left'],
    [before(59_000), 'less than a minute left'],
    [at, 'closed'],
  ])('%s → %s', (now, text) => expect(countdown(at, now)).toBe(text));
});

describe('answerText', () => {
  const options = ['cron', 'ls', 'vim'];
  it.each([
    ['choice', 0, 0, 'cron'],
    ['checkboxes', [0, 2], 0, 'cron, vim'],
    ['number', 1.5, 0.01, '1.5 (± 0.01)'],
    ['contains', 'parquet', 0, 'Contains “parquet”'],
    ['free', null, 0, 'Scored by the course team'],
  ] as const)('%s', (type, answer, tolerance, text) =>
    expect(answerText({ type, options }, answer as number | number[] | string | null, tolerance)).toBe(text),
  );
});

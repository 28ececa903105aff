import { describe, expect, it } from 'vitest';
import type { HomeworkKey } from '../shared/courses';
import type { Answer } from '../shared/course-homework';
import { makeCourseDocs } from '../testing/course-factories';
import {
  awaitingReview,
  capFreePoints,
  deadlineFor,
  normalLink,
  questionPoints,
  scoreHomework,
  scoreLinks,
  scoreQuestion,
  scoringDue,
  submissionProblems,
  submissionsOpen,
  type KeyEntry,
  withinTolerance,
} from './course-scoring';

const key = (type: KeyEntry['type'], answer: KeyEntry['answer'], points = 2, tolerance = 0): KeyEntry => ({
  type,
  answer,
  tolerance,
  points,
});

describe('scoreQuestion', () => {
  const rows: Array<[string, KeyEntry, Answer | undefined, number | null]> = [
    ['choice right', key('choice', 1), 1, 2],
    ['choice wrong', key('choice', 1), 0, 0],
    ['choice as text', key('choice', 1), '1', 0],
    ['choice unanswered', key('choice', 1), undefined, 0],
    ['checkboxes exact set', key('checkboxes', [0, 2]), [0, 2], 2],
    ['checkboxes other order', key('checkboxes', [0, 2]), [2, 0], 2],
    ['checkboxes subset: all or nothing', key('checkboxes', [0, 2]), [0], 0],
    ['checkboxes superset: all or nothing', key('checkboxes', [0, 2]), [0, 1, 2], 0],
    ['checkboxes none chosen', key('checkboxes', [0, 2]), [], 0],
    ['checkboxes empty key, none chosen', key('checkboxes', []), [], 2],
    ['checkboxes as a number', key('checkboxes', [0]), 0, 0],
    ['number exact', key('number', 1.5, 1, 0.01), 1.5, 1],
    ['number exactly at +tolerance', key('number', 1.5, 1, 0.01), 1.51, 1],
    ['number exactly at -tolerance', key('number', 1.5, 1, 0.01), 1.49, 1],
    ['number just beyond +tolerance', key('number', 1.5, 1, 0.01), 1.5101, 0],
    ['number just beyond -tolerance', key('number', 1.5, 1, 0.01), 1.4899, 0],
    ['number negative within', key('number', -2.5, 1, 0.1), -2.6, 1],
    ['number negative beyond', key('number', -2.5, 1, 0.1), -2.61, 0],
    ['number sign matters', key('number', -2.5, 1, 0.1), 2.5, 0],
    ['number float rounding 0.1+0.2 vs 0.3, no tolerance', key('number', 0.3, 1), 0.1 + 0.2, 1],
    ['number zero tolerance, other value', key('number', 0.3, 1), 0.31, 0],
    ['number large values, relative slack only', key('number', 1e12, 1), 1e12 + 1, 0],
    ['number as text', key('number', 1.5, 1, 0.01), '1.5', 0],
    ['integer right', key('integer', 42, 1), 42, 1],
    ['integer wrong', key('integer', 42, 1), 43, 0],
    ['integer negative', key('integer', -7, 1), -7, 1],
    ['integer given a fraction', key('integer', 42, 1), 42.0000001, 0],
    ['exact same', key('exact', 'ls', 1), 'ls', 1],
    ['exact trimmed, case-insensitive', key('exact', 'ls -la', 1), '  LS -LA \n', 1],
    ['exact inner whitespace collapsed', key('exact', 'ls -la', 1), 'ls    -la', 1],
    ['exact other text', key('exact', 'ls', 1), 'ls -la', 0],
    ['exact empty', key('exact', 'ls', 1), '', 0],
    ['contains, case-insensitive', key('contains', 'parquet', 1), 'I used PARQUET files', 1],
    ['contains the whole', key('contains', 'parquet', 1), 'parquet', 1],
    ['contains not there', key('contains', 'parquet', 1), 'csv files', 0],
    ['contains a number answer', key('contains', 'parquet', 1), 5, 0],
    ['free: null until an admin scores', key('free', null, 2), 'I learned cron', null],
    ['free unanswered: still null', key('free', null, 2), undefined, null],
  ];
  it.each(rows)('%s', (_, entry, given, expected) => expect(scoreQuestion(entry, given)).toBe(expected));
});

describe('withinTolerance', () => {
  it.each([
    [1.5, 1.5, 0, true],
    [1.51, 1.5, 0.01, true],
    [1.52, 1.5, 0.01, false],
    [-0.1, 0, 0.1, true],
    [0.1 + 0.2, 0.3, 0, true],
    [0.3000001, 0.3, 0, false],
    [5, 5, -1, true],
  ])('%s against %s ± %s: %s', (given, answer, tol, expected) =>
    expect(withinTolerance(given, answer, tol)).toBe(expected),
  );
});

describe('links', () => {
  const spec = { pointsPerLink: 2, maxLinks: 3 };
  const rows: Array<[string, string[], number]> = [
    ['none', [], 0],
    ['one https', ['https://example.com/post'], 2],
    ['http does not count', ['http://example.com/post'], 0],
    ['not a URL', ['my blog post'], 0],
    ['javascript: does not count', ['javascript:alert(1)'], 0],
    ['a host without a dot', ['https://localhost/x'], 0],
    ['duplicates once', ['https://example.com/a', 'https://example.com/a'], 2],
    ['duplicates differing by host case and fragment', ['https://Example.com/a', 'https://example.com/a#top'], 2],
    [
      'capped at maxLinks',
      ['https://a.io/1', 'https://a.io/2', 'https://a.io/3', 'https://a.io/4', 'https://a.io/5'],
      6,
    ],
    ['exactly maxLinks', ['https://a.io/1', 'https://a.io/2', 'https://a.io/3'], 6],
    ['invalid ones do not fill the cap', ['nope', 'http://a.io/1', 'https://a.io/1'], 2],
  ];
  it.each(rows)('%s', (_, links, expected) => expect(scoreLinks(links, spec)).toBe(expected));
  it('scores nothing when the homework takes no links', () => expect(scoreLinks(['https://a.io/1'], null)).toBe(0));
  it('normalizes the fragment away and keeps the path', () =>
    expect(normalLink(' https://a.io/x?y=1#z ')).toBe('https://a.io/x?y=1'));
});

describe('scoreHomework on the sample homework', () => {
  const docs = makeCourseDocs();
  const hwKey = docs.keys['hw-basics'] as HomeworkKey;
  const linksSpec = docs.homework['hw-basics']!.links;
  const all: Record<string, Answer> = {
    'q-choice': 0,
    'q-boxes': [2, 0],
    'q-number': 1.51,
    'q-integer': 42,
    'q-exact': ' LS ',
    'q-contains': 'Parquet, mostly',
    'q-free': 'Cron is enough',
  };

  it('scores every closed type, leaves free text to an admin and adds capped links', () => {
    const score = scoreHomework(hwKey, all, ['https://a.io/1', 'https://a.io/1', 'https://b.io/2'], linksSpec);
    expect(score.byQuestion).toEqual({
      'q-choice': 1,
      'q-boxes': 2,
      'q-number': 1,
      'q-integer': 1,
      'q-exact': 1,
      'q-contains': 1,
      'q-free': null,
    });
    expect(score).toMatchObject({ links: 2, total: 9 });
    expect(questionPoints(score)).toBe(7);
    expect(awaitingReview(hwKey, all, score)).toEqual(['q-free']);
  });

  it('keeps an admin score for free text, capped at its points', () => {
    const score = scoreHomework(hwKey, all, [], linksSpec, { 'q-free': 5 });
    expect(score.byQuestion['q-free']).toBe(2);
    expect(score.total).toBe(9);
    expect(awaitingReview(hwKey, all, score)).toEqual([]);
  });

  it('scores an empty submission 0 with nothing to review', () => {
    const score = scoreHomework(hwKey, {}, [], linksSpec);
    expect(score.total).toBe(0);
    expect(awaitingReview(hwKey, {}, score)).toEqual([]);
  });

  it('caps free points between 0 and the maximum', () => {
    expect([capFreePoints(-1, 2), capFreePoints(1.5, 2), capFreePoints(3, 2)]).toEqual([0, 1.5, 2]);
  });
});

describe('submissionProblems', () => {
  const hw = makeCourseDocs().homework['hw-basics']!;
  const rows: Array<[string, Record<string, Answer>, string[], string[]]> = [
    [
      'a valid full submission',
      { 'q-choice': 1, 'q-boxes': [0, 2], 'q-number': -1.5, 'q-integer': 3, 'q-free': 'x' },
      ['https://a.io'],
      [],
    ],
    ['an empty one', {}, [], []],
    ['an unknown question', { 'q-nope': 1 }, [], ['answers.q-nope: No such question in this homework']],
    ['choice out of range', { 'q-choice': 2 }, [], ['answers.q-choice: Choose one of the 2 options (0 to 1)']],
    ['choice negative', { 'q-choice': -1 }, [], ['answers.q-choice: Choose one of the 2 options (0 to 1)']],
    ['choice as text', { 'q-choice': 'cron' }, [], ['answers.q-choice: Choose one of the 2 options (0 to 1)']],
    ['checkboxes repeated', { 'q-boxes': [0, 0] }, [], ['answers.q-boxes: Choose distinct options among 0 to 2']],
    ['checkboxes out of range', { 'q-boxes': [3] }, [], ['answers.q-boxes: Choose distinct options among 0 to 2']],
    ['number as text', { 'q-number': '1.5' }, [], ['answers.q-number: Give a number']],
    ['integer with a fraction', { 'q-integer': 4.2 }, [], ['answers.q-integer: Give a whole number']],
    ['integer too large to be exact', { 'q-integer': 2 ** 60 }, [], ['answers.q-integer: Give a whole number']],
    ['exact as a number', { 'q-exact': 1 }, [], ['answers.q-exact: Give a text of at most 2000 characters']],
    [
      'contains too long',
      { 'q-contains': 'x'.repeat(2001) },
      [],
      ['answers.q-contains: Give a text of at most 2000 characters'],
    ],
    ['free as a list', { 'q-free': [1] }, [], ['answers.q-free: Give a text of at most 20000 characters']],
    ['a plain-http link', {}, ['https://a.io', 'http://a.io'], ['links.1: Give an https link (https://…)']],
    [
      'two problems at once',
      { 'q-choice': 9, 'q-integer': 0.5 },
      [],
      ['answers.q-choice: Choose one of the 2 options (0 to 1)', 'answers.q-integer: Give a whole number'],
    ],
  ];
  it.each(rows)('%s', (_, answers, links, expected) =>
    expect(submissionProblems(hw.questions, hw.links, answers, links)).toEqual(expected),
  );
  it('refuses links where the homework takes none', () =>
    expect(submissionProblems(hw.questions, null, {}, ['https://a.io'])).toEqual([
      'links: This homework takes no links',
    ]));
});

describe('deadlines', () => {
  const at = new Date('2027-03-01T12:00:00Z');
  const cohort = { deadlines: { 'hw-basics': at } };
  const before = new Date(at.getTime() - 1);
  const after = new Date(at.getTime() + 1);

  it('takes the cohort deadline, or null (self-paced) without a cohort or an entry', () => {
    expect(deadlineFor('hw-basics', cohort)).toBe(at);
    expect(deadlineFor('hw-other', cohort)).toBeNull();
    expect(deadlineFor('constructor', cohort)).toBeNull();
    expect(deadlineFor('hw-basics', null)).toBeNull();
  });

  it.each([
    ['before the deadline', at, before, false, true, false],
    ['exactly at the deadline: late, and scoring is due', at, at, false, false, true],
    ['after the deadline', at, after, false, false, true],
    ['self-paced, not yet scored', null, after, false, true, true],
    ['self-paced, scored: final', null, after, true, false, true],
    ['scored, then the deadline moved later: still final', at, before, true, false, false],
  ] as const)('%s', (_, deadline, now, scored, open, due) => {
    expect(submissionsOpen(deadline, now, scored)).toBe(open);
    expect(scoringDue(deadline, now)).toBe(due);
  });
});

import type { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreDueHomework } from '../../functions/src/courses/homework/score-due-homework';
import type { CourseEnrollment, CourseSpec } from '../../functions/src/shared/courses';
import type { HomeworkSubmission } from '../../functions/src/shared/course-homework';
import { makeCourseSpec } from '../../functions/src/testing/course-factories';
import { adminSdk, callFunction, clearEmulators, type SignedIn } from '../support/emulators';
import { createMember, writeCourse } from '../support/factories';

// Homework through the real callables (emulated functions, real clock) and the deadline job run in-process at
// chosen clocks: submit and edit before the deadline, late and invalid answers refused, scoring at the deadline
// with the points in the enrollment, re-runs and crashes that count nothing twice, self-paced scoring at once,
// free text scored by an admin, results only once they are open.
const { db } = adminSdk();
const HOUR = 3_600_000;
const HW = 'hw-basics';

let admin: SignedIn;
let premium: SignedIn;
let second: SignedIn;
let basic: SignedIn;
let stranger: SignedIn;

/** A course with one cohort whose deadline for hw-basics is `deadline`. */
function courseWithDeadline(slug: string, deadline: Date): CourseSpec {
  const spec = makeCourseSpec({ slug }, new Date());
  const [cohort] = spec.cohorts;
  return { ...spec, cohorts: [{ ...cohort!, deadlines: { [HW]: deadline.toISOString() } }] };
}

async function enroll(slug: string, uid: string, cohortId: string | null): Promise<void> {
  const now = new Date();
  const enrollment: CourseEnrollment<Date> = {
    uid,
    cohortId,
    enrolledAt: now,
    startsAt: now,
    completedUnits: [],
    lastUnitId: null,
    displayName: uid,
    showOnLeaderboard: true,
    points: { homework: 0, links: 0, project: 3, total: 3 },
    updatedAt: now,
  };
  await db.doc(`courses/${slug}/enrollments/${uid}`).set(enrollment);
}

const submissionOf = async (slug: string, uid: string) =>
  (await db.doc(`courses/${slug}/homework/${HW}/submissions/${uid}`).get()).data() as
    HomeworkSubmission<Timestamp> | undefined;
const pointsOf = async (slug: string, uid: string) =>
  ((await db.doc(`courses/${slug}/enrollments/${uid}`).get()).data() as CourseEnrollment).points;
const submit = (who: SignedIn, courseId: string, answers: Record<string, unknown>, links: string[] = []) =>
  callFunction('submitHomework', { courseId, homeworkId: HW, answers, links }, who.idToken);

/** Right on every closed question (7 points) with a free-text answer and two distinct links (of three given). */
const ALL_RIGHT = {
  'q-choice': 0,
  'q-boxes': [2, 0],
  'q-number': 1.51,
  'q-integer': 42,
  'q-exact': ' LS ',
  'q-contains': 'mostly Parquet',
  'q-free': 'Cron is enough for a start.',
};
const LINKS = ['https://blog.example.com/week-1', 'https://blog.example.com/week-1#top', 'https://x.example.com/p/1'];

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('admin@homework.test', { admin: true });
  premium = await createMember('premium@homework.test', { tier: 'premium' });
  second = await createMember('second@homework.test', { tier: 'premium' });
  basic = await createMember('basic@homework.test', { tier: 'basic' });
  stranger = await createMember('stranger@homework.test', { tier: 'premium' });
}, 60_000);

describe('a cohort homework before its deadline', () => {
  const slug = 'hw-open';
  const deadline = new Date(Date.now() + 14 * 24 * HOUR);
  beforeAll(async () => {
    await writeCourse(db, courseWithDeadline(slug, deadline));
    await enroll(slug, premium.uid, '2027-spring');
    await enroll(slug, basic.uid, '2027-spring');
  });

  it('saves the answers without a score, then overwrites them on edit', async () => {
    const first = await submit(premium, slug, { 'q-choice': 1 });
    expect(first.result).toEqual({ status: 'submitted', deadline: deadline.toISOString(), score: null });
    const saved = await submissionOf(slug, premium.uid);
    expect(saved).toMatchObject({
      answers: { 'q-choice': 1 },
      status: 'submitted',
      score: null,
      cohortId: '2027-spring',
    });

    const edit = await submit(premium, slug, ALL_RIGHT, LINKS);
    expect(edit.result?.status).toBe('submitted');
    const edited = await submissionOf(slug, premium.uid);
    expect(edited?.answers).toEqual(ALL_RIGHT);
    expect(edited?.links).toEqual(LINKS);
    expect(edited?.submittedAt.toMillis()).toBe(saved?.submittedAt.toMillis());
    expect(edited!.updatedAt.toMillis()).toBeGreaterThan(saved!.updatedAt.toMillis());
    expect(await pointsOf(slug, premium.uid)).toEqual({ homework: 0, links: 0, project: 3, total: 3 });
  });

  it.each([
    ['a fractional integer', { 'q-integer': 4.2 }, [], /answers\.q-integer/],
    ['an unknown question', { 'q-nope': 1 }, [], /answers\.q-nope/],
    ['an option out of range', { 'q-choice': 5 }, [], /answers\.q-choice/],
    ['text for a number', { 'q-number': '1.5' }, [], /answers\.q-number/],
    ['repeated checkboxes', { 'q-boxes': [0, 0] }, [], /answers\.q-boxes/],
    ['an http link', {}, ['http://blog.example.com'], /links\.0/],
  ])('refuses %s with invalid-argument naming the field, changing nothing', async (_, answers, links, says) => {
    const before = await submissionOf(slug, premium.uid);
    const res = await submit(premium, slug, answers, links);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toMatch(says);
    expect(await submissionOf(slug, premium.uid)).toEqual(before);
  });

  it('refuses members who are not enrolled or whose plan does not open the course', async () => {
    expect((await submit(stranger, slug, {})).error).toMatchObject({ status: 'FAILED_PRECONDITION' });
    expect((await submit(basic, slug, {})).error).toMatchObject({ status: 'PERMISSION_DENIED' });
    expect(await submissionOf(slug, stranger.uid)).toBeUndefined();
    expect(await submissionOf(slug, basic.uid)).toBeUndefined();
  });

  it('shows no results before the deadline, and admins cannot score free text yet', async () => {
    const results = await callFunction('getHomeworkResults', { courseId: slug, homeworkId: HW }, premium.idToken);
    expect(results.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /deadline/ });
    const early = await callFunction(
      'scoreFreeText',
      { courseId: slug, homeworkId: HW, uid: premium.uid, questionId: 'q-free', points: 1, feedback: 'Good' },
      admin.idToken,
    );
    expect(early.error?.status).toBe('FAILED_PRECONDITION');
  });

  it('the job scores nothing a millisecond before the deadline, everything at it, and nothing again', async () => {
    const before = await scoreDueHomework({ db, now: () => new Date(deadline.getTime() - 1) });
    expect(before.completed.filter((c) => c.startsWith(slug))).toEqual([]);
    expect((await submissionOf(slug, premium.uid))?.status).toBe('submitted');

    const at = await scoreDueHomework({ db, now: () => deadline });
    expect(at.completed).toContain(`${slug}/${HW}/2027-spring`);
    const scored = await submissionOf(slug, premium.uid);
    expect(scored).toMatchObject({
      status: 'scored',
      needsReview: true,
      score: {
        byQuestion: {
          'q-choice': 1,
          'q-boxes': 2,
          'q-number': 1,
          'q-integer': 1,
          'q-exact': 1,
          'q-contains': 1,
          'q-free': null,
        },
        links: 2,
        total: 9,
      },
    });
    expect(await pointsOf(slug, premium.uid)).toEqual({ homework: 7, links: 2, project: 3, total: 12 });

    const again = await scoreDueHomework({ db, now: () => new Date(deadline.getTime() + HOUR) });
    expect(again.completed.filter((c) => c.startsWith(slug))).toEqual([]);
    expect(await submissionOf(slug, premium.uid)).toEqual(scored);
    expect(await pointsOf(slug, premium.uid)).toEqual({ homework: 7, links: 2, project: 3, total: 12 });
  });

  it('an admin scores the free text (capped at its points, re-scoring replaces) and the points follow', async () => {
    const score = (points: number, questionId = 'q-free') =>
      callFunction(
        'scoreFreeText',
        { courseId: slug, homeworkId: HW, uid: premium.uid, questionId, points, feedback: 'Clear and short.' },
        admin.idToken,
      );
    expect((await score(3)).error).toMatchObject({ status: 'INVALID_ARGUMENT', message: /points/ });
    expect((await score(1, 'q-choice')).error).toMatchObject({ status: 'INVALID_ARGUMENT', message: /questionId/ });
    const member = await callFunction(
      'scoreFreeText',
      { courseId: slug, homeworkId: HW, uid: premium.uid, questionId: 'q-free', points: 1, feedback: '' },
      premium.idToken,
    );
    expect(member.error?.status).toBe('PERMISSION_DENIED');

    expect((await score(2)).result?.score).toMatchObject({ total: 11 });
    expect(await pointsOf(slug, premium.uid)).toEqual({ homework: 9, links: 2, project: 3, total: 14 });
    expect(await submissionOf(slug, premium.uid)).toMatchObject({
      needsReview: false,
      feedback: { 'q-free': 'Clear and short.' },
    });
    expect((await score(1.5)).result?.score.total).toBe(10.5);
    expect(await pointsOf(slug, premium.uid)).toEqual({ homework: 8.5, links: 2, project: 3, total: 13.5 });
  });
});

describe('a cohort homework whose deadline has passed', () => {
  const slug = 'hw-closed';
  const deadline = new Date(Date.now() - HOUR);
  const members = () => [premium, second, stranger];
  beforeAll(async () => {
    await writeCourse(db, courseWithDeadline(slug, deadline));
    for (const m of members()) await enroll(slug, m.uid, '2027-spring');
    // Submitted in time (before the deadline), written as submitHomework would have.
    for (const m of members()) {
      const at = new Date(deadline.getTime() - 2 * HOUR);
      const submission: HomeworkSubmission<Date> = {
        uid: m.uid,
        cohortId: '2027-spring',
        answers: { 'q-choice': 0, 'q-integer': 41 },
        links: ['https://a.example.com/1'],
        submittedAt: at,
        updatedAt: at,
        status: 'submitted',
        score: null,
        feedback: {},
        needsReview: false,
        scoredAt: null,
      };
      await db.doc(`courses/${slug}/homework/${HW}/submissions/${m.uid}`).set(submission);
    }
  });

  it('refuses a late submission or edit', async () => {
    const res = await submit(premium, slug, ALL_RIGHT);
    expect(res.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /deadline/ });
    expect((await submissionOf(slug, premium.uid))?.answers).toEqual({ 'q-choice': 0, 'q-integer': 41 });
  });

  it('a run stopped halfway is finished by the next, each member counted once', async () => {
    const now = () => new Date();
    const first = await scoreDueHomework({ db, now }, { budget: 1 });
    expect(first).toMatchObject({ scored: 1, finished: false });
    // A crash after scoring but before the mark: the next run finds nothing left to score twice.
    const rest = await scoreDueHomework({ db, now }, { pageSize: 1 });
    expect(rest.scored).toBe(2);
    expect(rest.completed).toContain(`${slug}/${HW}/2027-spring`);
    await db.doc(`courses/${slug}/homework/${HW}/private/scored_2027-spring`).delete();
    expect((await scoreDueHomework({ db, now })).scored).toBe(0);
    for (const m of members()) {
      expect(await pointsOf(slug, m.uid)).toEqual({ homework: 1, links: 1, project: 3, total: 5 });
      expect((await submissionOf(slug, m.uid))?.needsReview).toBe(false);
    }
  });

  it('keeps scores final when a sync moves the deadline later, and scores only what is new', async () => {
    const later = new Date(Date.now() + HOUR);
    await db.doc(`courses/${slug}/cohorts/2027-spring`).update({ [`deadlines.${HW}`]: later });
    const res = await submit(premium, slug, ALL_RIGHT);
    expect(res.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /already scored/ });
    const run = await scoreDueHomework({ db, now: () => new Date(later.getTime() + 1) });
    expect(run.completed).toContain(`${slug}/${HW}/2027-spring`);
    for (const m of members()) {
      expect(await pointsOf(slug, m.uid)).toEqual({ homework: 1, links: 1, project: 3, total: 5 });
    }
    await db.doc(`courses/${slug}/cohorts/2027-spring`).update({ [`deadlines.${HW}`]: deadline });
  });

  it('shows the member their score per question and the correct answers', async () => {
    const res = await callFunction('getHomeworkResults', { courseId: slug, homeworkId: HW }, premium.idToken);
    expect(res.result?.openedAt).toBe(deadline.toISOString());
    expect(res.result?.questions.find((q) => q.id === 'q-integer')).toMatchObject({ answer: 42, points: 1 });
    expect(res.result?.questions.find((q) => q.id === 'q-boxes')).toMatchObject({ answer: [0, 2] });
    expect(res.result?.submission?.score?.byQuestion).toMatchObject({ 'q-choice': 1, 'q-integer': 0 });
    const outsider = await callFunction('getHomeworkResults', { courseId: slug, homeworkId: HW }, basic.idToken);
    expect(outsider.error?.status).toBe('PERMISSION_DENIED');
  });
});

describe('self-paced homework', () => {
  const slug = 'hw-self';
  beforeAll(async () => {
    await writeCourse(db, makeCourseSpec({ slug }, new Date()));
    await enroll(slug, premium.uid, null);
  });

  it('has no results before the member submits', async () => {
    const res = await callFunction('getHomeworkResults', { courseId: slug, homeworkId: HW }, premium.idToken);
    expect(res.error).toMatchObject({ status: 'FAILED_PRECONDITION' });
  });

  it('is scored at once on submit, with the points, then final', async () => {
    const res = await submit(premium, slug, { ...ALL_RIGHT, 'q-number': 1.5101 }, LINKS);
    expect(res.result).toMatchObject({ status: 'scored', deadline: null, score: { links: 2, total: 8 } });
    expect(await submissionOf(slug, premium.uid)).toMatchObject({ status: 'scored', needsReview: true });
    expect(await pointsOf(slug, premium.uid)).toEqual({ homework: 6, links: 2, project: 3, total: 11 });

    const again = await submit(premium, slug, ALL_RIGHT, LINKS);
    expect(again.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /already scored/ });
    expect(await pointsOf(slug, premium.uid)).toEqual({ homework: 6, links: 2, project: 3, total: 11 });

    const results = await callFunction('getHomeworkResults', { courseId: slug, homeworkId: HW }, premium.idToken);
    expect(results.result?.questions.find((q) => q.id === 'q-number')).toMatchObject({ answer: 1.5, tolerance: 0.01 });
    expect(results.result?.submission?.score?.byQuestion['q-number']).toBe(0);
  });

  it('two submissions at once (two tabs) score once', async () => {
    await enroll(slug, second.uid, null);
    const both = await Promise.all([submit(second, slug, ALL_RIGHT), submit(second, slug, ALL_RIGHT)]);
    expect(both.filter((r) => r.result?.status === 'scored')).toHaveLength(1);
    expect(await pointsOf(slug, second.uid)).toEqual({ homework: 7, links: 0, project: 3, total: 10 });
  });
});

describe('a homework whose key is missing', () => {
  const slug = 'hw-nokey';
  it('is left unscored and unmarked for the next run, without stopping the job', async () => {
    const deadline = new Date(Date.now() - HOUR);
    await writeCourse(db, courseWithDeadline(slug, deadline));
    await enroll(slug, second.uid, '2027-spring');
    await db.doc(`courses/${slug}/homework/${HW}/private/key`).delete();
    const at = new Date(deadline.getTime() - HOUR);
    await db.doc(`courses/${slug}/homework/${HW}/submissions/${second.uid}`).set({
      uid: second.uid,
      cohortId: '2027-spring',
      answers: { 'q-choice': 0 },
      links: [],
      submittedAt: at,
      updatedAt: at,
      status: 'submitted',
      score: null,
      feedback: {},
      needsReview: false,
      scoredAt: null,
    } satisfies HomeworkSubmission<Date>);
    const run = await scoreDueHomework({ db, now: () => new Date() });
    expect(run).toMatchObject({ scored: 0, finished: false });
    expect(run.completed).not.toContain(`${slug}/${HW}/2027-spring`);
    expect((await submissionOf(slug, second.uid))?.status).toBe('submitted');
    expect((await db.doc(`courses/${slug}/homework/${HW}/private/scored_2027-spring`).get()).exists).toBe(false);
  });
});

import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import type { HomeworkSubmission } from '../../functions/src/shared/course-homework';
import { makeCourseDocs } from '../../functions/src/testing/course-factories';
import { dbFor, documentOperations, reader, rulesSuite, whoCan } from './readers';

// Homework submissions (functions/src/shared/course-homework.ts): written only by functions, so no client can
// write an answer past the deadline or a score; each member reads their own, admins read and list all.

const SUBMISSIONS = 'courses/data-engineering/homework/hw-basics/submissions';

const submission = (uid: string): HomeworkSubmission<Date> => ({
  uid,
  cohortId: '2027-spring',
  answers: { 'q-choice': 0 },
  links: [],
  submittedAt: new Date(),
  updatedAt: new Date(),
  status: 'submitted',
  score: null,
  feedback: {},
  needsReview: false,
  scoredAt: null,
});

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  const { teaser, homework, keys } = makeCourseDocs();
  await setDoc(doc(db, 'courses/data-engineering'), teaser);
  await setDoc(doc(db, 'courses/data-engineering/homework/hw-basics'), homework['hw-basics']);
  await setDoc(doc(db, 'courses/data-engineering/homework/hw-basics/private/key'), keys['hw-basics']);
  for (const uid of ['u-premium', 'u-main']) await setDoc(doc(db, `${SUBMISSIONS}/${uid}`), submission(uid));
});

describe('a premium member’s submission', () =>
  whoCan(env, documentOperations(`${SUBMISSIONS}/u-premium`, { get: ['premium', 'admin'], list: ['admin'] })));

describe('another member’s submission', () =>
  whoCan(env, documentOperations(`${SUBMISSIONS}/u-main`, { get: ['main', 'admin'], list: ['admin'] })));

describe('submissions, beyond the table', () => {
  const premium = () => dbFor(env(), reader('premium'));

  it('a member cannot create their own submission (only submitHomework does)', async () => {
    await assertFails(setDoc(doc(premium(), `${SUBMISSIONS}/u-free`), submission('u-free')));
    await assertFails(setDoc(doc(dbFor(env(), reader('free')), `${SUBMISSIONS}/u-free`), submission('u-free')));
  });

  it('a member cannot write a score on their own submission', async () => {
    await assertSucceeds(getDoc(doc(premium(), `${SUBMISSIONS}/u-premium`)));
    await assertFails(
      updateDoc(doc(premium(), `${SUBMISSIONS}/u-premium`), {
        status: 'scored',
        score: { byQuestion: { 'q-choice': 1 }, links: 0, total: 1 },
      }),
    );
  });

  it('a member cannot list even their own (queries are for admins)', async () => {
    await assertFails(getDocs(query(collection(premium(), SUBMISSIONS), where('uid', '==', 'u-premium'))));
  });

  it('an admin lists the free-text queue', async () => {
    const admin = dbFor(env(), reader('admin'));
    await assertSucceeds(getDocs(query(collection(admin, SUBMISSIONS), where('needsReview', '==', true))));
  });
});

import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import type {
  Certificate,
  CourseProject,
  Leaderboard,
  ProjectReview,
} from '../../functions/src/shared/course-projects';
import { makeCourseDocs } from '../../functions/src/testing/course-factories';
import { dbFor, documentOperations, reader, rulesSuite, whoCan } from './readers';

// Course projects, peer reviews, leaderboards and certificates (functions/src/shared/course-projects.ts): functions
// write everything. A member reads their own project; a reviewer reads only the assignments naming them (never
// another reviewer's scores); leaderboards are public; a certificate is public by its id, listed by admins.

const C = 'courses/data-engineering';
const now = new Date();

const project = (uid: string): CourseProject<Date> => ({
  uid,
  cohortId: '2027-spring',
  repoUrl: 'https://github.com/x/y',
  commit: 'a'.repeat(40),
  status: 'in-review',
  submittedAt: now,
  updatedAt: now,
  outcome: null,
  reviews: [],
});
const review = (reviewerUid: string, authorUid: string): ProjectReview<Date> => ({
  reviewerUid,
  authorUid,
  cohortId: '2027-spring',
  repoUrl: 'https://github.com/x/y',
  commit: 'a'.repeat(40),
  scores: { works: 3, tests: 2 },
  comment: 'SECRET-SCORE-COMMENT',
  assignedAt: now,
  reviewDeadline: now,
  submittedAt: now,
});

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  await setDoc(doc(db, C), makeCourseDocs().teaser);
  for (const uid of ['u-main', 'u-premium']) await setDoc(doc(db, `${C}/projects/${uid}`), project(uid));
  // main reviews premium; basic reviews premium too (main must never see basic's scores).
  await setDoc(doc(db, `${C}/reviews/u-main_u-premium`), review('u-main', 'u-premium'));
  await setDoc(doc(db, `${C}/reviews/u-basic_u-premium`), review('u-basic', 'u-premium'));
  await setDoc(doc(db, `${C}/leaderboards/all`), {
    rows: [{ displayName: 'Ada', total: 1, homework: 1, links: 0, project: 0 }],
    shown: 1,
    updatedAt: now,
  } satisfies Leaderboard<Date>);
  await setDoc(doc(db, 'certificates/AAAAAAAAAAAAAAAAAAAA'), {
    name: 'Ada',
    courseTitle: 'Data engineering',
    courseSlug: 'data-engineering',
    cohortId: null,
    issuedAt: now,
    points: 12,
    revokedAt: null,
    revokeReason: null,
  } satisfies Certificate<Date>);
  await setDoc(doc(db, `${C}/projectRounds/2027-spring`), { assignedAt: now });
  await setDoc(doc(db, `${C}/certificateOwners/self-paced_u-main`), { uid: 'u-main', certificateId: 'x' });
});

describe('courses/{slug}/projects/{uid}: the member their own, admins all', () => {
  whoCan(env, documentOperations(`${C}/projects/u-main`, { get: ['main', 'admin'], list: ['admin'] }));
});

describe('courses/{slug}/reviews/{reviewer}_{author}: the reviewer only', () => {
  whoCan(env, documentOperations(`${C}/reviews/u-main_u-premium`, { get: ['main', 'admin'], list: ['admin'] }));

  it('a reviewer lists their own assignments, never another reviewer’s', async () => {
    const db = dbFor(env(), reader('main'));
    const mine = await assertSucceeds(
      getDocs(query(collection(db, `${C}/reviews`), where('reviewerUid', '==', 'u-main'))),
    );
    if (mine.size !== 1) throw new Error(`expected 1 assignment, got ${mine.size}`);
    await assertFails(getDocs(query(collection(db, `${C}/reviews`), where('authorUid', '==', 'u-premium'))));
    await assertFails(getDoc(doc(db, `${C}/reviews/u-basic_u-premium`)));
  });

  it('the author cannot read the reviews of their project (they get them on the project after the round)', async () => {
    const db = dbFor(env(), reader('premium'));
    await assertFails(getDoc(doc(db, `${C}/reviews/u-main_u-premium`)));
    await assertFails(getDocs(query(collection(db, `${C}/reviews`), where('authorUid', '==', 'u-premium'))));
  });
});

describe('courses/{slug}/leaderboards/{board}: public', () => {
  whoCan(
    env,
    documentOperations(`${C}/leaderboards/all`, {
      get: ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'],
      list: ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'],
    }),
  );
});

describe('certificates/{id}: anyone by id, admins list', () => {
  whoCan(
    env,
    documentOperations('certificates/AAAAAAAAAAAAAAAAAAAA', {
      get: ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'],
      list: ['admin'],
    }),
  );
});

describe('functions-only documents', () => {
  whoCan(env, documentOperations(`${C}/projectRounds/2027-spring`, {}));
  whoCan(env, documentOperations(`${C}/certificateOwners/self-paced_u-main`, {}));
});

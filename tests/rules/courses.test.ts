import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { describe, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import type { CourseEnrollment } from '../../functions/src/shared/courses';
import { makeCourseDocs, makeCourseSpec } from '../../functions/src/testing/course-factories';
import { makeMemberDoc, TEST_NOW } from '../../functions/src/testing/factories';
import { dbFor, documentOperations, reader, READERS, rulesSuite, whoCan, type ReaderName } from './readers';

// Courses (functions/src/shared/courses.ts): the sync and the course callables write everything, so clients
// write nothing. The teaser and cohorts are public while published; units and homework need the course's rank
// (a preview unit is rank 0) and a published status; answer keys are for functions only; an enrollment is the
// member's own.

const STAMP = 1_700_000_000;

/** A premium course (rank 40) with a preview unit, a basic course (rank 20) and an archived course. */
const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  const write = async (docs: ReturnType<typeof makeCourseDocs>, status: 'published' | 'archived' = 'published') => {
    await setDoc(doc(db, `courses/${docs.id}`), { ...docs.teaser, status });
    for (const [id, unit] of Object.entries(docs.units))
      await setDoc(doc(db, `courses/${docs.id}/units/${id}`), { ...unit, status });
    for (const [id, hw] of Object.entries(docs.homework)) {
      await setDoc(doc(db, `courses/${docs.id}/homework/${id}`), { ...hw, status });
      await setDoc(doc(db, `courses/${docs.id}/homework/${id}/private/key`), docs.keys[id]);
    }
    for (const [id, cohort] of Object.entries(docs.cohorts))
      await setDoc(doc(db, `courses/${docs.id}/cohorts/${id}`), { ...cohort, status });
  };
  const premium = makeCourseDocs(makeCourseSpec(), 40);
  await write(premium);
  await write(makeCourseDocs(makeCourseSpec({ slug: 'sql-basics', access: 'basic' }), 20));
  await write(makeCourseDocs(makeCourseSpec({ slug: 'old-course' }), 40), 'archived');
  // A unit removed from the repository: archived, kept for the answers hanging on it.
  await setDoc(doc(db, 'courses/data-engineering/units/removed'), {
    ...premium.units['first-pipeline'],
    status: 'archived',
  });
  for (const uid of ['u-premium', 'u-main', 'u-stale'])
    await setDoc(doc(db, `courses/data-engineering/enrollments/${uid}`), enrollment(uid));
  await setDoc(
    doc(db, 'members/u-stale'),
    makeMemberDoc({ email: 'stale@example.com', tier: 'premium', tokensValidAfter: STAMP }),
  );
});

function enrollment(uid: string): CourseEnrollment<Date> {
  return {
    uid,
    cohortId: '2027-spring',
    enrolledAt: TEST_NOW,
    startsAt: TEST_NOW,
    completedUnits: [],
    lastUnitId: null,
    displayName: uid,
    showOnLeaderboard: true,
    points: { homework: 0, links: 0, project: 0, total: 0 },
    updatedAt: TEST_NOW,
  };
}

const EVERYONE: ReaderName[] = ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'];
const COURSE = 'courses/data-engineering';

describe('courses/{slug} teaser', () => {
  describe('published', () => whoCan(env, documentOperations(COURSE, { get: EVERYONE, list: ['admin'] })));
  describe('archived', () =>
    whoCan(env, documentOperations('courses/old-course', { get: ['admin'], list: ['admin'] })));

  it.each(READERS.map((r) => [r.name]))('%s can list published courses by status', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDocs(query(collection(db, 'courses'), where('status', '==', 'published'))));
  });
});

describe('courses/{slug}/units/{unitId}', () => {
  describe('a preview unit: anyone', () =>
    whoCan(env, documentOperations(`${COURSE}/units/welcome`, { get: EVERYONE, list: ['admin'] })));
  describe('a premium unit: premium and admins', () =>
    whoCan(env, documentOperations(`${COURSE}/units/first-pipeline`, { get: ['premium', 'admin'], list: ['admin'] })));
  describe('a basic course unit: basic and up', () =>
    whoCan(
      env,
      documentOperations('courses/sql-basics/units/first-pipeline', {
        get: ['basic', 'main', 'premium', 'admin'],
        list: ['admin'],
      }),
    ));
  describe('an archived unit of a published course: admins', () =>
    whoCan(env, documentOperations(`${COURSE}/units/removed`, { get: ['admin'], list: ['admin'] })));
  describe('a unit of an archived course: admins', () =>
    whoCan(env, documentOperations('courses/old-course/units/first-pipeline', { get: ['admin'], list: ['admin'] })));

  it.each(READERS.filter((r) => r.name !== 'admin').map((r) => [r.name]))(
    '%s cannot list units, even those its rank opens (drip is proven per document: units are read by id)',
    async (name) => {
      const r = reader(name);
      const rank = r.claims === null ? 0 : ((r.claims.rank as number | undefined) ?? 10);
      const units = collection(dbFor(env(), r), `${COURSE}/units`);
      await assertFails(getDocs(query(units, where('status', '==', 'published'), where('rank', '<=', rank))));
    },
  );

  it('a token from before a downgrade cannot read a gated unit; one issued after can', async () => {
    const token = (iat: number) =>
      env().authenticatedContext('u-stale', { tier: 'premium', rank: 40, iat }).firestore();
    await assertFails(getDoc(doc(token(STAMP), `${COURSE}/units/first-pipeline`)));
    await assertSucceeds(getDoc(doc(token(STAMP + 1), `${COURSE}/units/first-pipeline`)));
  });
});

describe('courses/{slug}/homework/{id}', () => {
  describe('premium homework: premium and admins', () =>
    whoCan(env, documentOperations(`${COURSE}/homework/hw-basics`, { get: ['premium', 'admin'], list: ['admin'] })));
  describe('basic course homework: basic and up', () =>
    whoCan(
      env,
      documentOperations('courses/sql-basics/homework/hw-basics', {
        get: ['basic', 'main', 'premium', 'admin'],
        list: ['admin'],
      }),
    ));
  describe('the answer key: nobody, admins included', () =>
    whoCan(env, documentOperations(`${COURSE}/homework/hw-basics/private/key`, {})));
  describe('the answer key of an open course: nobody', () =>
    whoCan(env, documentOperations('courses/sql-basics/homework/hw-basics/private/key', {})));
});

describe('courses/{slug}/cohorts/{id}', () => {
  describe('published', () =>
    whoCan(env, documentOperations(`${COURSE}/cohorts/2027-spring`, { get: EVERYONE, list: ['admin'] })));
  describe('archived', () =>
    whoCan(env, documentOperations('courses/old-course/cohorts/2027-spring', { get: ['admin'], list: ['admin'] })));

  it.each(READERS.map((r) => [r.name]))('%s can list published cohorts by status', async (name) => {
    const db = dbFor(env(), reader(name));
    await assertSucceeds(getDocs(query(collection(db, `${COURSE}/cohorts`), where('status', '==', 'published'))));
  });
});

describe('courses/{slug}/enrollments/{uid}', () => {
  describe("premium's own enrollment", () =>
    whoCan(env, documentOperations(`${COURSE}/enrollments/u-premium`, { get: ['premium', 'admin'], list: ['admin'] })));
  describe("main's own enrollment", () =>
    whoCan(env, documentOperations(`${COURSE}/enrollments/u-main`, { get: ['main', 'admin'], list: ['admin'] })));

  it('a member lists their own enrollments by uid, never another member’s', async () => {
    const db = dbFor(env(), reader('premium'));
    const enrollments = collection(db, `${COURSE}/enrollments`);
    await assertSucceeds(getDocs(query(enrollments, where('uid', '==', 'u-premium'))));
    await assertFails(getDocs(query(enrollments, where('uid', '==', 'u-main'))));
    await assertFails(getDoc(doc(db, `${COURSE}/enrollments/u-main`)));
  });

  it.each(READERS.map((r) => [r.name]))('%s cannot enroll, or mark progress or points, from a client', async (name) => {
    const r = reader(name);
    const db = dbFor(env(), r);
    const uid = r.uid ?? 'u-visitor';
    await assertFails(setDoc(doc(db, `${COURSE}/enrollments/${uid}`), enrollment(uid)));
    await assertFails(
      setDoc(doc(db, `${COURSE}/enrollments/u-premium`), { ...enrollment('u-premium'), completedUnits: ['welcome'] }),
    );
  });
});

describe('no client writes anywhere in courses', () => {
  it.each(READERS.map((r) => [r.name]))('%s cannot write a course, unit, homework, key or cohort', async (name) => {
    const db = dbFor(env(), reader(name));
    const { teaser, units, homework, keys, cohorts } = makeCourseDocs();
    await assertFails(setDoc(doc(db, 'courses/new-course'), teaser));
    await assertFails(setDoc(doc(db, COURSE), { ...teaser, title: 'Changed' }));
    await assertFails(setDoc(doc(db, `${COURSE}/units/welcome`), { ...units.welcome, html: '<p>x</p>' }));
    await assertFails(setDoc(doc(db, `${COURSE}/homework/hw-basics`), homework['hw-basics']));
    await assertFails(setDoc(doc(db, `${COURSE}/homework/hw-basics/private/key`), keys['hw-basics']));
    await assertFails(setDoc(doc(db, `${COURSE}/cohorts/2027-spring`), { ...cohorts['2027-spring'], enrolled: 0 }));
  });
});

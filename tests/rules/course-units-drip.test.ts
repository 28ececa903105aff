import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc } from 'firebase/firestore';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { makeCourseDocs, makeCourseSpec } from '../../functions/src/testing/course-factories';
import { dbFor, documentOperations, reader, rulesSuite, whoCan, type Reader } from './readers';

// Drip on the server: a unit with `availableAfterDays` is readable only from the reader's enrollment start plus
// that many days; preview units and units without drip only need the rank. Enrollments: the member's own.
const DAY = 86_400_000;
const now = new Date();
const docs = makeCourseDocs(makeCourseSpec({}, now), 40, now);
const C = `courses/${docs.id}`;

// Premium members enrolled at different times (the table's premium reader is enrolled long enough ago).
const premiumAs = (uid: string): Reader => ({ ...reader('premium'), uid });
const enrollment = (uid: string, startsAt: Date) => ({
  uid,
  cohortId: null,
  enrolledAt: startsAt,
  startsAt,
  completedUnits: [],
  lastUnitId: null,
  displayName: uid,
  showOnLeaderboard: true,
  points: { homework: 0, links: 0, project: 0, total: 0 },
  updatedAt: startsAt,
});

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  await setDoc(doc(db, C), docs.teaser);
  for (const [id, unit] of Object.entries(docs.units)) await setDoc(doc(db, `${C}/units/${id}`), unit);
  await setDoc(doc(db, `${C}/units/gone`), { ...docs.units['first-pipeline'], status: 'archived' });
  await setDoc(doc(db, `${C}/units/drip-preview`), { ...docs.units.welcome, availableAfterDays: 30 });
  await setDoc(doc(db, `${C}/enrollments/u-premium`), enrollment('u-premium', new Date(now.getTime() - 8 * DAY)));
  await setDoc(doc(db, `${C}/enrollments/u-main`), enrollment('u-main', new Date(now.getTime() - 30 * DAY)));
  await setDoc(doc(db, `${C}/enrollments/u-recent`), enrollment('u-recent', new Date(now.getTime() - 6 * DAY)));
  await setDoc(doc(db, `${C}/enrollments/u-cohort`), enrollment('u-cohort', new Date(now.getTime() + 2 * DAY)));
});

describe('a preview unit', () => {
  whoCan(
    env,
    documentOperations(`${C}/units/welcome`, {
      get: ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'],
      list: ['admin'],
    }),
  );

  it('stays open to visitors even with drip days', async () => {
    await assertSucceeds(getDoc(doc(dbFor(env(), reader('anonymous')), `${C}/units/drip-preview`)));
  });
});

describe('a unit without drip', () => {
  whoCan(env, documentOperations(`${C}/units/first-pipeline`, { get: ['premium', 'admin'], list: ['admin'] }));

  it('is open to a premium member who is not enrolled, and to a cohort member before the start', async () => {
    await assertSucceeds(getDoc(doc(dbFor(env(), premiumAs('u-none')), `${C}/units/first-pipeline`)));
    await assertSucceeds(getDoc(doc(dbFor(env(), premiumAs('u-cohort')), `${C}/units/first-pipeline`)));
  });
});

describe('a dripped unit (7 days)', () => {
  // premium was enrolled 8 days ago; main 30 days ago but below the course's rank.
  whoCan(env, documentOperations(`${C}/units/modelling`, { get: ['premium', 'admin'], list: ['admin'] }));

  it.each([
    ['not enrolled', 'u-none'],
    ['enrolled 6 days ago', 'u-recent'],
    ['in a cohort that starts in 2 days', 'u-cohort'],
  ])('is closed to a premium member %s', async (_, uid) => {
    await assertFails(getDoc(doc(dbFor(env(), premiumAs(uid)), `${C}/units/modelling`)));
  });
});

describe('an archived unit', () => {
  whoCan(env, documentOperations(`${C}/units/gone`, { get: ['admin'], list: ['admin'] }));
});

describe('enrollments', () => {
  whoCan(env, documentOperations(`${C}/enrollments/u-premium`, { get: ['premium', 'admin'], list: ['admin'] }));

  it("a member cannot read another member's enrollment", async () => {
    await assertFails(getDoc(doc(dbFor(env(), reader('main')), `${C}/enrollments/u-premium`)));
  });
});

describe('my enrollments across courses', () => {
  it("a member lists their own enrollments, and nobody else's", async () => {
    const { collectionGroup, getDocs, query, where } = await import('firebase/firestore');
    const db = dbFor(env(), reader('premium'));
    const mine = await assertSucceeds(
      getDocs(query(collectionGroup(db, 'enrollments'), where('uid', '==', 'u-premium'))),
    );
    expect(mine.docs.map((d) => d.ref.parent.parent?.id)).toEqual([docs.id]);
    await assertFails(getDocs(query(collectionGroup(db, 'enrollments'), where('uid', '==', 'u-main'))));
    await assertFails(getDocs(collectionGroup(db, 'enrollments')));
    await assertFails(
      getDocs(
        query(collectionGroup(dbFor(env(), reader('anonymous')), 'enrollments'), where('uid', '==', 'u-premium')),
      ),
    );
  });
});

import type { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { announceCohortStarts, cohortStartMailKey } from '../../functions/src/courses/cohorts/cohort-start';
import type { CourseCohort, CourseEnrollment } from '../../functions/src/shared/courses';
import type { EventTeaser } from '../../functions/src/shared/events';
import { makeCourseSpec } from '../../functions/src/testing/course-factories';
import { publicReader } from '../../functions/src/public-pages/public-reader';
import { adminSdk, callFunction, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { createMember, writeCourse } from '../support/factories';

// Learning a course through the real callables: enrollment (plan, window, capacity race, double click),
// progress (done, resume, drip, archived and unknown units), unit files, cohort sessions on the calendar and
// the cohort-start mail.
const { db } = adminSdk();
const DAY = 86_400_000;
const now = new Date();
const iso = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
const COHORT = '2027-spring';

let basic: SignedIn;
let premium: SignedIn;
let premium2: SignedIn;
let premium3: SignedIn;

/** A course (the factory's, under `slug`) with the cohort changed by `cohort`. */
async function course(slug: string, cohort: Partial<ReturnType<typeof makeCourseSpec>['cohorts'][number]> = {}) {
  const spec = makeCourseSpec({ slug }, now);
  spec.cohorts = spec.cohorts.map((c) => ({ ...c, ...cohort }));
  await writeCourse(db, spec, 40, now);
  return slug;
}

const enroll = (who: SignedIn, courseId: string, cohortId: string | null = COHORT) =>
  callFunction('enrollInCourse', { courseId, cohortId }, who.idToken);
const markDone = (who: SignedIn, courseId: string, unitId: string, done = true) =>
  callFunction('markUnitDone', { courseId, unitId, done }, who.idToken);
const enrollment = async (courseId: string, uid: string) =>
  (await db.doc(`courses/${courseId}/enrollments/${uid}`).get()).data() as CourseEnrollment<Timestamp> | undefined;
const cohort = async (courseId: string, id = COHORT) =>
  (await db.doc(`courses/${courseId}/cohorts/${id}`).get()).data() as CourseCohort<Timestamp>;

beforeAll(async () => {
  await clearEmulators();
  basic = await createMember('basic@learning.test', { tier: 'basic' });
  premium = await createMember('premium@learning.test', { tier: 'premium' });
  premium2 = await createMember('premium2@learning.test', { tier: 'premium' });
  premium3 = await createMember('premium3@learning.test', { tier: 'premium' });
}, 60_000);

describe('enrollInCourse', () => {
  it('enrolls in a cohort from its start, with zero points and the member name; a double click is one enrollment', async () => {
    const id = await course('enroll-cohort');
    const [a, b] = await Promise.all([enroll(premium, id), enroll(premium, id)]);
    expect(a.error).toBeUndefined();
    expect(b.result).toEqual(a.result);
    expect(a.result).toEqual({ cohortId: COHORT, startsAt: iso(1) });
    const e = await enrollment(id, premium.uid);
    expect(e).toMatchObject({
      uid: premium.uid,
      cohortId: COHORT,
      completedUnits: [],
      lastUnitId: null,
      displayName: 'premium',
      points: { homework: 0, links: 0, project: 0, total: 0 },
    });
    expect((await cohort(id)).enrolled).toBe(1);
  });

  it('refuses a plan that does not open the course, naming the lowest plan that does', async () => {
    const id = await course('enroll-plan');
    const res = await enroll(basic, id);
    expect(res.error).toMatchObject({ status: 'PERMISSION_DENIED', message: expect.stringMatching(/Premium/) });
    expect(await enrollment(id, basic.uid)).toBeUndefined();
  });

  it('gives the last seat to one of two racing members', async () => {
    const id = await course('enroll-race', { capacity: 1 });
    const results = await Promise.all([enroll(premium, id), enroll(premium2, id)]);
    const won = results.filter((r) => r.result);
    const lost = results.filter((r) => r.error);
    expect(won).toHaveLength(1);
    expect(lost[0]?.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: expect.stringMatching(/full/) });
    expect((await cohort(id)).enrolled).toBe(1);
    // Self-paced is still open when the cohort is full.
    const loser = results[0]?.error ? premium : premium2;
    expect((await enroll(loser, id, null)).result?.cohortId).toBeNull();
  });

  it.each([
    ['closed', { enrollmentOpens: iso(-20), enrollmentCloses: iso(-1) }, /closed/],
    ['not yet open', { enrollmentOpens: iso(2), enrollmentCloses: iso(10) }, /not opened/],
  ])('refuses a cohort whose window is %s', async (what, window, says) => {
    const id = await course(`enroll-window-${what.replace(/ /g, '-')}`, window);
    const res = await enroll(premium, id);
    expect(res.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: expect.stringMatching(says) });
    expect(await enrollment(id, premium.uid)).toBeUndefined();
    expect((await cohort(id)).enrolled).toBe(0);
  });

  it('refuses an unknown cohort, and a cohort after self-paced', async () => {
    const id = await course('enroll-switch');
    expect((await enroll(premium, id, 'no-such-cohort')).error?.status).toBe('NOT_FOUND');
    const self = await enroll(premium, id, null);
    expect(Date.parse(self.result!.startsAt)).toBeGreaterThan(now.getTime() - 60_000);
    expect((await enroll(premium, id)).error).toMatchObject({ status: 'FAILED_PRECONDITION' });
    expect((await cohort(id)).enrolled).toBe(0);
  });
});

describe('progress', () => {
  let id: string;
  beforeAll(async () => {
    id = await course('progress');
    await db.doc(`courses/${id}/units/gone`).set({
      ...(await db.doc(`courses/${id}/units/first-pipeline`).get()).data(),
      status: 'archived',
    });
    await enroll(premium3, id, null);
  });

  it('ticks a unit, sets the resume point, and unticks it', async () => {
    expect((await markDone(premium3, id, 'welcome')).result).toEqual({ completedUnits: ['welcome'] });
    expect((await markDone(premium3, id, 'welcome')).result).toEqual({ completedUnits: ['welcome'] });
    expect((await markDone(premium3, id, 'first-pipeline')).result).toEqual({
      completedUnits: ['welcome', 'first-pipeline'],
    });
    expect(await enrollment(id, premium3.uid)).toMatchObject({ lastUnitId: 'first-pipeline' });
    expect((await markDone(premium3, id, 'first-pipeline', false)).result).toEqual({ completedUnits: ['welcome'] });
    expect((await callFunction('openUnit', { courseId: id, unitId: 'welcome' }, premium3.idToken)).result).toEqual({
      lastUnitId: 'welcome',
    });
    expect(await enrollment(id, premium3.uid)).toMatchObject({ lastUnitId: 'welcome', completedUnits: ['welcome'] });
  });

  it('refuses an unknown unit (not-found), an archived one (invalid-argument) and a member not enrolled', async () => {
    expect((await markDone(premium3, id, 'no-such-unit')).error?.status).toBe('NOT_FOUND');
    expect((await markDone(premium3, id, 'gone')).error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/unitId/),
    });
    expect((await markDone(premium2, id, 'welcome')).error?.status).toBe('FAILED_PRECONDITION');
    expect((await enrollment(id, premium3.uid))?.completedUnits).toEqual(['welcome']);
  });

  it('keeps a dripped unit closed until its day, from the enrollment start', async () => {
    const closed = await markDone(premium3, id, 'modelling');
    expect(closed.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: expect.stringMatching(/opens on/) });
    await db.doc(`courses/${id}/enrollments/${premium3.uid}`).update({ startsAt: new Date(now.getTime() - 8 * DAY) });
    expect((await markDone(premium3, id, 'modelling')).result?.completedUnits).toContain('modelling');
  });

  it('signs a unit file for a reader of the unit only', async () => {
    const path = `media/courses/${id}/starter.zip`;
    await db.doc(`courses/${id}/units/first-pipeline`).update({ attachments: [{ title: 'Starter', path, size: 3 }] });
    const req = { courseId: id, unitId: 'first-pipeline', path };
    expect((await callFunction('getCourseMediaUrl', req, premium3.idToken)).result?.url).toContain('starter.zip');
    expect((await callFunction('getCourseMediaUrl', req, basic.idToken)).error?.status).toBe('PERMISSION_DENIED');
    expect((await callFunction('getCourseMediaUrl', req)).error?.status).toBe('PERMISSION_DENIED');
    const other = { ...req, path: `media/courses/${id}/other.zip` };
    expect((await callFunction('getCourseMediaUrl', other, premium3.idToken)).error?.status).toBe('NOT_FOUND');
    // A dripped unit's file: not before the unit opens for the reader.
    await db.doc(`courses/${id}/units/modelling`).update({ attachments: [{ title: 'Schema', path, size: 3 }] });
    const dripped = { ...req, unitId: 'modelling' };
    expect((await callFunction('getCourseMediaUrl', dripped, premium2.idToken)).error?.status).toBe(
      'PERMISSION_DENIED',
    );
    expect((await callFunction('getCourseMediaUrl', dripped, premium3.idToken)).result?.url).toBeTruthy();
  });
});

describe('cohorts', () => {
  it('publishes sessions as events with the course access, updates them, and cancels a removed one', async () => {
    const id = await course('cohort-events');
    const eventId = `${id}-${COHORT}-1`;
    const teaser = async () => (await db.doc(`events/${eventId}`).get()).data() as EventTeaser<Timestamp> | undefined;
    const created = await eventually(teaser, (t) => t?.status === 'published');
    expect(created).toMatchObject({ access: 'premium', rank: 40, title: 'Data engineering: Kick-off' });
    const sessions = [{ title: 'Kick-off, moved', start: iso(2), end: iso(2.1) }];
    await db.doc(`courses/${id}/cohorts/${COHORT}`).update({ sessions });
    await eventually(teaser, (t) => t?.title === 'Data engineering: Kick-off, moved');
    await db.doc(`courses/${id}/cohorts/${COHORT}`).update({ sessions: [] });
    await eventually(teaser, (t) => t?.status === 'cancelled');
  });

  it('mails each cohort member once when the cohort starts', async () => {
    const id = await course('cohort-start');
    await enroll(premium, id);
    await enroll(premium2, id);
    await enroll(premium3, id, null);
    const deps = { db, now: () => new Date(now.getTime() + 1.5 * DAY), settings: { appUrl: 'http://127.0.0.1:4173' } };
    const before = await announceCohortStarts({ ...deps, now: () => now });
    expect(before.queued).toBe(0);
    const first = await announceCohortStarts(deps);
    expect(first.queued).toBeGreaterThanOrEqual(2);
    expect((await db.doc(`mail/${cohortStartMailKey(id, COHORT, premium2.uid)}`).get()).exists).toBe(true);
    const mail = (await db.doc(`mail/${cohortStartMailKey(id, COHORT, premium.uid)}`).get()).data();
    expect(mail).toMatchObject({
      to: 'premium@learning.test',
      template: 'course-cohort-started',
      data: { courseUrl: `http://127.0.0.1:4173/courses/${id}` },
    });
    expect((await db.doc(`mail/${cohortStartMailKey(id, COHORT, premium3.uid)}`).get()).exists).toBe(false);
    expect((await announceCohortStarts(deps)).queued).toBe(0);
  });
});

describe('PublicReader.previewUnit', () => {
  it("serves a preview unit of a published course and never a gated unit's body", async () => {
    const id = await course('preview-reader');
    const reader = publicReader(db);
    const preview = await reader.previewUnit(id, 'welcome');
    expect(preview).toMatchObject({ courseId: id, unitId: 'welcome', title: 'Welcome', course: { rank: 40 } });
    expect(preview?.html).toContain('What this course covers');
    for (const unitId of ['first-pipeline', 'modelling', 'no-such-unit', '__proto__', 'a/b'])
      expect(await reader.previewUnit(id, unitId)).toBeNull();
    // A unit claiming to be a preview in its own document, not in the syllabus, is not served either.
    await db.doc(`courses/${id}/units/first-pipeline`).update({ preview: true });
    expect(await reader.previewUnit(id, 'first-pipeline')).toBeNull();
    await db.doc(`courses/${id}`).update({ status: 'archived' });
    expect(await reader.previewUnit(id, 'welcome')).toBeNull();
  });
});

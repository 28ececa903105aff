import type { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshLeaderboards } from '../../functions/src/courses/projects/leaderboard-store';
import { runReviewRounds } from '../../functions/src/courses/projects/review-rounds';
import { makeCourseSpec } from '../../functions/src/testing/course-factories';
import type { CourseEnrollment } from '../../functions/src/shared/courses';
import {
  REVIEW_DAYS,
  type Certificate,
  type CourseProject,
  type Leaderboard,
  type ProjectReview,
} from '../../functions/src/shared/course-projects';
import { publicReader } from '../../functions/src/public-pages/public-reader';
import { pdfText } from '../../functions/src/testing/pdf-text';
import { FUNCTIONS, adminSdk, callFunction, clearEmulators, type SignedIn } from '../support/emulators';
import { createMember, writeCourse } from '../support/factories';
import { HOSTING } from '../support/postmark';

// Projects and peer review, leaderboards and certificates through the real callables and the PDF endpoint; the
// jobs are called as dev-cron calls them, at chosen clocks.
const { db } = adminSdk();
const COURSE = 'projects-course';
const COHORT = '2027-spring';
const DAY = 86_400_000;
const SHA = (c: string) => c.repeat(40);

let admin: SignedIn;
let ada: SignedIn;
let bob: SignedIn;
let cy: SignedIn;
let dee: SignedIn;
let basic: SignedIn;

async function enroll(who: SignedIn, name: string, homework: number, cohortId: string | null = COHORT) {
  const now = new Date();
  const enrollment: CourseEnrollment<Date> = {
    uid: who.uid,
    cohortId,
    enrolledAt: now,
    startsAt: now,
    completedUnits: [],
    lastUnitId: null,
    displayName: name,
    showOnLeaderboard: true,
    points: { homework, links: 0, project: 0, total: homework },
    updatedAt: now,
  };
  await db.doc(`courses/${COURSE}/enrollments/${who.uid}`).set(enrollment);
}

const submit = (who: SignedIn, data: Record<string, unknown> = {}) =>
  callFunction(
    'submitProject',
    { courseId: COURSE, repoUrl: 'https://github.com/ada/pipeline', commit: SHA('a'), ...data } as never,
    who.idToken,
  );
const review = (who: SignedIn, author: SignedIn, scores: Record<string, number>, comment = 'Clear README') =>
  callFunction('submitReview', { courseId: COURSE, authorUid: author.uid, scores, comment }, who.idToken);
const project = async (who: SignedIn) =>
  (await db.doc(`courses/${COURSE}/projects/${who.uid}`).get()).data() as CourseProject<Timestamp> | undefined;
const enrollment = async (who: SignedIn) =>
  (await db.doc(`courses/${COURSE}/enrollments/${who.uid}`).get()).data() as CourseEnrollment<Timestamp>;
const board = async (id: string) =>
  (await db.doc(`courses/${COURSE}/leaderboards/${id}`).get()).data() as Leaderboard<Timestamp> | undefined;

let deadline: Date;

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('admin@projects.test', { admin: true });
  ada = await createMember('ada@projects.test', { tier: 'premium' });
  bob = await createMember('bob@projects.test', { tier: 'premium' });
  cy = await createMember('cy@projects.test', { tier: 'premium' });
  dee = await createMember('dee@projects.test', { tier: 'premium' });
  basic = await createMember('basic@projects.test', { tier: 'basic' });
  await db.doc(`members/${ada.uid}`).update({ name: 'Ada Tester' });
  await writeCourse(db, makeCourseSpec({ slug: COURSE }, new Date()));
  await enroll(ada, 'Ada T.', 5);
  await enroll(bob, 'Bob B.', 5);
  await enroll(cy, 'Cy C.', 5);
  await enroll(dee, 'Dee D.', 1);
}, 60_000);

describe('submitProject', () => {
  it('stores the repository pinned to the commit (lower case), and replaces it before the deadline', async () => {
    const first = await submit(ada, { commit: SHA('A') });
    expect(first.error).toBeUndefined();
    expect(await project(ada)).toMatchObject({ status: 'submitted', cohortId: COHORT, commit: SHA('a') });
    await submit(ada, { commit: SHA('b'), repoUrl: 'https://gitlab.com/ada/pipeline-v2' });
    expect(await project(ada)).toMatchObject({ commit: SHA('b'), repoUrl: 'https://gitlab.com/ada/pipeline-v2' });
    expect((await submit(bob, { repoUrl: 'https://bitbucket.org/bob/etl' })).error).toBeUndefined();
    expect((await submit(cy, { repoUrl: 'https://git.example.org/cy/warehouse' })).error).toBeUndefined();
  });

  it.each([
    ['commit', { commit: 'abc123' }],
    ['commit', { commit: 'main' }],
    ['repoUrl', { repoUrl: 'http://github.com/ada/pipeline' }],
    ['repoUrl', { repoUrl: 'https://github.com' }],
  ])('refuses a bad %s naming it', async (field, data) => {
    const res = await submit(dee, data);
    expect(res.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toContain(field);
    expect(await project(dee)).toBeUndefined();
  });

  it('refuses a member whose plan does not open the course, and one not enrolled', async () => {
    expect((await submit(basic)).error?.status).toBe('PERMISSION_DENIED');
    expect((await submit(admin)).error).toMatchObject({ status: 'PERMISSION_DENIED' });
    const other = await createMember('eve@projects.test', { tier: 'premium' });
    expect((await submit(other)).error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /Enroll/ });
  });

  it('refuses a self-paced member (peers review within a cohort)', async () => {
    const solo = await createMember('solo@projects.test', { tier: 'premium' });
    await enroll(solo, 'Solo', 0, null);
    expect((await submit(solo)).error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /cohort/ });
  });
});

describe('the review round', () => {
  it('refuses submissions after the deadline; the job assigns each project to 2 peers, once', async () => {
    deadline = new Date(Date.now() - 1000);
    await db.doc(`courses/${COURSE}/cohorts/${COHORT}`).update({ 'deadlines.project': deadline });
    expect((await submit(dee)).error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /deadline/ });
    expect((await submit(ada, { commit: SHA('c') })).error?.status).toBe('FAILED_PRECONDITION');

    const first = await runReviewRounds({ db, now: () => new Date() });
    expect(first.assigned).toContain(`${COURSE}/${COHORT}`);
    const reviews = (await db.collection(`courses/${COURSE}/reviews`).get()).docs;
    expect(reviews).toHaveLength(6); // 3 participants, each reviews the 2 others
    for (const d of reviews) {
      const r = d.data() as ProjectReview<Timestamp>;
      expect(d.id).toBe(`${r.reviewerUid}_${r.authorUid}`);
      expect(r.reviewerUid).not.toBe(r.authorUid);
      expect([ada.uid, bob.uid, cy.uid]).toContain(r.authorUid);
    }
    expect((await project(ada))?.status).toBe('in-review');
    const again = await runReviewRounds({ db, now: () => new Date() });
    expect(again).toEqual({ assigned: [], finalized: [] });
    expect((await db.collection(`courses/${COURSE}/reviews`).get()).size).toBe(6);
  });

  it('lets only the assigned reviewer review, with every criterion in range', async () => {
    expect((await review(dee, ada, { works: 3, tests: 2 })).error?.status).toBe('PERMISSION_DENIED');
    expect((await review(ada, ada, { works: 3, tests: 2 })).error?.status).toBe('PERMISSION_DENIED');
    expect((await review(ada, bob, { works: 4, tests: 2 })).error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: /scores\.works/,
    });
    expect((await review(ada, bob, { works: 3 })).error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: /scores\.tests/,
    });
    expect((await review(ada, bob, { works: 3, tests: 2, style: 1 })).error?.message).toMatch(/scores\.style/);
  });

  it('scores: Ada and Bob pass, Cy fails (low scores); points land in the enrollments', async () => {
    // Cy's project gets 1 point from each reviewer; everyone else 5. Ada first scores Bob low, then edits.
    expect((await review(ada, bob, { works: 0, tests: 0 })).error).toBeUndefined();
    for (const [reviewer, author, scores] of [
      [ada, bob, { works: 3, tests: 2 }],
      [ada, cy, { works: 1, tests: 0 }],
      [bob, ada, { works: 3, tests: 2 }],
      [bob, cy, { works: 1, tests: 0 }],
      [cy, ada, { works: 3, tests: 2 }],
      [cy, bob, { works: 3, tests: 2 }],
    ] as const) {
      const res = await review(reviewer, author, scores);
      expect(res.error).toBeUndefined();
    }
    const stored = (await db.doc(`courses/${COURSE}/reviews/${ada.uid}_${bob.uid}`).get()).data() as ProjectReview;
    expect(stored.scores).toEqual({ works: 3, tests: 2 });

    // Before the review deadline nothing is final; after it the round closes once.
    expect((await runReviewRounds({ db, now: () => new Date() })).finalized).toEqual([]);
    const after = new Date(deadline.getTime() + (REVIEW_DAYS + 1) * DAY);
    expect((await runReviewRounds({ db, now: () => after })).finalized).toEqual([`${COURSE}/${COHORT}`]);

    const a = await project(ada);
    expect(a?.status).toBe('passed');
    expect(a?.outcome).toMatchObject({ passed: true, averageScore: 5, reviewsGiven: 2, reviewsReceived: 2, points: 7 });
    expect(a?.reviews).toHaveLength(2);
    expect(JSON.stringify(a?.reviews)).not.toMatch(new RegExp(`${bob.uid}|${cy.uid}`)); // anonymous
    expect((await project(cy))?.outcome).toMatchObject({ passed: false, averageScore: 1, points: 3 });
    expect((await enrollment(ada)).points).toEqual({ homework: 5, links: 0, project: 7, total: 12 });
    expect((await enrollment(cy)).points).toEqual({ homework: 5, links: 0, project: 3, total: 8 });
    expect((await enrollment(dee)).points.project).toBe(0);
    expect((await runReviewRounds({ db, now: () => after })).finalized).toEqual([]);
  });

  it('refuses reviews after the review deadline', async () => {
    await db
      .doc(`courses/${COURSE}/reviews/${ada.uid}_${bob.uid}`)
      .update({ reviewDeadline: new Date(Date.now() - 1) });
    expect((await review(ada, bob, { works: 1, tests: 1 })).error).toMatchObject({
      status: 'FAILED_PRECONDITION',
      message: /deadline/,
    });
  });
});

describe('leaderboard', () => {
  it('lists opted-in members by total; an opted-out member disappears at once', async () => {
    expect(await refreshLeaderboards({ db, now: () => new Date() })).toContain(COURSE);
    const all = await board('all');
    expect(all?.rows.map((r) => r.displayName)).toEqual(['Ada T.', 'Bob B.', 'Cy C.', 'Dee D.', 'Solo']);
    expect(all?.rows[0]).toEqual({ displayName: 'Ada T.', total: 12, homework: 5, links: 0, project: 7 });
    expect((await board(COHORT))?.rows.map((r) => r.displayName)).not.toContain('Solo');

    const res = await callFunction(
      'setLeaderboardProfile',
      { courseId: COURSE, displayName: 'Hidden Bob', showOnLeaderboard: false },
      bob.idToken,
    );
    expect(res.error).toBeUndefined();
    for (const id of ['all', COHORT]) {
      const text = JSON.stringify(await board(id));
      expect(text).not.toContain('Bob');
    }
    expect((await board(COHORT))?.shown).toBe(3);
    // The round's job ran at a clock 8 days ahead, so enrollments look newer until a rebuild at a later clock;
    // after it, unchanged enrollments rebuild nothing, and Bob stays off.
    const later = () => new Date(Date.now() + 30 * DAY);
    await refreshLeaderboards({ db, now: later });
    expect(await refreshLeaderboards({ db, now: later })).not.toContain(COURSE);
    expect(JSON.stringify(await board('all'))).not.toContain('Bob');
  });

  it('refuses a member who is not enrolled', async () => {
    const res = await callFunction(
      'setLeaderboardProfile',
      { courseId: COURSE, displayName: 'Nobody', showOnLeaderboard: true },
      basic.idToken,
    );
    expect(res.error?.status).toBe('FAILED_PRECONDITION');
  });
});

describe('certificates', () => {
  let id: string;

  it('refuses a member below the points or with a failed project', async () => {
    expect((await callFunction('claimCertificate', { courseId: COURSE }, cy.idToken)).error).toMatchObject({
      status: 'FAILED_PRECONDITION',
      message: /8 of the 10 points/,
    });
    await db.doc(`courses/${COURSE}/enrollments/${cy.uid}`).update({ 'points.homework': 20, 'points.total': 23 });
    expect((await callFunction('claimCertificate', { courseId: COURSE }, cy.idToken)).error?.message).toMatch(
      /did not pass/,
    );
    expect((await callFunction('claimCertificate', { courseId: COURSE }, dee.idToken)).error?.status).toBe(
      'FAILED_PRECONDITION',
    );
  });

  it('issues one certificate per member and cohort, with the member name, whatever the number of claims', async () => {
    const [one, two] = await Promise.all([
      callFunction('claimCertificate', { courseId: COURSE }, ada.idToken),
      callFunction('claimCertificate', { courseId: COURSE }, ada.idToken),
    ]);
    expect(one.result?.id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(two.result?.id).toBe(one.result?.id);
    expect([one.result?.issued, two.result?.issued].sort()).toEqual([false, true]);
    id = one.result!.id;
    const certs = await db.collection('certificates').get();
    expect(certs.size).toBe(1);
    expect(certs.docs[0]!.data()).toMatchObject({
      name: 'Ada Tester',
      courseTitle: 'Data engineering',
      courseSlug: COURSE,
      cohortId: COHORT,
      points: 12,
      revokedAt: null,
    });
  });

  it('serves the PDF by ?id= and by the rewritten path, 404 for an unknown id', async () => {
    // Directly, and as the site serves it: Hosting rewrites /certificates/*.pdf to the function.
    for (const url of [
      `${FUNCTIONS}/certificatePdf?id=${id}`,
      `${FUNCTIONS}/certificatePdf/certificates/${id}.pdf`,
      `${HOSTING}/certificates/${id}.pdf`,
    ]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
      expect(body.startsWith('%PDF')).toBe(true);
      expect(body).toContain('Certificate of completion: Ada Tester'); // the document's title
      expect(pdfText(body)).toContain('Ada Tester');
    }
    expect((await fetch(`${FUNCTIONS}/certificatePdf?id=${'Z'.repeat(20)}`)).status).toBe(404);
  });

  it('renders the certificate page on the server; 404 for an unknown id', async () => {
    const res = await fetch(`${FUNCTIONS}/ssr/certificates/${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Ada Tester');
    expect(html).toContain('Data engineering');
    expect(html).toContain(`<title>Ada Tester: Data engineering`);
    expect(html).not.toContain('data-testid="certificate-revoked"');
    expect(await (await fetch(`${HOSTING}/certificates/${id}`)).text()).toContain('Ada Tester');
    expect((await fetch(`${FUNCTIONS}/ssr/certificates/${'Z'.repeat(20)}`)).status).toBe(404);
  });

  it('the public reader gives the public fields; a revoked certificate says so and has no PDF', async () => {
    const reader = publicReader(db);
    expect(await reader.certificate(id)).toMatchObject({ id, name: 'Ada Tester', revoked: false });
    expect(await reader.certificate('Z'.repeat(20))).toBeNull();
    expect(await reader.certificate('../x')).toBeNull();

    expect((await callFunction('revokeCertificate', { id, reason: 'Copied project' }, ada.idToken)).error?.status).toBe(
      'PERMISSION_DENIED',
    );
    const res = await callFunction('revokeCertificate', { id, reason: 'Copied project' }, admin.idToken);
    expect(res.result).toEqual({ id });
    const cert = (await db.doc(`certificates/${id}`).get()).data() as Certificate<Timestamp>;
    expect(cert.revokedAt).not.toBeNull();
    expect(cert.revokeReason).toBe('Copied project');
    expect(await reader.certificate(id)).toMatchObject({ revoked: true, revokeReason: 'Copied project' });
    expect((await fetch(`${FUNCTIONS}/certificatePdf?id=${id}`)).status).toBe(410);
    const page = await (await fetch(`${FUNCTIONS}/ssr/certificates/${id}`)).text();
    expect(page).toContain('data-testid="certificate-revoked"');
    expect(page).toContain('Copied project');
    // Claiming again gives the same (revoked) certificate, never a new one.
    const again = await callFunction('claimCertificate', { courseId: COURSE }, ada.idToken);
    expect(again.result).toEqual({ id, issued: false });
  });
});

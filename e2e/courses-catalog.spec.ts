// The course catalog and course pages in Chromium: rendered by the `ssr` function, hydrated without moving or
// reading again, a member's button after sign-in (a basic member is offered the upgrade to a premium course), and
// a unit's body reaching no visitor. Until the seed syncs `examples/courses`, the courses are written here with the
// Admin SDK, in the shape `courseDocs` gives (functions/src/domain/course-docs.ts; Playwright's loader cannot
// import functions/' CommonJS, as events.spec.ts says).
import { expect, test } from '@playwright/test';
import type { Firestore } from 'firebase-admin/firestore';
import type { CourseCohort, CourseTeaser, CourseUnit } from '../functions/src/shared/courses';
import { adminSdk } from '../tests/support/emulators';
import { allResponses, firestoreRequests, hydrated, hydrationWarnings, MEASURE_CLS, shot, signIn } from './support';

const DAY = 86_400_000;
const GATED = 'E2E-GATED-UNIT-BODY: the warehouse load job';

async function writeCourse(
  db: Firestore,
  slug: string,
  over: Partial<CourseTeaser<Date>> & { title: string; access: string; rank: number },
  cohort: boolean,
) {
  const now = new Date();
  const syllabus = [
    {
      id: 'basics',
      title: 'Basics',
      units: [
        { id: 'welcome', title: 'Welcome', preview: true, hasVideo: true, availableAfterDays: 0 },
        { id: 'first-load', title: 'Your first load', preview: false, hasVideo: false, availableAfterDays: 0 },
      ],
      homework: [{ id: 'hw-basics', title: 'Basics homework', points: 5 }],
    },
    {
      id: 'warehouse',
      title: 'Warehouse',
      units: [{ id: 'modelling', title: 'Modelling', preview: false, hasVideo: true, availableAfterDays: 7 }],
      homework: [],
    },
  ];
  const teaser: CourseTeaser<Date> = {
    summary: 'From a cron job to a tested warehouse.',
    cover: null,
    instructors: [{ name: 'Ada Lovelace', bio: 'Writes the pipelines.', url: null }],
    kind: 'course',
    status: 'published',
    syllabus,
    unitCount: 3,
    maxPoints: 5,
    passPoints: 3,
    project: null,
    pollId: null,
    commit: 'e2e',
    updatedAt: now,
    ...over,
  };
  const unit = (id: string, order: number, preview: boolean, html: string): CourseUnit<Date> => ({
    access: preview ? 'public' : teaser.access,
    rank: preview ? 0 : teaser.rank,
    status: 'published',
    moduleId: 'basics',
    order,
    title: id,
    preview,
    html,
    video: null,
    attachments: [],
    availableAfterDays: 0,
    sourceHash: id,
    sourcePath: `${slug}/${id}.md`,
    updatedAt: now,
  });
  const batch = db.batch();
  batch.set(db.doc(`courses/${slug}`), teaser);
  batch.set(db.doc(`courses/${slug}/units/welcome`), unit('welcome', 0, true, '<p>Welcome aboard.</p>'));
  batch.set(db.doc(`courses/${slug}/units/first-load`), unit('first-load', 1, false, `<p>${GATED}</p>`));
  if (cohort) {
    const c: CourseCohort<Date> = {
      title: 'Spring cohort',
      status: 'published',
      enrollmentOpensAt: new Date(now.getTime() - 5 * DAY),
      enrollmentClosesAt: new Date(now.getTime() + 10 * DAY),
      startAt: new Date(now.getTime() + 12 * DAY),
      endAt: new Date(now.getTime() + 60 * DAY),
      capacity: 30,
      enrolled: 4,
      deadlines: {},
      sessions: [],
      updatedAt: now,
    };
    batch.set(db.doc(`courses/${slug}/cohorts/spring`), c);
  }
  await batch.commit();
}

test.beforeAll(async () => {
  const { db } = adminSdk();
  await writeCourse(db, 'e2e-data-engineering', { title: 'E2E data engineering', access: 'premium', rank: 40 }, true);
  await writeCourse(db, 'e2e-sql-intro', { title: 'E2E SQL for everyone', access: 'free', rank: 10 }, false);
  await writeCourse(
    db,
    'e2e-dbt-hour',
    { title: 'E2E dbt in an hour', access: 'premium', rank: 40, kind: 'mini' },
    false,
  );
});

test('a visitor sees the catalog and a syllabus without JavaScript', async ({ browser }) => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  const res = await page.goto('/courses');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Courses');
  await expect(page.getByTestId('courses-course').getByRole('link', { name: 'E2E data engineering' })).toBeVisible();
  await expect(page.getByTestId('courses-mini').getByRole('link', { name: 'E2E dbt in an hour' })).toBeVisible();
  await page.goto('/courses/e2e-data-engineering');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E data engineering');
  await expect(page.getByTestId('syllabus-unit-welcome').getByRole('link', { name: 'Welcome' })).toBeVisible();
  await expect(page.getByTestId('syllabus-unit-first-load')).toContainText('Your first load');
  await expect(page.getByTestId('course-cohort')).toContainText('26 seats left');
  // Without the browser knowing who reads, nothing is offered for sale: only signing in.
  await expect(page.getByTestId('plan-unknown')).toHaveText('Sign in to see your plan');
  await noJs.close();
});

for (const path of ['/courses', '/courses/e2e-data-engineering']) {
  test(`${path} hydrates without a layout shift and without reading again what the page has`, async ({
    page,
  }, info) => {
    await page.addInitScript(MEASURE_CLS);
    const reads = firestoreRequests(page);
    const warnings = hydrationWarnings(page);
    const responses = allResponses(page);
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await hydrated(page);
    await shot(page, info, `hydrated${path.replace(/\W+/g, '-')}`);
    expect(reads).toEqual([]);
    expect(warnings).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(0.02);
    for (const r of responses) expect(r.body, r.url).not.toContain(GATED);
  });
}

test('the catalog filters in the page: mini-courses, free', async ({ page }) => {
  await page.goto('/courses');
  await hydrated(page);
  await page.getByTestId('course-filters').getByRole('link', { name: 'Mini-courses' }).click();
  await expect(page).toHaveURL(/filter=mini/);
  await expect(page.getByRole('link', { name: 'E2E dbt in an hour' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'E2E data engineering' })).toHaveCount(0);
  await page.getByTestId('course-filters').getByRole('link', { name: 'Free' }).click();
  await expect(page.getByRole('link', { name: 'E2E SQL for everyone' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'E2E dbt in an hour' })).toHaveCount(0);
});

test('a basic member gets "Upgrade" on a premium course and "My plan" keeps what basic opens', async ({ page }) => {
  await signIn(page, 'basic@demo.test');
  await page.goto('/courses/e2e-data-engineering');
  const upgrade = page.getByTestId('course-upgrade');
  await expect(upgrade).toHaveText('Upgrade to Premium');
  // Back to the course once bought (`returnTo`).
  await expect(upgrade).toHaveAttribute(
    'href',
    /^\/pricing\?plan=premium&returnTo=(%2F|\/)courses(%2F|\/)e2e-data-engineering$/,
  );
  await page.goto('/courses?filter=mine');
  await expect(page.getByRole('link', { name: 'E2E SQL for everyone' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'E2E data engineering' })).toHaveCount(0);
});

test('a premium member is shown the way in', async ({ page }) => {
  await signIn(page, 'premium@demo.test');
  await page.goto('/courses/e2e-data-engineering');
  await expect(page.getByTestId('course-actions')).toHaveAttribute('data-action', 'learn');
  await expect(page.getByTestId('enroll-self-paced')).toBeVisible();
});

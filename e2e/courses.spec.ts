import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { clientEnv, ROOT } from '../scripts/emulators.mjs';
import { shot, signIn } from './support';

// Learning a course in Chromium: a premium member enrolls in the cohort, opens units, marks them done and
// resumes; a basic member gets Upgrade; a visitor reads the public preview unit, rendered on the server.
// The course is written with the Admin SDK here (the sync's seed will provide examples/courses later).
const SLUG = 'e2e-learning';

test.beforeAll(() => {
  const run = spawnSync('npx', ['tsx', 'e2e/write-course.ts', SLUG], {
    cwd: ROOT,
    env: { ...process.env, ...clientEnv() },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
});

test.describe('courses: learning', () => {
  test('a visitor reads the preview unit, rendered on the server; a gated unit is not in the page', async ({
    page,
    request,
  }, info) => {
    const html = await (await request.get(`/courses/${SLUG}/units/welcome`)).text();
    expect(html).toContain('What this course covers');
    expect(html).toContain('youtube-nocookie.com/embed/dQw4w9WgXcQ');
    const gated = await (await request.get(`/courses/${SLUG}/units/first-pipeline`)).text();
    expect(gated).not.toContain('GATED-UNIT-BODY');

    await page.goto(`/courses/${SLUG}/units/welcome`);
    await expect(page.getByTestId('unit-body')).toContainText('What this course covers');
    await page
      .getByRole('navigation', { name: 'Course units' })
      .getByRole('link', { name: 'Your first pipeline' })
      .click();
    await expect(page.getByTestId('paywall')).toBeVisible();
    await expect(page.getByTestId('unit-body')).toHaveCount(0);
    await shot(page, info, 'course-unit-visitor');
  });

  test('a basic member gets Upgrade on a premium unit', async ({ page }, info) => {
    await signIn(page, 'basic@demo.test');
    await page.goto(`/courses/${SLUG}/units/first-pipeline`);
    const paywall = page.getByTestId('paywall');
    await expect(paywall.getByRole('link', { name: /upgrade to premium/i })).toBeVisible();
    await expect(page.getByTestId('unit-body')).toHaveCount(0);
    expect(await page.content()).not.toContain('GATED-UNIT-BODY');
    await shot(page, info, 'course-unit-basic');
  });

  test('a premium member enrolls in the cohort, completes units, sees progress and resumes', async ({ page }, info) => {
    await signIn(page, 'premium@demo.test');
    await page.goto(`/courses/${SLUG}/units/welcome`);
    await page.getByTestId('enroll-cohort-2027-spring').click();
    await page.getByTestId('mark-done').click();
    await expect(page.getByTestId('course-progress')).toHaveText('33% done');

    // A unit without a video is done once its end is reached.
    await page.getByTestId('next-unit').click();
    await expect(page.getByTestId('unit-body')).toContainText('GATED-UNIT-BODY');
    await expect(page.getByTestId('course-progress')).toHaveText('66% done');
    await expect(page.getByTestId('unit-done-tick')).toHaveCount(2);
    await shot(page, info, 'course-unit-premium');

    // Dripped: seven days after the cohort's start.
    await page.getByTestId('next-unit').click();
    await expect(page.getByTestId('unit-locked')).toContainText('opens on');
    await expect(page.getByTestId('unit-body')).toHaveCount(0);

    // Resume from the account page: the last unit worked on.
    await page.goto('/account');
    const mine = page.getByTestId(`my-course-${SLUG}`);
    await expect(mine).toContainText('66% done');
    await mine.getByRole('link', { name: 'Continue' }).click();
    await expect(page).toHaveURL(new RegExp(`/courses/${SLUG}/units/first-pipeline$`));
    await expect(page.getByTestId('unit-body')).toContainText('GATED-UNIT-BODY');
  });
});

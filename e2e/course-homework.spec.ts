import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

// The seeded sample (examples/courses, synced through the GitHub twin by the seed): a free member takes the free,
// self-paced course, answers its homework, gets the score and the correct answer at once (self-paced homework is
// scored on submit), and shows on the course's leaderboard under the name they choose.
test('a free member enrolls self-paced, submits homework, sees the score and the leaderboard', async ({
  page,
}, info) => {
  await signIn(page, 'free@demo.test');
  await page.goto('/courses/sql-basics');
  await page.getByTestId('enroll-self-paced').click();
  await expect(page).toHaveURL(/\/courses\/sql-basics\/units\/[^/]+$/);

  await page.goto('/courses/sql-basics');
  await page.getByTestId('syllabus-homework-select-check').getByRole('link').click();
  await page.getByLabel('Your answer').fill('  WHERE ');
  await page.getByTestId('homework-submit').click();
  await expect(page.getByTestId('homework-state')).toContainText('Scored: 1 points');
  await expect(page.getByTestId('homework-result')).toContainText('Correct answer: where');
  await shot(page, info, 'course-homework-scored');

  await page.getByRole('link', { name: '← Back to the course' }).click();
  await page.getByTestId('course-leaderboard-link').click();
  await page.getByTestId('leaderboard-name').fill('Free Learner');
  await page.getByRole('button', { name: 'Save' }).click();
  const row = page.getByTestId('leaderboard-row').filter({ hasText: 'Free Learner' });
  await expect(row).toContainText('1');
  await shot(page, info, 'course-leaderboard');
});

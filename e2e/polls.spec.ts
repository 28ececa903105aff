import { expect, test, type Page } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { asAdmin, hydrated, hydrationWarnings, shot, signIn, vueMounted } from './support';

// Polls in Chromium against the seeded demo (functions/src/scripts/seed-polls.ts): a main member proposes a
// topic and votes (live results); a basic member sees the teaser and "Upgrade to vote"; a visitor gets the
// server-rendered list and "Join … to vote"; a premium member votes on the mini-course poll, whose results
// appear only once it closes.
const TOPIC = 'demo-topic-poll';
const MINI = 'demo-mini-course-poll';

/** Every CSP violation the page reports (inline styles included: result bars are meters, not styled widths). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportPollCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportPollCsp(v: string): void }).reportPollCsp(
        `${e.effectiveDirective} ${e.blockedURI}`,
      ),
    );
  });
  return violations;
}

test.describe('polls', () => {
  test('a visitor reads the server-rendered list and a poll teaser, and is asked to join or sign in', async ({
    page,
    request,
  }, info) => {
    const html = await (await request.get('/polls')).text();
    expect(html).toContain('Which topics should the next workshops cover?');
    expect(html).toContain('Which mini-course should we build next?');
    const pollHtml = await (await request.get(`/polls/${TOPIC}`)).text();
    expect(pollHtml).toContain('Testing data pipelines');
    expect(pollHtml).not.toContain('demo-premium'); // who proposed or voted never reaches a public page
    expect((await request.get('/polls/no-such-poll')).status()).toBe(404);

    const violations = await watchCsp(page);
    const warnings = hydrationWarnings(page);
    await page.goto('/polls');
    await hydrated(page);
    expect(warnings).toEqual([]);
    const card = page.getByTestId(`poll-card-${TOPIC}`);
    await expect(card).toBeVisible();
    await expect(card.getByTestId('poll-status')).toContainText('Open until');
    await card.getByRole('link').click();
    await expect(page.getByTestId('poll-actions')).toHaveAttribute('data-action', 'join');
    await expect(page.getByTestId('poll-join')).toHaveAttribute('href', '/pricing?plan=main');
    await expect(page.getByTestId('poll-sign-in')).toBeVisible();
    await expect(page.getByTestId('poll-ballot')).toHaveCount(0);
    await page.goto(`/polls/${TOPIC}`); // a fresh, server-rendered poll page hydrates without a mismatch
    await vueMounted(page);
    await expect(page.getByTestId('poll-join')).toBeVisible();
    expect(warnings).toEqual([]);
    // The closed mini-course poll shows its results and the course it chose.
    await page.goto('/polls/demo-past-mini-course-poll');
    await expect(page.getByTestId('poll-ballots')).toContainText('3 members voted');
    await expect(page.getByTestId('poll-chosen-course').getByRole('link')).toHaveAttribute(
      'href',
      '/courses/duckdb-in-an-hour',
    );
    expect(violations).toEqual([]);
    await shot(page, info, 'polls-visitor');
  });

  test('a basic member sees the teaser and "Upgrade to vote"', async ({ page }, info) => {
    await signIn(page, 'basic@demo.test');
    await page.goto('/polls');
    await page.getByTestId(`poll-card-${TOPIC}`).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which topics should the next workshops cover?');
    const upgrade = page.getByTestId('poll-upgrade');
    await expect(upgrade).toHaveText('Upgrade to vote');
    await expect(upgrade).toHaveAttribute('href', '/pricing?plan=main');
    await expect(page.getByTestId('poll-options')).toContainText('Data contracts');
    await expect(page.getByTestId('poll-ballot')).toHaveCount(0);
    await expect(page.getByTestId('poll-propose')).toHaveCount(0);
    await shot(page, info, 'poll-basic');
  });

  test('a main member proposes a topic and votes; live results follow', async ({ page }, info) => {
    await signIn(page, 'main@demo.test');
    await page.goto(`/polls/${TOPIC}`);
    const results = page.getByTestId('poll-results');
    await expect(page.getByTestId('poll-ballots')).toContainText('4 members voted');

    // Propose a topic: it waits for an admin, who approves it, and it becomes an option live.
    await page.getByTestId('poll-proposal-label').fill('Observability for pipelines');
    await page.getByTestId('poll-propose-submit').click();
    await expect(page.getByTestId('poll-proposed')).toBeVisible();
    await expect(page.getByTestId('poll-my-proposals')).toContainText('Observability for pipelines');
    await expect(page.getByTestId('poll-my-proposals')).toContainText('pending');
    const { db } = adminSdk();
    const pending = await db
      .collection(`polls/${TOPIC}/proposals`)
      .where('uid', '==', 'demo-main')
      .where('status', '==', 'pending')
      .get();
    expect(pending.size).toBe(1);
    const proposalId = pending.docs[0]!.id;
    await asAdmin('moderateProposal', { pollId: TOPIC, proposalId, decision: 'approve' });
    await expect(page.getByTestId(`poll-option-${proposalId}`)).toBeVisible();
    await expect(page.getByTestId('poll-my-proposals')).toContainText('approved');

    // Vote for two options (up to three), then change the vote: counted once.
    await page.getByTestId('poll-ballot').getByLabel('Data contracts').check();
    await page.getByTestId(`poll-option-${proposalId}`).check();
    await page.getByTestId('poll-vote').click();
    await expect(page.getByTestId('poll-vote-saved')).toBeVisible();
    await expect(page.getByTestId('poll-ballots')).toContainText('5 members voted');
    await expect(results.getByTestId(`poll-result-${proposalId}`)).toContainText('1 ·');
    await page.getByTestId('poll-ballot').getByLabel('Streaming with Kafka').check();
    // Three chosen: the others are disabled.
    await expect(page.getByTestId('poll-ballot').getByLabel('Cost control in the cloud')).toBeDisabled();
    await page.getByTestId('poll-ballot').getByLabel('Data contracts').uncheck();
    await page.getByTestId('poll-vote').click();
    await expect(page.getByTestId('poll-voted')).toBeVisible();
    await expect(page.getByTestId('poll-ballots')).toContainText('5 members voted');
    const ballot = (await db.doc(`polls/${TOPIC}/votes/demo-main`).get()).get('optionIds') as string[];
    expect(ballot).toHaveLength(2);
    expect(ballot).toContain(proposalId);
    await shot(page, info, 'poll-main-voted');
  });

  test('a premium member votes on the mini-course poll; results appear once it closes', async ({ page }, info) => {
    await signIn(page, 'premium@demo.test');
    await page.goto('/polls');
    await page.getByTestId(`poll-card-${MINI}`).getByRole('link').click();
    await expect(page.getByTestId('poll-results-hidden')).toContainText('Results appear when the poll closes');
    await page.getByTestId('poll-ballot').getByLabel('Airflow from zero').check();
    // One choice only: the rest are disabled.
    await expect(page.getByTestId('poll-ballot').getByLabel('dbt in a day')).toBeDisabled();
    await page.getByTestId('poll-vote').click();
    await expect(page.getByTestId('poll-vote-saved')).toBeVisible();
    await expect(page.getByTestId('poll-results-hidden')).toBeVisible();
    await shot(page, info, 'poll-premium-voted');

    await asAdmin('setPollStatus', { id: MINI, status: 'closed' });
    await expect(page.getByTestId('poll-ballots')).toContainText('3 members voted');
    await expect(page.getByTestId('poll-closed')).toBeVisible();
    await expect(page.getByTestId('poll-results')).toContainText('Airflow from zero');
    await expect(page.getByTestId('poll-results')).toContainText('(your vote)');
    await shot(page, info, 'poll-mini-closed');
  });
});

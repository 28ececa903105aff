import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/emulators.mjs';
import { adminSdk } from '../tests/support/emulators';
import { asAdmin, materialAt, signIn } from './support';

// axe on every route of the router, as the reader who sees it: zero serious or critical violations.
// The last test reads the route names from web/src/router/index.ts and fails for a route without a visit here:
// a new route adds a row to VISITS (its name, a path, who looks at it).

type Reader = 'visitor' | 'member' | 'admin';
interface Visit {
  route: string;
  as: Reader;
  /** A path, or how to find one in the seeded data. */
  path: string | (() => Promise<string>);
  /** What this visit shows, when a route has several. */
  label?: string;
}

const CERTIFICATE = 'a11yCertificate00001';
let newsletterId: string | undefined;

const VISITS: Visit[] = [
  // public pages
  { route: 'catalog', as: 'visitor', path: '/' },
  {
    route: 'material',
    as: 'visitor',
    label: 'public',
    path: async () => `/materials/${(await materialAt('public')).id}`,
  },
  {
    route: 'material',
    as: 'visitor',
    label: 'paywalled',
    path: async () => `/materials/${(await materialAt('main')).id}`,
  },
  { route: 'pricing', as: 'visitor', path: '/pricing' },
  { route: 'events', as: 'visitor', path: '/events' },
  { route: 'event', as: 'visitor', path: '/events/demo-community-call' },
  { route: 'courses', as: 'visitor', path: '/courses' },
  { route: 'course', as: 'visitor', path: '/courses/data-pipelines' },
  { route: 'course-unit', as: 'visitor', path: '/courses/data-pipelines/units/welcome' },
  { route: 'course-leaderboard', as: 'visitor', path: '/courses/sql-basics/leaderboard' },
  { route: 'showcase', as: 'visitor', path: '/showcase' },
  { route: 'showcase-project', as: 'visitor', path: '/showcase/pipeline-doctor' },
  { route: 'links', as: 'visitor', path: '/links' },
  { route: 'polls', as: 'visitor', path: '/polls' },
  { route: 'search', as: 'visitor', path: '/search?q=pipeline' },
  { route: 'newsletters', as: 'visitor', path: '/newsletters' },
  { route: 'newsletter', as: 'visitor', path: '/newsletters/issue-2027-01' },
  { route: 'poll', as: 'member', path: '/polls/demo-topic-poll' },
  { route: 'certificate', as: 'visitor', path: `/certificates/${CERTIFICATE}` },
  { route: 'sign-in', as: 'visitor', path: '/sign-in' },
  { route: 'sign-in-finish', as: 'visitor', path: '/sign-in/finish' },
  { route: 'sign-up', as: 'visitor', path: '/sign-up' },
  { route: 'forgot-password', as: 'visitor', path: '/forgot-password' },
  { route: 'reset-password', as: 'visitor', path: '/reset-password' },
  { route: 'unsubscribed', as: 'visitor', path: '/unsubscribed?status=ok' },
  { route: 'subscribed', as: 'visitor', path: '/subscribed?status=ok' },
  { route: 'account-deleted', as: 'visitor', path: '/account-deleted' },
  { route: 'forbidden', as: 'visitor', path: '/forbidden' },
  { route: 'not-found', as: 'visitor', path: '/no-such-page' },
  // a signed-in member
  { route: 'account', as: 'member', path: '/account' },
  { route: 'notifications', as: 'member', path: '/notifications' },
  { route: 'course-unit', as: 'member', path: '/courses/data-pipelines/units/first-pipeline' },
  { route: 'course-project', as: 'member', path: '/courses/data-pipelines/project' },
  { route: 'course-homework', as: 'member', path: '/courses/sql-basics/homework/select-check' },
  // the admin: every /admin page
  { route: 'admin', as: 'admin', path: '/admin' },
  { route: 'admin-material-new', as: 'admin', path: '/admin/materials/new' },
  { route: 'admin-material-edit', as: 'admin', path: async () => `/admin/materials/${(await materialAt('main')).id}` },
  { route: 'admin-members', as: 'admin', path: '/admin/members' },
  { route: 'admin-newsletters', as: 'admin', path: '/admin/newsletters' },
  { route: 'admin-newsletter-new', as: 'admin', path: '/admin/newsletters/new' },
  { route: 'admin-newsletter-edit', as: 'admin', path: async () => `/admin/newsletters/${await draftNewsletter()}` },
  { route: 'admin-community', as: 'admin', path: '/admin/community' },
  { route: 'admin-announcements', as: 'admin', path: '/admin/announcements' },
  { route: 'admin-events', as: 'admin', path: '/admin/events' },
  { route: 'admin-event-new', as: 'admin', path: '/admin/events/new' },
  { route: 'admin-event-edit', as: 'admin', path: '/admin/events/demo-community-call' },
  { route: 'admin-course-certificates', as: 'admin', path: '/admin/courses/certificates' },
  { route: 'admin-recordings', as: 'admin', path: '/admin/recordings' },
  { route: 'admin-course-homework', as: 'admin', path: '/admin/courses/homework' },
  { route: 'admin-course-syncs', as: 'admin', path: '/admin/courses/syncs' },
  { route: 'admin-showcase', as: 'admin', path: '/admin/showcase' },
  { route: 'admin-polls', as: 'admin', path: '/admin/polls' },
  { route: 'admin-overview', as: 'admin', path: '/admin/overview' },
  { route: 'admin-poll-new', as: 'admin', path: '/admin/polls/new' },
  { route: 'admin-poll-edit', as: 'admin', path: '/admin/polls/demo-topic-poll' },
];

const ACCOUNTS: Record<Reader, string | null> = {
  visitor: null,
  member: 'premium@demo.test',
  admin: 'admin@demo.test',
};

async function draftNewsletter(): Promise<string> {
  newsletterId ??= (
    await asAdmin<{ id: string }>('saveNewsletter', {
      newsletter: {
        subject: 'Accessibility check',
        audience: 'everyone',
        sections: [{ access: 'public', markdown: 'An intro.\n\n```sql\nSELECT 1;\n```' }],
      },
    })
  ).id;
  return newsletterId;
}

/** A certificate to show (the seed issues none): written as the claim would write it. */
test.beforeAll(async () => {
  const { db } = adminSdk();
  await db.doc(`certificates/${CERTIFICATE}`).set({
    name: 'Ada Example',
    courseTitle: 'SQL basics in a week',
    courseSlug: 'sql-basics',
    cohortId: null,
    issuedAt: new Date('2026-01-15T12:00:00Z'),
    points: 12,
    revokedAt: null,
    revokeReason: null,
  });
});

/** The page has settled: its heading is there and no placeholder is left. */
async function settled(page: Page) {
  await expect(page.locator('h1').first()).toBeVisible();
  await page
    .waitForFunction(
      () => !document.querySelector('.skeleton, .skeleton-line, .prose-placeholder, [aria-busy="true"]'),
      {
        timeout: 10_000,
      },
    )
    .catch(() => undefined); // a page that keeps a placeholder is still checked as it is
}

/** Serious and critical violations, one line each: rule, help, the elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const reader of ['visitor', 'member', 'admin'] as const) {
  test.describe(`axe as ${reader}`, () => {
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await (await browser.newContext()).newPage();
      const email = ACCOUNTS[reader];
      if (email) await signIn(page, email);
    });
    test.afterAll(() => page.context().close());

    for (const visit of VISITS.filter((v) => v.as === reader)) {
      const label = visit.label ?? (typeof visit.path === 'string' ? visit.path : 'seeded');
      test(`${visit.route}: ${label}`, async () => {
        const path = typeof visit.path === 'string' ? visit.path : await visit.path();
        await page.goto(path);
        await settled(page);
        expect(await seriousViolations(page), path).toEqual([]);
      });
    }
  });
}

test('every route of the router has an axe visit', () => {
  const source = readFileSync(join(ROOT, 'web/src/router/index.ts'), 'utf8');
  const names = [...source.matchAll(/\bname: '([^']+)'/g)].map((m) => m[1]!);
  expect(names.length).toBeGreaterThan(20);
  const visited = new Set(VISITS.map((v) => v.route));
  expect(names.filter((n) => !visited.has(n))).toEqual([]);
});

// The course catalog and course pages as a crawler or a link preview sees them (the `ssr` function, plain HTTP,
// no JavaScript): teasers with their structured data, and never a unit's body, homework or answer.
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { PUBLIC_CACHE_CONTROL, SSR_STATE_ID } from '../../functions/src/shared/public-pages';
import { makeCourseSpec } from '../../functions/src/testing/course-factories';
import { adminSdk, clearEmulators } from '../support/emulators';
import { writeCourse } from '../support/factories';
import { SSR, publicPage } from '../support/public-page';

const { db } = adminSdk();
const xml = new XMLParser({ ignoreAttributes: false });
/** Text only members with access (or functions) may see: unit bodies, homework, answers, the project's criteria. */
const SECRETS = [
  'GATED-UNIT-BODY',
  'Answer after the first two units',
  'Which are databases?',
  'parquet',
  'Tests exist and pass',
];

beforeAll(async () => {
  await clearEmulators();
  await db.doc('config/tiers').set(DEFAULT_TIERS);
  const now = new Date();
  await writeCourse(db, makeCourseSpec({}, now), 40, now);
  await writeCourse(
    db,
    makeCourseSpec({ slug: 'sql-intro', title: 'SQL for everyone', access: 'free', cohorts: [] }, now),
    10,
    now,
  );
  await writeCourse(
    db,
    makeCourseSpec({ slug: 'dbt-in-an-hour', title: 'dbt in an hour', kind: 'mini', cohorts: [] }, now),
    40,
    now,
  );
  await writeCourse(db, makeCourseSpec({ slug: 'old-course', title: 'Retired course' }, now), 40, now);
  await db.doc('courses/old-course').update({ status: 'archived' });
});

describe('a course page', () => {
  it('is rendered with title, summary, syllabus, cohort, instructors, preview tags and canonical URL', async () => {
    const { res, doc, meta } = await publicPage('/courses/data-engineering');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    expect(doc.title).toBe('Data engineering · Commons');
    expect(doc.querySelector('h1')?.textContent).toBe('Data engineering');
    expect(doc.querySelector('[data-testid="course-summary"]')?.textContent).toBe(
      'Pipelines from the first cron job to a tested warehouse.',
    );
    // The syllabus: titles; the preview unit linked, the others not; video, drip and homework markers.
    const unit = (id: string) => doc.querySelector(`[data-testid="syllabus-unit-${id}"]`);
    expect(unit('welcome')?.querySelector('a')?.getAttribute('href')).toBe('/courses/data-engineering/units/welcome');
    expect(unit('welcome')?.textContent).toContain('Video');
    expect(unit('first-pipeline')?.querySelector('a')).toBeNull();
    expect(unit('first-pipeline')?.textContent).toContain('Your first pipeline');
    expect(unit('modelling')?.textContent).toContain('Opens 7 days after you start');
    expect(doc.querySelector('[data-testid="syllabus-homework-hw-basics"]')?.textContent).toContain('12 points');
    expect(doc.querySelector('[data-testid="course-cohort"] h2')?.textContent).toBe('Next cohort: Spring 2027');
    expect(doc.querySelector('[data-testid="cohort-seats"]')?.textContent).toContain('50 seats left');
    expect(doc.querySelector('[data-testid="cohort-enrollment"]')?.textContent).toMatch(/^Enrollment open until /);
    expect(doc.querySelector('[data-testid="course-instructor"]')?.textContent).toContain('Ada Lovelace');
    expect(doc.querySelector('[data-testid="course-plan"]')?.textContent).toContain('Included in Premium and up.');
    // A visitor joins, but the server does not know who reads: nothing to buy until the browser knows
    // (a paying member never sees "Join"), only signing in; the browser then offers the join.
    const actions = doc.querySelector('[data-testid="course-actions"]');
    expect(actions?.getAttribute('data-action')).toBe('join');
    expect(doc.querySelector('[data-testid="course-join"]')).toBeNull();
    expect(doc.querySelector('[data-testid="plan-unknown"]')?.getAttribute('href')).toMatch(
      /^\/sign-in\?redirect=(%2F|\/)courses(%2F|\/)data-engineering$/,
    );
    expect(meta('description')).toBe('Pipelines from the first cron job to a tested warehouse.');
    expect(meta('og:title')).toBe('Data engineering');
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
    expect(canonical).toMatch(/^https?:\/\/[^/]+\/courses\/data-engineering$/);
    expect(meta('og:url')).toBe(canonical);
  });

  it('declares a Course with its provider and a CourseInstance per cohort, offered by the lowest plan', async () => {
    const { doc, jsonLd } = await publicPage('/courses/data-engineering');
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
    const premium = DEFAULT_TIERS.tiers.premium!.prices!.monthly!;
    const cohort = (await db.doc('courses/data-engineering/cohorts/2027-spring').get()).data()!;
    expect(jsonLd()).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Course',
      name: 'Data engineering',
      description: 'Pipelines from the first cron job to a tested warehouse.',
      url: canonical,
      provider: { '@type': 'Organization', name: 'Commons' },
      isAccessibleForFree: false,
      offers: { '@type': 'Offer', price: premium.amount / 100 },
      hasCourseInstance: [
        {
          '@type': 'CourseInstance',
          courseMode: 'online',
          name: 'Spring 2027',
          startDate: cohort.startAt.toDate().toISOString(),
          endDate: cohort.endAt.toDate().toISOString(),
          offers: { '@type': 'Offer', availability: 'https://schema.org/InStock' },
        },
      ],
    });
  });

  it('carries the public teaser and cohorts for hydration, nothing else', async () => {
    const { doc } = await publicPage('/courses/data-engineering');
    const state = JSON.parse(doc.getElementById(SSR_STATE_ID)?.textContent ?? '') as {
      courses: { served: Record<string, { course: Record<string, unknown>; cohorts: Record<string, unknown>[] }> };
    };
    const served = state.courses.served['data-engineering']!;
    expect(served.course.title).toBe('Data engineering');
    expect(Object.keys(served.course)).not.toContain('project');
    expect(Object.keys(served.course)).not.toContain('commit');
    expect(Object.keys(served.cohorts[0]!)).not.toContain('deadlines');
    const inline = [...doc.querySelectorAll('script:not([src])')].map((s) => s.getAttribute('type'));
    expect(inline.every((t) => t === 'application/json' || t === 'application/ld+json')).toBe(true);
  });

  it('offers a free course with a sign-up, self-paced, free in its structured data', async () => {
    const { res, doc, jsonLd } = await publicPage('/courses/sql-intro');
    expect(res.status).toBe(200);
    expect(doc.querySelector('[data-testid="course-actions"]')?.getAttribute('data-action')).toBe('sign-up');
    expect(doc.querySelector('[data-testid="course-self-paced"]')).not.toBeNull();
    expect(jsonLd()).toMatchObject({ isAccessibleForFree: true, offers: { price: 0 } });
  });

  it.each(['/courses/old-course', '/courses/no-such-course', '/courses/__bad__'])(
    'answers 404 for %s',
    async (path) => {
      const { res, doc } = await publicPage(path);
      expect(res.status).toBe(404);
      expect(doc.querySelector('h1')?.textContent).toBe('Course not found');
      expect(doc.body.textContent).not.toContain('Retired course');
    },
  );
});

describe('the course catalog', () => {
  it('lists published courses, mini-courses in their own section, with an ItemList', async () => {
    const { res, doc, jsonLd } = await publicPage('/courses');
    expect(res.status).toBe(200);
    expect(doc.title).toBe('Courses · Commons');
    const titles = (section: string) =>
      [...doc.querySelectorAll(`[data-testid="courses-${section}"] .card-title`)].map((h) => h.textContent?.trim());
    expect(titles('course')).toEqual(['Data engineering', 'SQL for everyone']);
    expect(titles('mini')).toEqual(['dbt in an hour']);
    expect(doc.querySelector('[data-testid="courses-mini"] h2')?.textContent).toBe('Mini-courses (Premium)');
    expect(doc.body.textContent).not.toContain('Retired course');
    const ld = jsonLd() as { '@type': string; itemListElement: { name: string; url: string }[] };
    expect(ld['@type']).toBe('ItemList');
    expect(ld.itemListElement.map((i) => i.name)).toEqual(['Data engineering', 'SQL for everyone', 'dbt in an hour']);
  });

  it.each([
    ['mini', ['dbt in an hour']],
    ['free', ['SQL for everyone']],
    ['course', ['Data engineering', 'SQL for everyone']],
    // "My plan" is the reader's: the server, rendering for a visitor, shows everything.
    ['mine', ['Data engineering', 'SQL for everyone', 'dbt in an hour']],
  ])('filters by ?filter=%s', async (filter, expected) => {
    const { doc } = await publicPage(`/courses?filter=${filter}`);
    expect([...doc.querySelectorAll('.card-title')].map((h) => h.textContent?.trim())).toEqual(expected);
  });
});

it('lists the catalog and every published course in the sitemap, never an archived one', async () => {
  const res = await fetch(`${SSR}/sitemap.xml`);
  const urls = (xml.parse(await res.text()) as { urlset: { url: { loc: string }[] } }).urlset.url;
  const paths = urls.map((u) => new URL(u.loc).pathname);
  expect(paths).toEqual(
    expect.arrayContaining(['/courses', '/courses/data-engineering', '/courses/sql-intro', '/courses/dbt-in-an-hour']),
  );
  expect(paths).not.toContain('/courses/old-course');
});

it('never carries a unit body, homework or answer in any public answer', async () => {
  const paths = [
    '/courses',
    '/courses?filter=mini',
    '/courses/data-engineering',
    '/courses/sql-intro',
    '/courses/dbt-in-an-hour',
    '/courses/old-course',
    '/sitemap.xml',
    '/feed.xml',
    '/',
  ];
  for (const path of paths) {
    const text = await (await fetch(`${SSR}${path}`)).text();
    for (const secret of SECRETS) expect(text, `${path}: ${secret}`).not.toContain(secret);
  }
});

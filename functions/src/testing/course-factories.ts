// A complete course as the format parser would return it, for tests of everything after the parser (sync,
// pages, learning, homework, projects). Every question type, a preview unit, drip, a cohort with deadlines and a
// session, a project with criteria. `makeCourseDocs` gives the documents the sync writes for it.
import { type CourseDocs, courseDocs } from '../domain/course-docs';
import type { CourseSpec } from '../shared/courses';
import { DAY_MS, TEST_NOW } from './factories';

const iso = (days: number, from: Date = TEST_NOW) => new Date(from.getTime() + days * DAY_MS).toISOString();

export function makeCourseSpec(over: Partial<CourseSpec> = {}, now: Date = TEST_NOW): CourseSpec {
  const slug = over.slug ?? 'data-engineering';
  return {
    slug,
    title: 'Data engineering',
    summary: 'Pipelines from the first cron job to a tested warehouse.',
    cover: null,
    instructors: [{ name: 'Ada Lovelace', bio: 'Writes the pipelines.', url: null }],
    access: 'premium',
    kind: 'course',
    pollId: null,
    passPoints: 10,
    project: {
      title: 'Your own pipeline',
      description: 'Build a pipeline that loads a public dataset every day.',
      reviewsRequired: 2,
      pointsPerReview: 1,
      criteria: [
        { id: 'works', title: 'It runs', description: 'The README says how; it does.', maxPoints: 3 },
        { id: 'tests', title: 'It is tested', description: 'Tests exist and pass.', maxPoints: 2 },
      ],
      passScore: 3,
    },
    cohorts: [
      {
        id: '2027-spring',
        title: 'Spring 2027',
        enrollmentOpens: iso(-10, now),
        enrollmentCloses: iso(10, now),
        start: iso(1, now),
        end: iso(60, now),
        capacity: 50,
        deadlines: { 'hw-basics': iso(14, now), project: iso(50, now) },
        sessions: [
          { title: 'Kick-off', start: iso(1, now), end: new Date(Date.parse(iso(1, now)) + 3_600_000).toISOString() },
        ],
      },
    ],
    modules: [
      {
        id: 'basics',
        title: 'Basics',
        units: [
          {
            id: 'welcome',
            title: 'Welcome',
            preview: true,
            video: { provider: 'youtube', ref: 'dQw4w9WgXcQ' },
            attachments: [],
            availableAfterDays: 0,
            markdown: '# Welcome\n\nWhat this course covers.',
            sourcePath: `${slug}/01-basics/01-welcome.md`,
          },
          {
            id: 'first-pipeline',
            title: 'Your first pipeline',
            preview: false,
            video: null,
            attachments: [{ title: 'Starter code', path: `${slug}/01-basics/starter.zip` }],
            availableAfterDays: 0,
            markdown: 'GATED-UNIT-BODY: a cron job that loads a CSV.',
            sourcePath: `${slug}/01-basics/02-first-pipeline.md`,
          },
        ],
        homework: [
          {
            id: 'hw-basics',
            title: 'Basics homework',
            description: 'Answer after the first two units.',
            questions: [
              {
                id: 'q-choice',
                type: 'choice',
                text: 'Which runs daily?',
                options: ['cron', 'ls'],
                answer: 0,
                tolerance: 0,
                points: 1,
              },
              {
                id: 'q-boxes',
                type: 'checkboxes',
                text: 'Which are databases?',
                options: ['Postgres', 'vim', 'DuckDB'],
                answer: [0, 2],
                tolerance: 0,
                points: 2,
              },
              {
                id: 'q-number',
                type: 'number',
                text: 'Mean of 1, 2?',
                options: [],
                answer: 1.5,
                tolerance: 0.01,
                points: 1,
              },
              {
                id: 'q-integer',
                type: 'integer',
                text: 'Rows in the file?',
                options: [],
                answer: 42,
                tolerance: 0,
                points: 1,
              },
              {
                id: 'q-exact',
                type: 'exact',
                text: 'Command to list files?',
                options: [],
                answer: 'ls',
                tolerance: 0,
                points: 1,
              },
              {
                id: 'q-contains',
                type: 'contains',
                text: 'Name the format',
                options: [],
                answer: 'parquet',
                tolerance: 0,
                points: 1,
              },
              {
                id: 'q-free',
                type: 'free',
                text: 'What did you learn?',
                options: [],
                answer: null,
                tolerance: 0,
                points: 2,
              },
            ],
            links: { pointsPerLink: 1, maxLinks: 3 },
            sourcePath: `${slug}/01-basics/homework.yaml`,
          },
        ],
      },
      {
        id: 'warehouse',
        title: 'Warehouse',
        units: [
          {
            id: 'modelling',
            title: 'Modelling',
            preview: false,
            video: { provider: 'vimeo', ref: '76979871' },
            attachments: [],
            availableAfterDays: 7,
            markdown: 'GATED-UNIT-BODY: star schemas.',
            sourcePath: `${slug}/02-warehouse/01-modelling.md`,
          },
        ],
        homework: [],
      },
    ],
    sourcePath: `${slug}/course.yaml`,
    ...over,
  };
}

/** The documents the sync writes for a spec (markdown escaped, not rendered: tests need no jsdom). */
export function makeCourseDocs(
  spec: CourseSpec = makeCourseSpec(),
  rank = 40,
  now: Date = TEST_NOW,
): CourseDocs & { id: string } {
  const render = (md: string) => `<p>${md.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
  return { id: spec.slug, ...courseDocs(spec, { rank, render, uploaded: {}, commit: 'test', now }) };
}

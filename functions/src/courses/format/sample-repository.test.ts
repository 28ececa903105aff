import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseDocs } from '../../domain/course-docs';
import { QUESTION_TYPES, type CourseSpec } from '../../shared/courses';
import { DEFAULT_TIERS } from '../../shared/defaults';
import { accessLevels } from '../../shared/tiers';
import { parseCourseRepo } from './parse-course-repo';
import { readRepoFolder } from './read-repo-folder';

// The sample under examples/courses/ is what the README documents, what `npm start` syncs and what e2e
// enrolls in: it must parse with no problem and keep the shape those rely on.
const SAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'courses');
const LEVELS = accessLevels(DEFAULT_TIERS);

async function sample(): Promise<CourseSpec[]> {
  const result = parseCourseRepo(await readRepoFolder(SAMPLE), LEVELS);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}:${p.line} ${p.message}`).join('\n'));
  return result.courses;
}

describe('the sample course repository', () => {
  it('reads the folder as repository files: text for markdown and YAML, sizes for assets', async () => {
    const files = await readRepoFolder(SAMPLE);
    const mp4 = files.find((f) => f.path === 'data-pipelines/02-orchestration/retries.mp4');
    expect(mp4).toMatchObject({ text: null, size: 24 });
    expect(files.find((f) => f.path === 'data-pipelines/course.yaml')?.text).toContain('title:');
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
  });

  it('parses with zero problems into the three courses', async () => {
    const courses = await sample();
    expect(courses.map((c) => [c.slug, c.kind, c.access])).toEqual([
      ['data-pipelines', 'course', 'premium'],
      ['duckdb-in-an-hour', 'mini', 'premium'],
      ['sql-basics', 'course', 'free'],
    ]);
  });

  it('has a premium cohort course with every feature the platform shows', async () => {
    const course = (await sample())[0]!;
    expect(course.cover).toBe('data-pipelines/cover.png');
    expect(course.modules.map((m) => [m.id, m.title])).toEqual([
      ['foundations', 'Foundations'],
      ['orchestration', 'Orchestration'],
      ['warehouse', 'The warehouse'],
    ]);
    const units = course.modules.flatMap((m) => m.units);
    expect(units.map((u) => u.id)).toEqual([
      'welcome',
      'first-pipeline',
      'scheduling',
      'retries',
      'modelling',
      'testing-data',
    ]);
    expect(units.filter((u) => u.preview).map((u) => u.id)).toEqual(['welcome']);
    expect(units.map((u) => u.video)).toEqual([
      { provider: 'youtube', ref: 'aqz-KE-bpKQ' },
      { provider: 'vimeo', ref: '76979871' },
      { provider: 'loom', ref: '0123456789abcdef0123456789abcdef' },
      { provider: 'file', ref: 'data-pipelines/02-orchestration/retries.mp4' },
      { provider: 'youtube', ref: 'aqz-KE-bpKQ' },
      null,
    ]);
    expect(units.map((u) => u.availableAfterDays)).toEqual([0, 0, 7, 14, 21, 28]);
    expect(units[1]!.attachments).toEqual([
      { title: 'Sample trips (CSV)', path: 'data-pipelines/01-foundations/trips-sample.csv' },
    ]);
    expect(units[0]!.markdown).toMatch(/^# Welcome\n/);
    expect(units[0]!.sourcePath).toBe('data-pipelines/01-foundations/01-welcome.md');

    const homework = course.modules.flatMap((m) => m.homework);
    expect(homework.map((h) => h.id)).toEqual(['foundations-homework', 'orchestration-homework']);
    expect(homework.flatMap((h) => h.questions.map((q) => q.type)).sort()).toEqual([...QUESTION_TYPES].sort());
    expect(homework[0]!.questions.map((q) => [q.type, q.answer, q.tolerance])).toEqual([
      ['choice', 0, 0],
      ['checkboxes', [0, 2], 0],
      ['number', 12.5, 0.1],
      ['integer', 8, 0],
    ]);
    expect(homework[1]!.questions.map((q) => [q.type, q.answer])).toEqual([
      ['exact', '0 6 * * *'],
      ['contains', 'idempotent'],
      ['free', null],
    ]);
    expect(homework[1]!.links).toEqual({ pointsPerLink: 1, maxLinks: 3 });

    expect(course.project?.criteria.map((c) => c.id)).toEqual(['runs', 'tested', 'documented']);
    expect(course.cohorts).toEqual([
      expect.objectContaining({
        id: '2027-winter',
        enrollmentOpens: '2026-11-01T00:00:00.000Z',
        enrollmentCloses: '2027-12-31T23:59:00.000Z',
        start: '2026-12-01T17:00:00.000Z',
        capacity: 100,
        deadlines: {
          'foundations-homework': '2027-02-01T23:59:00.000Z',
          'orchestration-homework': '2027-03-01T23:59:00.000Z',
          project: '2027-06-01T23:59:00.000Z',
        },
      }),
    ]);
    // The office hours are written at +02:00 and stored as the instant.
    expect(course.cohorts[0]!.sessions[1]).toEqual({
      title: 'Project office hours',
      start: '2027-04-15T15:00:00.000Z',
      end: '2027-04-15T16:30:00.000Z',
    });
  });

  it('gives the cohort course a pass mark its points can reach', async () => {
    const [course] = await sample();
    const docs = courseDocs(course!, { rank: 40, render: (md) => md, uploaded: {}, commit: 'test', now: new Date() });
    expect(course!.passPoints).toBe(12);
    expect(docs.teaser.maxPoints).toBeGreaterThanOrEqual(course!.passPoints);
  });
});

describe('the README\'s "Writing a course" examples', () => {
  it('parse as the files they show', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Writing a course'), readme.indexOf('## Tests'));
    const blocks = [...section.matchAll(/```(yaml|markdown)\n([\s\S]*?)```/g)].map((m) => m[2]!);
    expect(blocks).toHaveLength(3);
    const [course, unit, homework] = blocks as [string, string, string];
    const text = (path: string, t: string) => ({ path, text: t, size: t.length });
    const result = parseCourseRepo(
      [
        text('data-pipelines/course.yaml', course),
        { path: 'data-pipelines/cover.png', text: null, size: 69 },
        text('data-pipelines/01-foundations/01-welcome.md', unit),
        { path: 'data-pipelines/01-foundations/trips-sample.csv', text: null, size: 100 },
        text('data-pipelines/01-foundations/foundations.homework.yaml', homework),
      ],
      LEVELS,
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

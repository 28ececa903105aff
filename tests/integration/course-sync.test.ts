import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Firestore } from 'firebase-admin/firestore';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalMediaStorage } from '../../functions/src/adapters/storage/twin/local-storage';
import { CourseSyncBusy, syncCourses, type LoadedRepo } from '../../functions/src/courses/sync/course-sync';
import { folderLoader } from '../../functions/src/courses/sync/repo-loaders';
import { renderMarkdownHtml } from '../../functions/src/app/markdown-html';
import type { CourseSpec, CourseSyncReport, ParseResult } from '../../functions/src/shared/courses';
import { makeCourseSpec } from '../../functions/src/testing/course-factories';
import { isolatedFirestore } from '../support/emulators';

// The sync engine in-process on a Firestore of its own (no emulated trigger acts on it) with the storage twin
// in a temp folder: what it writes, that a second sync writes nothing, that ids survive renames and moves, that
// removed things are archived, that a failed validation writes nothing. The webhook at the wire: course-sync-webhook.test.ts.

let db: Firestore;
let storage: LocalMediaStorage;
const render = (md: string) => `<p>${md.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
const ZIP = Buffer.from('PK\u0003\u0004 starter code');

beforeEach(async () => {
  db = await isolatedFirestore('demo-course-sync');
  storage = new LocalMediaStorage(mkdtempSync(join(tmpdir(), 'course-sync-media-')), 'http://127.0.0.1/media', 'k');
});

/** Syncs these courses (or these problems) as if parsed from a repository whose files are `files`. */
async function sync(
  parsed: CourseSpec[] | ParseResult,
  files: Record<string, Buffer> = { 'data-engineering/01-basics/starter.zip': ZIP },
  commit = 'c1',
) {
  const load = async (): Promise<LoadedRepo> => ({
    parsed: Array.isArray(parsed) ? { ok: true, courses: parsed } : parsed,
    readFile: async (path) => files[path] ?? Promise.reject(new Error(`no ${path}`)),
  });
  return syncCourses({ db, storage, now: () => new Date(), render }, { source: 'folder', commit, load });
}

const data = async (path: string) => (await db.doc(path).get()).data();
const storedReport = async (id: string) => (await data(`courseSyncs/${id}`)) as CourseSyncReport;

describe('folder sync of examples/courses', () => {
  const folderSync = () =>
    syncCourses(
      { db, storage, now: () => new Date(), render: renderMarkdownHtml },
      { source: 'folder', commit: 'local', load: folderLoader('examples/courses') },
    );

  it('writes the sample courses with their files, then nothing on a second sync', async () => {
    const { report } = await folderSync();
    expect(report).toMatchObject({ status: 'succeeded', errors: [] });
    expect(report.added).toContain('courses/data-pipelines');
    expect(report.added).toContain('media/courses/data-pipelines/cover.png');
    const teaser = await data('courses/data-pipelines');
    expect(teaser).toMatchObject({ status: 'published', cover: 'media/courses/data-pipelines/cover.png' });
    expect(await storage.exists('media/courses/data-pipelines/02-orchestration/retries.mp4')).toBe(true);
    const again = await folderSync();
    expect(again.report).toMatchObject({ status: 'succeeded', writes: 0, added: [], changed: [], archived: [] });
  });
});

describe('course sync', () => {
  it('writes every document of a course, uploads its files, and leaves a succeeded report', async () => {
    const { id, report } = await sync([makeCourseSpec()]);
    expect(report).toMatchObject({ status: 'succeeded', errors: [], archived: [], changed: [] });
    expect(report.writes).toBe(7); // teaser, 3 units, homework, its key, cohort
    expect(report.added).toContain('courses/data-engineering/units/first-pipeline');
    expect(report.added).toContain('media/courses/data-engineering/01-basics/starter.zip');
    expect(await data('courses/data-engineering')).toMatchObject({ status: 'published', rank: 40, unitCount: 3 });
    expect(await data('courses/data-engineering/units/first-pipeline')).toMatchObject({
      html: '<p>GATED-UNIT-BODY: a cron job that loads a CSV.</p>',
      attachments: [
        { title: 'Starter code', path: 'media/courses/data-engineering/01-basics/starter.zip', size: ZIP.length },
      ],
    });
    expect(await data('courses/data-engineering/homework/hw-basics/private/key')).toMatchObject({
      answers: { 'q-exact': { answer: 'ls' } },
    });
    expect(await storage.describe('media/courses/data-engineering/01-basics/starter.zip')).toMatchObject({
      size: ZIP.length,
    });
    expect(await storedReport(id)).toMatchObject({ status: 'succeeded', writes: 7, commit: 'c1' });
    expect((await storedReport(id)).finishedAt).toBeTruthy();
  });

  it('writes nothing on a second sync of the same repository (only its report)', async () => {
    await sync([makeCourseSpec()]);
    const before = (await db.doc('courses/data-engineering/units/welcome').get()).updateTime;
    const { report } = await sync([makeCourseSpec()]);
    expect(report).toMatchObject({ status: 'succeeded', writes: 0, added: [], changed: [], archived: [] });
    expect((await db.doc('courses/data-engineering/units/welcome').get()).updateTime).toEqual(before);
  });

  it('keeps a unit its id and document through a rename and a move, and members their progress', async () => {
    await sync([makeCourseSpec()]);
    await db.doc('courses/data-engineering/enrollments/m1').set({ uid: 'm1', completedUnits: ['first-pipeline'] });
    const spec = makeCourseSpec();
    const moved = { ...spec.modules[0]!.units[1]!, sourcePath: 'data-engineering/02-warehouse/05-renamed.md' };
    spec.modules[0]!.units.splice(1, 1);
    spec.modules[1]!.units.unshift(moved);
    const { report } = await sync([spec]);
    expect(report.added).toEqual([]);
    expect(report.archived).toEqual([]);
    expect(report.changed).toContain('courses/data-engineering/units/first-pipeline');
    expect(await data('courses/data-engineering/units/first-pipeline')).toMatchObject({
      status: 'published',
      moduleId: 'warehouse',
      sourcePath: 'data-engineering/02-warehouse/05-renamed.md',
    });
    expect(await data('courses/data-engineering/enrollments/m1')).toEqual({
      uid: 'm1',
      completedUnits: ['first-pipeline'],
    });
  });

  it('archives a removed unit and a removed course with its documents, never deleting them', async () => {
    const files = { 'data-engineering/01-basics/starter.zip': ZIP, 'ml/01-basics/starter.zip': ZIP };
    await sync([makeCourseSpec(), makeCourseSpec({ slug: 'ml' })], files);
    const spec = makeCourseSpec();
    spec.modules[1]!.units = [];
    const { report } = await sync([spec]);
    expect(report.status).toBe('succeeded');
    expect(report.archived).toContain('courses/data-engineering/units/modelling');
    expect(report.archived).toContain('courses/ml');
    expect(report.archived).toContain('courses/ml/units/welcome');
    expect(await data('courses/data-engineering/units/modelling')).toMatchObject({ status: 'archived' });
    expect(await data('courses/ml')).toMatchObject({ status: 'archived' });
    // Answers stay scoreable: the archived homework keeps its key.
    expect(await data('courses/ml/homework/hw-basics/private/key')).toBeTruthy();
    expect((await sync([spec])).report.writes).toBe(0);
  });

  it('renders only changed markdown: an unchanged unit keeps its stored HTML', async () => {
    await sync([makeCourseSpec()]);
    const rendered: string[] = [];
    const counting = (rerender = false, spec = makeCourseSpec()) =>
      syncCourses(
        { db, storage, now: () => new Date(), render: (md) => (rendered.push(md), render(md)) },
        {
          source: 'folder',
          commit: 'c2',
          rerender,
          load: async () => ({ parsed: { ok: true, courses: [spec] }, readFile: async () => ZIP }),
        },
      );
    expect((await counting()).report.writes).toBe(0);
    expect(rendered).toEqual([]);
    const spec = makeCourseSpec();
    spec.modules[1]!.units[0]!.markdown = 'A new body.';
    const { report } = await counting(false, spec);
    expect(rendered).toEqual(['A new body.']);
    expect(report.changed).toEqual(['courses/data-engineering/units/modelling']);
    expect(await data('courses/data-engineering/units/modelling')).toMatchObject({ html: '<p>A new body.</p>' });
    rendered.length = 0;
    expect((await counting(true, spec)).report.writes).toBe(0);
    expect(rendered.length).toBeGreaterThan(10); // every unit, homework text and question again
  });

  it("never writes over a cohort's enrolled counter", async () => {
    await sync([makeCourseSpec()]);
    await db.doc('courses/data-engineering/cohorts/2027-spring').update({ enrolled: 12 });
    const spec = makeCourseSpec();
    spec.cohorts[0]!.capacity = 99;
    const { report } = await sync([spec]);
    expect(report.changed).toEqual(['courses/data-engineering/cohorts/2027-spring']);
    expect(await data('courses/data-engineering/cohorts/2027-spring')).toMatchObject({ enrolled: 12, capacity: 99 });
  });

  it('writes nothing when validation fails, and reports every problem with file and line', async () => {
    await sync([makeCourseSpec()]);
    const spec = makeCourseSpec();
    spec.title = 'Changed, but the repository is invalid';
    const problems = [{ path: 'data-engineering/01-basics/01-welcome.md', line: 2, message: 'id is missing' }];
    const { id, report } = await sync({ ok: false, problems });
    expect(report).toMatchObject({ status: 'failed', errors: problems, writes: 0, added: [], changed: [] });
    expect(await storedReport(id)).toMatchObject({ status: 'failed', errors: problems });
    expect(await data('courses/data-engineering')).toMatchObject({ title: 'Data engineering' });
  });

  it('refuses an access level config/tiers does not know, writing nothing', async () => {
    const { report } = await sync([makeCourseSpec({ access: 'platinum' })]);
    expect(report.status).toBe('failed');
    expect(report.errors[0]).toMatchObject({
      path: 'data-engineering/course.yaml',
      message: expect.stringContaining('platinum') as string,
    });
    expect(await data('courses/data-engineering')).toBeUndefined();
  });

  it('fails (no document written) when a referenced file cannot be read', async () => {
    const { report } = await sync([makeCourseSpec()], {});
    expect(report).toMatchObject({ status: 'failed', writes: 0 });
    expect(report.errors[0]?.message).toMatch(/starter\.zip/);
    expect(await data('courses/data-engineering')).toBeUndefined();
  });

  it('uploads a changed file again, and an unchanged one never', async () => {
    await sync([makeCourseSpec()]);
    expect((await sync([makeCourseSpec()])).report.added).toEqual([]);
    const bigger = Buffer.concat([ZIP, Buffer.from(' v2')]);
    const { report } = await sync([makeCourseSpec()], { 'data-engineering/01-basics/starter.zip': bigger });
    expect(report.changed).toContain('media/courses/data-engineering/01-basics/starter.zip');
    expect(report.changed).toContain('courses/data-engineering/units/first-pipeline'); // its size
  });

  it('lets one sync run at a time', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = syncCourses(
      { db, storage, now: () => new Date(), render },
      {
        source: 'github',
        commit: 'slow',
        load: async () => {
          await held;
          return { parsed: { ok: true, courses: [] }, readFile: () => Promise.reject(new Error('none')) };
        },
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    await expect(sync([makeCourseSpec()])).rejects.toBeInstanceOf(CourseSyncBusy);
    release();
    await slow;
    expect((await sync([makeCourseSpec()])).report.status).toBe('succeeded');
  });
});

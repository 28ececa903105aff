import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseSyncReport } from '../../functions/src/shared/courses';
import { adminSdk, clearEmulators, eventually } from '../support/emulators';
import { postGitHubWebhook, pushBody, twinPush } from '../support/github';

// The GitHub push webhook at the wire: the GitHub twin snapshots a copy of examples/courses and delivers its
// signed push to the emulated githubWebhook; the syncCourseRepo task (Tasks emulator) reads the commit back from
// the twin through the real GitHub adapter and syncs it. Bad signatures, replays, other branches and a commit
// that fails validation change nothing.

const { db } = adminSdk();
let repo: string;
const UNIT = 'courses/data-pipelines/units/testing-data';

/** The finished reports of a commit, oldest first. */
async function reportsOf(commit: string): Promise<CourseSyncReport[]> {
  const snap = await db.collection('courseSyncs').where('commit', '==', commit).get();
  return snap.docs
    .map((d) => d.data() as CourseSyncReport & { startedAt: { toMillis(): number } })
    .filter((r) => r.status !== 'running')
    .sort((a, b) => a.startedAt.toMillis() - b.startedAt.toMillis());
}
const waitForReports = (commit: string, count: number) =>
  eventually(
    () => reportsOf(commit),
    (r) => r.length >= count,
    90_000,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await clearEmulators();
  repo = mkdtempSync(join(tmpdir(), 'course-repo-'));
  cpSync('examples/courses', repo, { recursive: true });
});

describe('githubWebhook and the sync task', () => {
  let first: string;

  it('syncs a push of the branch: every course of the sample, a succeeded report', async () => {
    const delivery = await twinPush(repo);
    expect(delivery).toMatchObject({ status: 'delivered', responseStatus: 202 });
    first = delivery.commit;
    const [report] = await waitForReports(first, 1);
    expect(report).toMatchObject({ status: 'succeeded', source: 'github', commit: first, errors: [] });
    expect(report!.writes).toBeGreaterThan(10);
    for (const slug of ['sql-basics', 'data-pipelines', 'duckdb-in-an-hour'])
      expect((await db.doc(`courses/${slug}`).get()).get('status')).toBe('published');
    expect((await db.doc(UNIT).get()).get('moduleId')).toBe('warehouse');
  }, 120_000);

  it('writes nothing when the same content is pushed again', async () => {
    const again = await twinPush(repo);
    expect(again.commit).toBe(first);
    const reports = await waitForReports(first, 2);
    expect(reports[1]).toMatchObject({ status: 'succeeded', writes: 0, added: [], changed: [], archived: [] });
  }, 120_000);

  it('keeps a unit its document through a rename and a move, and a member their progress', async () => {
    await db.doc('courses/data-pipelines/enrollments/m1').set({ uid: 'm1', completedUnits: ['testing-data'] });
    renameSync(
      join(repo, 'data-pipelines/03-warehouse/02-testing-data.md'),
      join(repo, 'data-pipelines/01-foundations/09-data-tests.md'),
    );
    const delivery = await twinPush(repo);
    const [report] = await waitForReports(delivery.commit, 1);
    expect(report!.status).toBe('succeeded');
    expect(report!.changed).toContain(UNIT);
    expect(report!.added.filter((p) => p.includes('/units/'))).toEqual([]);
    expect(report!.archived).toEqual([]);
    expect((await db.doc(UNIT).get()).data()).toMatchObject({
      status: 'published',
      moduleId: 'foundations',
      sourcePath: 'data-pipelines/01-foundations/09-data-tests.md',
    });
    expect((await db.doc('courses/data-pipelines/enrollments/m1').get()).data()).toEqual({
      uid: 'm1',
      completedUnits: ['testing-data'],
    });
  }, 120_000);

  it('archives a removed unit', async () => {
    rmSync(join(repo, 'data-pipelines/01-foundations/09-data-tests.md'));
    const delivery = await twinPush(repo);
    const [report] = await waitForReports(delivery.commit, 1);
    expect(report!.archived).toEqual([UNIT]);
    expect((await db.doc(UNIT).get()).get('status')).toBe('archived');
  }, 120_000);

  it('changes nothing for a commit that fails validation, and reports the file and line', async () => {
    const before = (await db.doc('courses/data-pipelines').get()).updateTime;
    const course = join(repo, 'data-pipelines/course.yaml');
    const good = readFileSync(course, 'utf8');
    writeFileSync(course, good.replace(/^title: .*$/m, 'title: Renamed\nbogus_key: true'));
    const delivery = await twinPush(repo);
    const [report] = await waitForReports(delivery.commit, 1);
    expect(report).toMatchObject({ status: 'failed', writes: 0, added: [], changed: [], archived: [] });
    expect(report!.errors).toContainEqual(
      expect.objectContaining({ path: 'data-pipelines/course.yaml', line: 3 }) as unknown,
    );
    const after = await db.doc('courses/data-pipelines').get();
    expect(after.updateTime).toEqual(before);
    expect(after.get('title')).not.toBe('Renamed');
    writeFileSync(course, good);
  }, 120_000);

  it('ignores pushes to another branch and deleted branches', async () => {
    writeFileSync(join(repo, 'sql-basics/01-select/01-why-sql.md'), 'not even front matter');
    const draft = await twinPush(repo, { branch: 'draft' });
    expect(draft).toMatchObject({ status: 'delivered', responseStatus: 202 });
    const deleted = await twinPush(repo, { deleted: true });
    expect(deleted).toMatchObject({ status: 'delivered', responseStatus: 202 });
    await sleep(3000);
    expect(await reportsOf(draft.commit)).toEqual([]);
    expect((await db.collection('webhookEvents').where('commit', '==', draft.commit).get()).size).toBe(0);
  }, 60_000);

  it('refuses a bad signature with 401, recording nothing', async () => {
    const res = await postGitHubWebhook(pushBody({ after: first }), {
      secret: 'not-the-secret',
      delivery: 'bad-sig-1',
    });
    expect(res.status).toBe(401);
    expect((await db.doc('webhookEvents/github_bad-sig-1').get()).exists).toBe(false);
  });

  it('handles a replayed delivery once', async () => {
    const body = pushBody({ after: first, pushedAt: Math.floor(Date.now() / 1000) + 5 });
    const before = (await reportsOf(first)).length;
    const once = await postGitHubWebhook(body, { delivery: 'replayed-1' });
    const twice = await postGitHubWebhook(body, { delivery: 'replayed-1' });
    expect(once.status).toBe(202);
    expect(twice.status).toBe(200);
    expect(await twice.json()).toEqual({ duplicate: true });
    await waitForReports(first, before + 1);
    await sleep(3000);
    expect(await reportsOf(first)).toHaveLength(before + 1);
  }, 120_000);

  it('ignores an older push replayed under a new delivery id (no rollback)', async () => {
    const res = await postGitHubWebhook(pushBody({ after: first, pushedAt: 1 }), { delivery: 'older-1' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ignored: 'older push' });
  });
});

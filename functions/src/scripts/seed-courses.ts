// The demo's courses: examples/courses pushed through the GitHub twin, so `npm start` runs the path production
// runs (signed push → githubWebhook → syncCourseRepo → the GitHub API). Without the twin, the folder is synced
// directly, as `npm run content:sync -- examples/courses` does.
import { resolve } from 'node:path';
import type { Firestore } from 'firebase-admin/firestore';
import type { MediaStorage } from '../adapters/storage';
import type { GitHubDelivery } from '../adapters/github/twin/github-twin';
import { renderMarkdownHtml } from '../app/markdown-html';
import { syncCourses } from '../courses/sync/course-sync';
import { folderLoader } from '../courses/sync/repo-loaders';
import { COURSE_SYNCS, type CourseSyncReport } from '../shared/courses';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples', 'courses');

const summary = (r: Pick<CourseSyncReport, 'status' | 'added' | 'changed' | 'archived' | 'errors'>) =>
  `${r.status}: ${r.added.length} added, ${r.changed.length} changed, ${r.archived.length} archived` +
  (r.errors.length
    ? `; ${r.errors.length} problems, first: ${r.errors[0]!.path}:${r.errors[0]!.line} ${r.errors[0]!.message}`
    : '');

async function pushThroughTwin(db: Firestore, twinUrl: string): Promise<string | null> {
  const delivery = await fetch(`${twinUrl}/_twin/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(60_000),
  }).then(
    async (res) => (res.ok ? ((await res.json()) as GitHubDelivery) : null),
    () => null,
  );
  if (!delivery || delivery.status !== 'delivered') return null;
  // The task syncs after the webhook answered: wait for its report (at most a minute).
  for (let i = 0; i < 120; i++) {
    const snap = await db.collection(COURSE_SYNCS).where('commit', '==', delivery.commit).get();
    const done = snap.docs.map((d) => d.data() as CourseSyncReport).find((r) => r.status !== 'running');
    if (done)
      return `Courses: examples/courses pushed to the GitHub twin (${delivery.commit.slice(0, 12)}), synced ${summary(done)}.`;
    await new Promise((r) => setTimeout(r, 500));
  }
  return `Courses: examples/courses pushed to the GitHub twin (${delivery.commit.slice(0, 12)}); the sync has not finished yet (see /admin/courses/syncs).`;
}

export async function seedCourses(deps: { db: Firestore; storage: MediaStorage }, twinUrl: string): Promise<string> {
  const viaTwin = await pushThroughTwin(deps.db, twinUrl);
  if (viaTwin) return viaTwin;
  const { report } = await syncCourses(
    { ...deps, now: () => new Date(), render: renderMarkdownHtml },
    { source: 'folder', commit: 'local', load: folderLoader(EXAMPLES) },
  );
  return `Courses: GitHub twin not reachable at ${twinUrl}; examples/courses synced from the folder, ${summary(report)}.`;
}

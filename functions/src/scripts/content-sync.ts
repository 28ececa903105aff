// `npm run content:sync -- <folder>`: syncs the course repository checked out in <folder> (the same code as
// the GitHub push webhook) and prints the report. Talks to the emulators unless GOOGLE_APPLICATION_CREDENTIALS
// points at a real project (media then goes to its bucket).
import { resolve } from 'node:path';
import { depsFromEnv } from '../app/deps';
import { renderMarkdownHtml } from '../app/markdown-html';
import { mapEnv } from '../app/params';
import { syncCourses } from '../courses/sync/course-sync';
import { folderLoader } from '../courses/sync/repo-loaders';
import type { CourseSyncReport } from '../shared/courses';

/** The report as a person reads it: status, counts, then each path and each problem with file:line. */
export function formatSyncReport(id: string, r: CourseSyncReport<Date>): string {
  const list = (label: string, paths: string[]) =>
    paths.length ? [`${label} (${paths.length}):`, ...paths.map((p) => `  ${p}`)] : [];
  return [
    `Course sync ${id}: ${r.status} (${r.source}, commit ${r.commit})`,
    `  ${r.added.length} added, ${r.changed.length} changed, ${r.archived.length} archived, ${r.writes} Firestore writes`,
    ...list('Added', r.added),
    ...list('Changed', r.changed),
    ...list('Archived', r.archived),
    ...list(
      'Errors',
      r.errors.map((e) => `${e.path || '(sync)'}${e.line ? `:${e.line}` : ''}: ${e.message}`),
    ),
  ].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const rerender = args.includes('--rerender');
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder) {
    console.error(
      'Usage: npm run content:sync -- <folder with the course repository, e.g. examples/courses> [--rerender]\n' +
        '  --rerender  render every unit again (after a markdown renderer or sanitizer change)',
    );
    return 2;
  }
  if (!process.env.GOOGLE_APPLICATION_CREDENTIALS) {
    process.env.GCLOUD_PROJECT ??= 'demo-commons';
    process.env.FIRESTORE_EMULATOR_HOST ??= '127.0.0.1:8080';
    process.env.MEDIA_STORAGE ??= 'local';
    process.env.LOCAL_MEDIA_DIR ??= resolve(__dirname, '..', '..', '..', '.data', 'storage');
  }
  const deps = depsFromEnv(mapEnv(process.env));
  // npm runs scripts from the root; a relative folder is the caller's (INIT_CWD).
  const dir = resolve(process.env.INIT_CWD ?? process.cwd(), folder);
  const { id, report } = await syncCourses(
    { db: deps.db, storage: deps.storage, now: deps.now, render: renderMarkdownHtml },
    { source: 'folder', commit: 'local', load: folderLoader(dir), rerender },
  );
  console.log(formatSyncReport(id, report));
  return report.status === 'succeeded' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

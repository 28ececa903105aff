// `npm run bench`: what the first route costs a visitor, measured in a real browser on the emulators.
//  - JS: every script the public catalog loads, gzipped (target <= 100 KB)
//  - Firestore reads and bytes: documents returned to the catalog page, first page and "load more" (target <= page
//    size + 1), and the first page's size against the same teasers with their search keys
//  - Lighthouse 12: performance score, LCP, TBT and CLS of the catalog, the calendar, a public and a paywalled material, mobile
//    and desktop presets, as a visitor, beside each page's JS
//  - newsletter fan-out: 10,000 members through the real sender into the local SMTP capture (target >= 200 messages/s, no duplicates)
//  - recording ingest: 200 MB and 2 GB through the worker into the storage twin, throughput against a plain
//    streaming copy and the worker's peak RSS (target <= 256 MiB, flat)
//  - billing reconciliation: 10,000 Stripe twin subscriptions, first run (full pass), next day (events), a week
//    later (the sweep): time, scheduled runs, Firestore reads, Stripe requests
// `npm run bench -- pages` runs the first route and Lighthouse sections alone;
// `npm run bench -- ingest` runs the ingest section alone (only the Firestore emulator, no build);
// `npm run bench -- reconcile` the reconciliation alone (Firestore and Auth emulators, no build).
//  - course sync: a generated 50-course, 2,000-unit repository synced, synced again, then with one unit changed:
//    time, Firestore writes, peak RSS (`npm run bench -- courses` alone: only the Firestore emulator, no build)
//  - notifications: one announcement with 0 and 50,000 members: writes, reads, time, the bell's one read
//    (`npm run bench -- notifications` alone: only the Firestore emulator, no build)
import { emulatorsExec, ensureInstalled, npx, run, runOrExit } from './run.mjs';

const ingestOnly = process.argv.includes('ingest');
const reconcileOnly = process.argv.includes('reconcile');
const coursesOnly = process.argv.includes('courses');
const pagesOnly = process.argv.includes('pages');
const notificationsOnly = process.argv.includes('notifications');
const notifications = () => run(npx('tsx'), ['functions/src/scripts/bench-notifications.ts']);
const courses = () => run(npx('tsx'), ['functions/src/scripts/bench-courses.ts']);
const ingest = () => run(npx('tsx'), ['functions/src/scripts/bench-ingest.ts']);
const reconcile = () => run(npx('tsx'), ['functions/src/scripts/bench-reconcile.ts']);

if (process.argv.includes('--inside') && notificationsOnly) {
  if (notifications() !== 0) process.exitCode = 1;
} else if (process.argv.includes('--inside') && coursesOnly) {
  if (courses() !== 0) process.exitCode = 1;
} else if (process.argv.includes('--inside')) {
  if (!ingestOnly && !reconcileOnly) await (await import('./bench-inside.mjs')).main();
  if (pagesOnly) process.exit(process.exitCode ?? 0);
  if (!reconcileOnly && ingest() !== 0) process.exitCode = 1;
  if (!ingestOnly && reconcile() !== 0) process.exitCode = 1;
  if (!ingestOnly && !reconcileOnly && courses() !== 0) process.exitCode = 1;
  if (!ingestOnly && !reconcileOnly && notifications() !== 0) process.exitCode = 1;
} else {
  ensureInstalled();
  if (coursesOnly) process.exit(emulatorsExec('node scripts/bench.mjs --inside courses', 'firestore'));
  if (notificationsOnly) process.exit(emulatorsExec('node scripts/bench.mjs --inside notifications', 'firestore'));
  if (ingestOnly) process.exit(emulatorsExec('node scripts/bench.mjs --inside ingest', 'firestore'));
  if (reconcileOnly) process.exit(emulatorsExec('node scripts/bench.mjs --inside reconcile', 'auth,firestore'));
  runOrExit('npm', ['run', 'build', '--silent']);
  process.exit(emulatorsExec(`node scripts/bench.mjs --inside${pagesOnly ? ' pages' : ''}`));
}

// `npm run bench`: what the first route costs a visitor, measured in a real browser on the emulators.
//  - JS: every script the public catalog loads, gzipped (target <= 100 KB)
//  - Firestore reads and bytes: documents returned to the catalog page, first page and "load more" (target <= page
//    size + 1), and the first page's size against the same teasers with their search keys
//  - Lighthouse 12: performance score, LCP, TBT and CLS of the catalog, a public and a paywalled material, mobile
//    and desktop presets, as a visitor, beside each page's JS
//  - newsletter fan-out: 10,000 members through the real sender into the local SMTP capture (target >= 200 messages/s, no duplicates)
import { emulatorsExec, ensureInstalled, runOrExit } from './run.mjs';

if (process.argv.includes('--inside')) {
  await (await import('./bench-inside.mjs')).main();
} else {
  ensureInstalled();
  runOrExit('npm', ['run', 'build', '--silent']);
  process.exit(emulatorsExec('node scripts/bench.mjs --inside'));
}

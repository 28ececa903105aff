// Runs inside `firebase emulators:exec` (which sets FIRESTORE_EMULATOR_HOST and friends):
// rules and functions integration suites, then the seeded end-to-end suite in Chromium.
// Each run's exit code goes to .cache/reports/emulated-runs.json as soon as it is known, so test.mjs
// can tell a failing suite from emulators or twins that never let the suites start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { ROOT, STRIPE_TWIN } from './emulators.mjs';
import { npx, run, startLocalTwins } from './run.mjs';

const reports = join(ROOT, '.cache', 'reports');
// While working on one area: TEST_FILTER narrows the vitest files (space-separated filters),
// E2E_FILTER the Playwright files, and E2E_FILTER=skip leaves the browser suite out (the summary then
// says it did not run). `npm test` on CI sets neither.
const words = (value) => (value ?? '').split(' ').filter(Boolean);
const codes = {};
function record(name, code) {
  codes[name] = code;
  writeFileSync(join(reports, 'emulated-runs.json'), JSON.stringify(codes));
  return code;
}

// The functions talk to local twins (functions/.env.demo-commons): Stripe, SMTP capture, chat catcher.
const twins = await startLocalTwins();
let code = record(
  'emulated',
  run(npx('vitest'), [
    'run',
    '--project',
    'emulated',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reports}/emulated.json`,
    ...words(process.env.TEST_FILTER),
  ]),
);

if (!process.argv.includes('--no-e2e') && process.env.E2E_FILTER !== 'skip') {
  // A clean, seeded database for the browser tests (the suites above clear it), with twin prices.
  // On a fresh connection (agent: false): fetch's pooled keep-alive socket from the start may be closed by now.
  await new Promise((resolve, reject) =>
    request(`${STRIPE_TWIN.url}/_twin/reset`, { method: 'POST', agent: false }, (res) =>
      res.resume().on('end', resolve),
    )
      .on('error', reject)
      .end(),
  );
  const seeded = record('seed', run(npx('tsx'), ['functions/src/scripts/seed-cli.ts', '--fresh']));
  const e2e =
    seeded === 0
      ? record(
          'e2e',
          run(npx('playwright'), ['test', '--config', 'e2e/playwright.config.ts', ...words(process.env.E2E_FILTER)], {
            env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e.json') },
          }),
        )
      : seeded;
  code = code || e2e;
}
for (const twin of twins) twin.kill('SIGTERM');
process.exit(code);

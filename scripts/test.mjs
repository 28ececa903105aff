// `npm test`: every suite, from a fresh clone. Static checks and unit tests first (fast, no emulators),
// then one emulator session for rules, functions integration and the browser end-to-end suite.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './emulators.mjs';
import { emulatorsExec, ensureInstalled, npx, runOrExit } from './run.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : 'all';
const reports = join(ROOT, '.cache', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

ensureInstalled();

if (only === 'all' || only === 'unit') {
  runOrExit('npm', ['run', 'lint', '--silent']);
  runOrExit('npm', ['run', 'typecheck', '--silent']);
  runOrExit(npx('vitest'), [
    'run',
    '--project',
    'unit',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reports}/unit.json`,
  ]);
}

let code = 0;
if (only === 'all' || only === 'emulated') {
  runOrExit('npm', ['run', 'build', '--silent']);
  code = emulatorsExec('node scripts/test-emulated.mjs');
}

// One closing line over every runner: "N passed, N failed".
// A runner that wrote no report (it could not start) is named, so the line never hides it.
let passed = 0;
let failed = 0;
const missing = [];
const expected = only === 'unit' ? ['unit'] : only === 'emulated' ? ['emulated', 'e2e'] : ['unit', 'emulated', 'e2e'];
for (const name of expected) {
  try {
    const r = JSON.parse(readFileSync(join(reports, `${name}.json`), 'utf8'));
    passed += name === 'e2e' ? r.stats.expected + r.stats.flaky : r.numPassedTests;
    failed += name === 'e2e' ? r.stats.unexpected : r.numFailedTests;
  } catch {
    missing.push(name);
  }
}
const notRun = missing.length ? ` (no report from: ${missing.join(', ')})` : '';
console.log(`\n${passed} passed, ${failed} failed${notRun}`);
process.exit(code !== 0 || failed > 0 || missing.length > 0 ? 1 : 0);

// `npm test`: every suite, from a fresh clone. Static checks and unit tests first (fast, no emulators),
// then one emulator session for rules, functions integration and the browser end-to-end suite.
// The first failure stops the run; the summary (test-summary.mjs) is printed whatever happened.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './emulators.mjs';
import { emulatorsExec, ensureInstalled, npx, run } from './run.mjs';
import { emulatorsCode, summarize } from './test-summary.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : 'all';
if (!['all', 'unit', 'emulated'].includes(only)) {
  console.error(`--only takes unit or emulated, not ${only}`);
  process.exit(2);
}
const reports = join(ROOT, '.cache', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

ensureInstalled();

/** A finished run, with its runner's JSON report when it wrote a whole one. */
function finished(name, kind, code) {
  if (kind === 'step') return { name, kind, code };
  try {
    return { name, kind, code, report: JSON.parse(readFileSync(join(reports, `${name}.json`), 'utf8')) };
  } catch {
    return { name, kind, code };
  }
}

/** @type {import('./test-summary.mjs').Run[]} */
const runs = [];
const stopped = () => runs.some((r) => r.code !== undefined && r.code !== 0);
/** The exit code of `start`; a command that could not even be spawned says why and counts as 1. */
function exitCodeOf(start) {
  try {
    return start();
  } catch (err) {
    console.error(`\n✖ ${err instanceof Error ? err.message : err}`);
    return 1;
  }
}
/** Runs `start` unless an earlier run failed; a run that did not start is listed without a code. */
function attempt(name, kind, start) {
  runs.push(stopped() ? { name, kind } : finished(name, kind, exitCodeOf(start)));
}

if (only === 'all' || only === 'unit') {
  attempt('lint', 'step', () => run('npm', ['run', 'lint', '--silent']));
  attempt('typecheck', 'step', () => run('npm', ['run', 'typecheck', '--silent']));
  attempt('unit', 'vitest', () =>
    run(npx('vitest'), [
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/unit.json`,
    ]),
  );
}

if (only === 'all' || only === 'emulated') {
  attempt('build', 'step', () => run('npm', ['run', 'build', '--silent']));
  // What test-emulated.mjs runs inside the emulator session, in order.
  const inside = [
    { name: 'emulated', kind: 'vitest' },
    { name: 'seed', kind: 'step' },
    { name: 'e2e', kind: 'playwright' },
  ];
  if (stopped()) {
    for (const r of [{ name: 'emulators', kind: 'step' }, ...inside]) runs.push(r);
  } else {
    // emulatorEnv() may refuse before anything starts (no Java, no Firestore emulator).
    const code = exitCodeOf(() => emulatorsExec('node scripts/test-emulated.mjs'));
    const file = join(reports, 'emulated-runs.json');
    const codes = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    const recorded = inside.map((r) => (codes[r.name] === undefined ? r : finished(r.name, r.kind, codes[r.name])));
    runs.push({ name: 'emulators', kind: 'step', code: emulatorsCode(code, recorded) }, ...recorded);
  }
}

const summary = summarize(runs, ROOT);
console.log(`\n${summary.lines.join('\n')}`);
process.exit(summary.exitCode);

// What `npm test` concludes from its runs: counts, one line per failed run saying why, and the closing
// line `N passed, N failed` that CI parses. Pure (no files, no processes), so every way a run can fail
// is a unit test: scripts/test-summary.test.mjs.
import { relative } from 'node:path';

/**
 * One thing `npm test` ran or meant to run, in order.
 * - kind `step` (lint, typecheck, build, emulators, seed): only its exit code counts.
 * - kind `vitest` / `playwright`: a runner whose JSON `report` holds the counts (undefined: none written).
 * `code` is undefined when the run never started because an earlier one stopped `npm test`.
 * @typedef {{ name: string, kind: 'step' | 'vitest' | 'playwright', code?: number, report?: any }} Run
 */

const MAX_NAMED = 5;

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** The gist of an error message: its first line, and the next one when the first only announces it. */
function gist(text) {
  const lines = String(text)
    .replace(/\x1b\[[0-9;]*m/g, '') // reporters colour their messages
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const [first = '', second] = lines;
  return first.endsWith(':') && second ? `${first} ${second}` : first;
}

/** "a, b, c and 2 more": failures are named, but a hundred of them do not bury the closing line. */
function names(list) {
  const shown = list.slice(0, MAX_NAMED).join(', ');
  return list.length > MAX_NAMED ? `${shown} and ${list.length - MAX_NAMED} more` : shown;
}

/** Vitest: failed assertions, and files that failed without one (load errors, failing hooks). */
function vitestOutcome(report, root) {
  const file = (result) => relative(root, result.name);
  const failedTests = [];
  const unloaded = [];
  const hooks = [];
  for (const result of report.testResults ?? []) {
    const failing = (result.assertionResults ?? []).filter((a) => a.status === 'failed');
    failedTests.push(...failing.map((a) => `${file(result)} > ${a.fullName ?? a.title}`));
    if (result.status !== 'failed' || failing.length > 0) continue;
    // A file that fails to load carries the error as its message; a failing beforeAll/afterAll leaves
    // the message empty and its tests skipped or passed.
    if (result.message) unloaded.push(`${file(result)} (${gist(result.message)})`);
    else hooks.push(file(result));
  }
  const reasons = [];
  if (report.numFailedTests > 0) reasons.push(`${plural(report.numFailedTests, 'test')} failed: ${names(failedTests)}`);
  if (unloaded.length) reasons.push(`${plural(unloaded.length, 'file')} failed to load: ${names(unloaded)}`);
  if (hooks.length) reasons.push(`a beforeAll/afterAll hook failed in ${names(hooks)}`);
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + unloaded.length + hooks.length,
    reasons,
  };
}

/** Playwright: unexpected results (flaky ones passed on retry) and errors outside any test. */
function playwrightOutcome(report) {
  const failedTests = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      if ((spec.tests ?? []).some((t) => t.status === 'unexpected')) failedTests.push(`${spec.file} > ${spec.title}`);
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  const stats = report.stats ?? {};
  const unexpected = stats.unexpected ?? 0;
  const errors = (report.errors ?? []).map((e) => gist(e.message ?? e));
  const reasons = [];
  if (unexpected > 0) reasons.push(`${plural(unexpected, 'test')} failed: ${names(failedTests)}`);
  if (errors.length) reasons.push(`${plural(errors.length, 'error')} outside tests: ${names(errors)}`);
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: unexpected + errors.length, reasons };
}

function outcome(run, root) {
  if (run.kind === 'step') {
    return { passed: 0, failed: run.code === 0 ? 0 : 1, reasons: [`exited with code ${run.code}`] };
  }
  if (!run.report) return { passed: 0, failed: 1, reasons: [`wrote no report (exited with code ${run.code})`] };
  const counted = run.kind === 'vitest' ? vitestOutcome(run.report, root) : playwrightOutcome(run.report);
  // The counts miss unhandled errors (and, for Playwright, a crashed web server): the exit code does not.
  if (run.code !== 0 && counted.failed === 0) {
    return {
      ...counted,
      failed: 1,
      reasons: [`exited with code ${run.code} (unhandled error or failing hook; see above)`],
    };
  }
  return counted;
}

/**
 * @param {Run[]} runs
 * @param {string} root paths in reports are shown relative to it
 * @returns {{ passed: number, failed: number, lines: string[], exitCode: number }} `lines` ends with the closing line
 */
export function summarize(runs, root = process.cwd()) {
  let passed = 0;
  let failed = 0;
  const lines = [];
  const notRun = [];
  for (const run of runs) {
    if (run.code === undefined) {
      notRun.push(run.name);
      continue;
    }
    const result = outcome(run, root);
    passed += result.passed;
    failed += result.failed;
    if (result.failed > 0) lines.push(`✖ ${run.name}: ${result.reasons.join('; ')}`);
  }
  if (notRun.length) lines.push(`✖ not run: ${notRun.join(', ')} (stopped after the failure above)`);
  lines.push(`${passed} passed, ${failed} failed`);
  return { passed, failed, lines, exitCode: failed > 0 || notRun.length > 0 ? 1 : 0 };
}

/**
 * The `emulators` step: `firebase emulators:exec` exits with the code of the command it ran, so its
 * failure counts only when the suites inside do not explain it (emulators that did not start, a crash
 * between suites, an export that failed at shutdown). `inside` are the runs test-emulated.mjs recorded.
 * @param {number} code
 * @param {Array<{ code?: number }>} inside
 * @returns {number}
 */
export function emulatorsCode(code, inside) {
  return inside.some((run) => run.code !== undefined && run.code !== 0) ? 0 : code;
}

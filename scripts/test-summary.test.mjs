import { describe, expect, it } from 'vitest';
import { emulatorsCode, summarize } from './test-summary.mjs';

const ROOT = '/repo';
const passing = (title) => ({ title, fullName: title, status: 'passed' });

/** A vitest JSON report, as `--reporter=json` writes it. */
function vitest(files) {
  const tests = files.flatMap((f) => f.assertionResults);
  const count = (status) => tests.filter((t) => t.status === status).length;
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    testResults: files.map((f) => ({ status: 'passed', message: '', ...f, name: `${ROOT}/${f.name}` })),
  };
}

/** `npm test` whose only run was a unit run that exited 1 with this report. */
const failedUnitRun = (report) => summarize([{ name: 'unit', kind: 'vitest', code: 1, report }], ROOT);

const green = [
  { name: 'lint', kind: 'step', code: 0 },
  { name: 'typecheck', kind: 'step', code: 0 },
  {
    name: 'unit',
    kind: 'vitest',
    code: 0,
    report: vitest([{ name: 'functions/src/a.test.ts', assertionResults: [passing('a'), passing('b')] }]),
  },
  {
    name: 'e2e',
    kind: 'playwright',
    code: 0,
    report: { stats: { expected: 3, unexpected: 0, flaky: 1, skipped: 0 }, errors: [], suites: [] },
  },
];

describe('summarize', () => {
  it('all green: counts every runner, prints only the closing line, exits 0', () => {
    expect(summarize(green, ROOT)).toEqual({ passed: 6, failed: 0, lines: ['6 passed, 0 failed'], exitCode: 0 });
  });

  it('an assertion failure is counted and named', () => {
    const report = vitest([
      {
        name: 'functions/src/a.test.ts',
        status: 'failed',
        assertionResults: [passing('a'), { title: 'b', fullName: 'suite b', status: 'failed' }],
      },
    ]);
    const s = failedUnitRun(report);
    expect(s.lines).toEqual(['✖ unit: 1 test failed: functions/src/a.test.ts > suite b', '1 passed, 1 failed']);
    expect(s.exitCode).toBe(1);
  });

  it('a file that failed to load counts as a failure, with its error', () => {
    const report = vitest([
      { name: 'functions/src/ok.test.ts', assertionResults: [passing('a')] },
      {
        name: 'functions/src/x.test.ts',
        status: 'failed',
        message: "SyntaxError: Unexpected token '}'\n    at x.test.ts:3",
        assertionResults: [],
      },
    ]);
    const s = failedUnitRun(report);
    expect(s.lines).toEqual([
      "✖ unit: 1 file failed to load: functions/src/x.test.ts (SyntaxError: Unexpected token '}')",
      '1 passed, 1 failed',
    ]);
    expect(s.exitCode).toBe(1);
  });

  it('a load error that only announces itself on its first line is shown with the next, uncoloured', () => {
    const message =
      'Transform failed with 1 error:\n\n\x1b[31m[PARSE_ERROR] \x1b[0mExpected `}` but found `EOF`\n  ╭─[x]';
    const report = vitest([{ name: 'scripts/x.test.ts', status: 'failed', message, assertionResults: [] }]);
    expect(failedUnitRun(report).lines[0]).toBe(
      '✖ unit: 1 file failed to load: scripts/x.test.ts (Transform failed with 1 error: [PARSE_ERROR] Expected `}` but found `EOF`)',
    );
  });

  it('a failing beforeAll/afterAll hook (failed file, empty message, no failed test) counts as a failure', () => {
    const report = vitest([
      {
        name: 'tests/integration/x.test.ts',
        status: 'failed',
        assertionResults: [{ title: 'a', status: 'skipped' }, passing('b')],
      },
    ]);
    const s = summarize([{ name: 'emulated', kind: 'vitest', code: 1, report }], ROOT);
    expect(s.lines).toEqual([
      '✖ emulated: a beforeAll/afterAll hook failed in tests/integration/x.test.ts',
      '1 passed, 1 failed',
    ]);
  });

  it('a non-zero exit with zero counted failures (an unhandled error) is one failure', () => {
    const report = vitest([{ name: 'functions/src/a.test.ts', assertionResults: [passing('a')] }]);
    const s = failedUnitRun(report);
    expect(s.lines).toEqual([
      '✖ unit: exited with code 1 (unhandled error or failing hook; see above)',
      '1 passed, 1 failed',
    ]);
    expect(s.exitCode).toBe(1);
  });

  it('Playwright: unexpected tests and errors outside tests are failures; so is a bare non-zero exit', () => {
    const report = {
      stats: { expected: 2, unexpected: 1, flaky: 0, skipped: 0 },
      errors: [{ message: 'Error: webServer exited early\n  at …' }],
      suites: [
        { suites: [{ specs: [{ file: 'billing.spec.ts', title: 'buys', tests: [{ status: 'unexpected' }] }] }] },
      ],
    };
    expect(summarize([{ name: 'e2e', kind: 'playwright', code: 1, report }], ROOT).lines).toEqual([
      '✖ e2e: 1 test failed: billing.spec.ts > buys; 1 error outside tests: Error: webServer exited early',
      '2 passed, 2 failed',
    ]);
    const quiet = { stats: { expected: 2, unexpected: 0, flaky: 0 }, errors: [], suites: [] };
    expect(summarize([{ name: 'e2e', kind: 'playwright', code: 1, report: quiet }], ROOT).failed).toBe(1);
  });

  it('a runner that ran but wrote no report is a failure', () => {
    const s = summarize([...green.slice(0, 3), { name: 'e2e', kind: 'playwright', code: 1 }], ROOT);
    expect(s.lines).toEqual(['✖ e2e: wrote no report (exited with code 1)', '2 passed, 1 failed']);
    expect(s.exitCode).toBe(1);
  });

  it('lint failing before any runner still ends with a summary naming it and what did not run', () => {
    const s = summarize(
      [
        { name: 'lint', kind: 'step', code: 1 },
        { name: 'typecheck', kind: 'step' },
        { name: 'unit', kind: 'vitest' },
      ],
      ROOT,
    );
    expect(s.lines).toEqual([
      '✖ lint: exited with code 1',
      '✖ not run: typecheck, unit (stopped after the failure above)',
      '0 passed, 1 failed',
    ]);
    expect(s.exitCode).toBe(1);
  });

  it('the closing line is always last and alone: "N passed, N failed"', () => {
    const s = summarize(
      [
        { name: 'lint', kind: 'step', code: 2 },
        { name: 'unit', kind: 'vitest' },
      ],
      ROOT,
    );
    expect(s.lines.at(-1)).toMatch(/^\d+ passed, \d+ failed$/);
  });
});

describe('emulatorsCode', () => {
  it('counts the emulator session only when the suites inside do not explain its exit code', () => {
    expect(emulatorsCode(1, [])).toBe(1); // the emulators never started the suites
    expect(emulatorsCode(1, [{ code: 0 }, {}])).toBe(1); // a crash after the first suite
    expect(emulatorsCode(1, [{ code: 0 }, { code: 0 }])).toBe(1); // the session failed at shutdown
    expect(emulatorsCode(1, [{ code: 1 }, {}])).toBe(0); // a failing suite, counted on its own
    expect(emulatorsCode(0, [{ code: 0 }])).toBe(0);
  });
});

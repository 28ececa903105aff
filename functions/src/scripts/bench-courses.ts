// Course sync bench (`npm run bench`, or alone: `npm run bench -- courses`; inside the Firestore emulator): a
// generated repository of 50 courses and 2,000 units (4 modules of 10 units and a homework file each) in a temp
// folder, synced by the real sync (folder loader, parser, markdown rendering, planner, batched writes):
//  - the first sync: everything created;
//  - the same repository again: nothing but the report;
//  - one unit's body changed: that unit only (+ the report).
// For each: wall time, Firestore writes (every document written, counted at the Admin SDK's WriteBatch, which
// transactions and single writes go through too: so the report and the lease are in it), the content writes
// the report gives, and the process's peak RSS.
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteBatch } from 'firebase-admin/firestore';
import { LocalMediaStorage } from '../adapters/storage/twin/local-storage';
import { renderMarkdownHtml } from '../app/markdown-html';
import { syncCourses } from '../courses/sync/course-sync';
import { folderLoader } from '../courses/sync/repo-loaders';
import { emptyBenchFirestore } from './bench-firestore';

const PROJECT = 'demo-courses-bench';
const COURSES = Number(process.env.BENCH_COURSES ?? 50);
const MODULES = 4;
const UNITS_PER_MODULE = 10;
const pad = (n: number) => String(n).padStart(2, '0');

/** A repository in the course format (README "Writing a course"): course.yaml, module folders, units, homework. */
function generateRepository(dir: string): void {
  for (let c = 1; c <= COURSES; c++) {
    const course = join(dir, `course-${pad(c)}`);
    mkdirSync(course);
    writeFileSync(
      join(course, 'course.yaml'),
      [
        `title: Generated course ${c}`,
        `summary: Course ${c} of the bench, ${MODULES * UNITS_PER_MODULE} units.`,
        'instructors:',
        '  - name: Bench Author',
        `access: ${c % 2 ? 'free' : 'premium'}`,
        '',
      ].join('\n'),
    );
    for (let m = 1; m <= MODULES; m++) {
      const module = join(course, `${pad(m)}-module-${m}`);
      mkdirSync(module);
      for (let u = 1; u <= UNITS_PER_MODULE; u++) {
        const id = `c${c}-m${m}-u${u}`;
        writeFileSync(
          join(module, `${pad(u)}-unit-${u}.md`),
          [
            '---',
            `id: ${id}`,
            `title: Unit ${u} of module ${m}`,
            ...(u === 1 && m === 1 ? ['preview: true'] : []),
            ...(u % 3 === 0 ? ['video: https://youtu.be/aqz-KE-bpKQ'] : []),
            '---',
            '',
            `# Unit ${u}`,
            '',
            'Some **markdown** with a [link](https://example.com), a list and code:',
            '',
            '- one\n- two\n- three',
            '',
            '```sql\nselect count(*) from trips where fare > 10;\n```',
            '',
          ].join('\n'),
        );
      }
      writeFileSync(
        join(module, `module-${m}.homework.yaml`),
        [
          `id: c${c}-hw${m}`,
          `title: Homework ${m}`,
          'questions:',
          `  - id: c${c}-hw${m}-q1`,
          '    type: choice',
          '    text: Which one?',
          '    options: [a, b, c]',
          '    answer: 1',
          '    points: 1',
          `  - id: c${c}-hw${m}-q2`,
          '    type: number',
          '    text: How much?',
          '    answer: 4.2',
          '    tolerance: 0.1',
          '    points: 2',
          '',
        ].join('\n'),
      );
    }
  }
}

/** Documents written, counted where every Admin SDK write goes through (WriteBatch; transactions use one too). */
function countWrites(): { writes: number } {
  const counter = { writes: 0 };
  const proto = WriteBatch.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['set', 'update', 'create', 'delete']) {
    const original = proto[name]!;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      counter.writes++;
      return original.apply(this, args);
    };
  }
  return counter;
}

async function main() {
  const db = await emptyBenchFirestore(PROJECT, 'courses');
  const storage = new LocalMediaStorage(mkdtempSync(join(tmpdir(), 'bench-courses-media-')), 'http://127.0.0.1/m', 'k');
  const dir = mkdtempSync(join(tmpdir(), 'bench-courses-repo-'));
  generateRepository(dir);
  const counter = countWrites();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

  const run = async (label: string) => {
    const writesBefore = counter.writes;
    peakRss = process.memoryUsage().rss;
    const started = performance.now();
    const { report } = await syncCourses(
      { db, storage, now: () => new Date(), render: renderMarkdownHtml },
      { source: 'folder', commit: 'local', load: folderLoader(dir) },
    );
    const seconds = (performance.now() - started) / 1000;
    const row = {
      label,
      status: report.status,
      seconds: seconds.toFixed(1),
      writes: counter.writes - writesBefore,
      content: report.writes,
      added: report.added.length,
      changed: report.changed.length,
      rss: `${Math.round(peakRss / 1024 / 1024)} MiB`,
    };
    if (report.status !== 'succeeded') console.error(report.errors.slice(0, 5));
    return { row, report };
  };

  const units = COURSES * MODULES * UNITS_PER_MODULE;
  console.log(`Course sync bench: ${COURSES} courses, ${units} units, ${COURSES * MODULES} homework files`);
  const first = await run('first sync');
  const again = await run('same repository');
  appendFileSync(join(dir, 'course-07', '02-module-2', '05-unit-5.md'), '\nOne more paragraph.\n');
  const one = await run('one unit changed');
  clearInterval(sampler);
  console.table([first.row, again.row, one.row]);
  console.log(
    "Firestore writes: every document written (the report twice, the lease twice included); content: the report's count.",
  );
  const failures = [
    first.report.status !== 'succeeded' && 'the first sync failed',
    first.report.writes < units && `the first sync wrote ${first.report.writes} documents for ${units} units`,
    again.report.writes !== 0 && `the same repository wrote ${again.report.writes} documents`,
    (one.report.writes !== 1 || one.report.changed.join() !== 'courses/course-07/units/c7-m2-u5') &&
      `one changed unit wrote ${one.report.writes} documents: ${one.report.changed.join(', ')}`,
  ].filter(Boolean);
  if (failures.length) {
    console.error(`FAILED: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log(`OK: the second sync wrote only its report; one changed unit wrote that unit only (+ the report).`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

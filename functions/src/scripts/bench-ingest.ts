// Recording ingest bench (`npm run bench`, or alone: `npm run bench -- ingest`; inside the emulators,
// Firestore only): a generated recording of 200 MB and of 2 GB, served by a local server speaking
// Zoom's download format, streamed by the real worker (runIngestJob: lease, progress writes, MD5,
// verification) into the local storage twin. Reports throughput as a ratio to a plain streaming copy
// of the same bytes (fetch → file) on the same machine in the same run, and the worker's peak RSS,
// each measured in a child process of its own. Targets: peak RSS <= 256 MiB, flat from 200 MB to 2 GB.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Firestore } from 'firebase-admin/firestore';
import { LocalMediaStorage } from '../adapters/storage/twin/local-storage';
import { ingestJobId } from '../domain/zoom-recording';
import { recordIngestJobs } from '../recordings/ingest-jobs';
import { runIngestJob } from '../recordings/ingest-worker';
import { RECORDING_INGESTS, type RecordingIngest } from '../shared/recordings';
import { generatedMd5, startFakeZoom } from '../testing/zoom-recording-server';
import { benchFirestore, emptyBenchFirestore } from './bench-firestore';

const PROJECT = 'demo-ingest-bench';
const MB = 1024 * 1024;
const SIZES = (process.env.BENCH_INGEST_SIZES ?? '200,2048').split(',').map((s) => Number(s) * MB);
const RSS_TARGET = 256 * MB;
/** Flat: the 2 GB run may use at most this much more than the 200 MB run. */
const FLAT_SLACK = 32 * MB;
const ROOT = resolve(process.cwd(), '.data', 'bench-ingest');
const SELF = resolve(__dirname, 'bench-ingest.ts');

const firestore = (): Firestore => benchFirestore(PROJECT, 'ingest');

interface ChildReport {
  ms: number;
  bytes: number;
  /** Peak RSS of the child: the whole process, modules included. */
  maxRssBytes: number;
  /** Peak RSS once its modules were loaded (tsx and the Admin SDK), before any byte moved. */
  loadedRssBytes: number;
  outcome?: string;
}

/** Read when this module is evaluated, i.e. after its imports loaded. */
const LOADED_RSS = process.resourceUsage().maxRSS * 1024;

/** Child: a plain streaming copy of the URL into a file, the baseline. */
async function plainCopy(url: string, token: string, dest: string): Promise<ChildReport> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`download answered ${res.status}`);
  mkdirSync(resolve(dest, '..'), { recursive: true });
  let bytes = 0;
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
  body.on('data', (c: Buffer) => (bytes += c.length));
  await pipeline(body, createWriteStream(dest));
  return {
    ms: performance.now() - started,
    bytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    loadedRssBytes: LOADED_RSS,
  };
}

/** Child: the worker on one job, as the task function runs it. */
async function worker(id: string, zoomUrl: string): Promise<ChildReport> {
  const db = firestore();
  const storage = new LocalMediaStorage(join(ROOT, 'storage'), 'http://bench', 'k');
  const started = performance.now();
  const outcome = await runIngestJob(
    {
      db,
      now: () => new Date(),
      storage,
      zoom: {
        getRecording: async (meeting) => {
          const res = await fetch(
            `${zoomUrl}/v2/meetings/${encodeURIComponent(encodeURIComponent(meeting))}/recordings`,
          );
          return res.ok ? ((await res.json()) as never) : null;
        },
      },
      publishRecording: async () => ({ materialId: 'bench' }),
    },
    id,
    { owner: 'bench' },
  );
  const job = (await db.doc(`${RECORDING_INGESTS}/${id}`).get()).data() as RecordingIngest;
  return {
    ms: performance.now() - started,
    bytes: job.bytesDone,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    loadedRssBytes: LOADED_RSS,
    outcome,
  };
}

/**
 * Runs this file as a child with `args` and returns its report (the last line it prints). Asynchronous:
 * the fake Zoom server serving the child lives in this process.
 */
async function child(args: string[]): Promise<ChildReport> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SELF, ...args], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-64_000)));
  const code = await new Promise<number | null>((r) => proc.on('close', r));
  if (code !== 0) throw new Error(`bench child ${args[0]} exited ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as ChildReport;
}

const mib = (bytes: number) => `${(bytes / MB).toFixed(0)} MiB`;
const rate = (r: ChildReport) => r.bytes / MB / (r.ms / 1000);

async function main() {
  const db = await emptyBenchFirestore(PROJECT, 'ingest');
  const zoom = await startFakeZoom();
  const storage = new LocalMediaStorage(join(ROOT, 'storage'), 'http://bench', 'k');
  console.log('\nRecording ingest (worker → local storage twin), each in a child process:');
  console.log(
    '  (RSS: peak of the child process; "loaded" = after loading its modules under tsx, before any byte moved)',
  );
  console.log('  size       plain copy (peak RSS)   worker (peak RSS, loaded)          ratio  verified');
  const results: { size: number; worker: ChildReport; plain: ChildReport; ok: boolean }[] = [];
  try {
    for (const [i, size] of SIZES.entries()) {
      const uuid = `bench-${i}==`;
      const fileId = `video${i}`;
      zoom.addRecording({
        id: 7000 + i,
        uuid,
        files: [{ id: fileId, file_type: 'MP4', recording_type: 'shared_screen_with_speaker_view', size, seed: i + 1 }],
      });
      const { object, download_token } = zoom.webhookObject(uuid);
      const url = object.recording_files[0]!.download_url;

      const dest = join(ROOT, 'plain', `copy-${i}.bin`);
      const plain = await child(['--copy', url, download_token, dest]);
      rmSync(dest, { force: true });

      await recordIngestJobs(
        { db, now: () => new Date(), tasks: { enqueue: async () => {} } },
        {
          eventId: `bench-event-${i}`,
          recording: object,
          downloadToken: download_token,
        },
      );
      const id = ingestJobId(uuid, fileId);
      const work = await child(['--worker', id, zoom.url]);
      const job = (await db.doc(`${RECORDING_INGESTS}/${id}`).get()).data() as RecordingIngest;
      const stored = await storage.describe(job.path);
      const ok = work.outcome === 'done' && stored?.size === size && stored.md5 === generatedMd5(i + 1, size);
      await storage.delete(job.path);
      results.push({ size, worker: work, plain, ok });
      const plainCol = `${rate(plain).toFixed(0)} MB/s (${mib(plain.maxRssBytes)})`;
      const workCol = `${rate(work).toFixed(0)} MB/s (${mib(work.maxRssBytes)}, ${mib(work.loadedRssBytes)})`;
      console.log(
        `  ${mib(size).padEnd(10)} ${plainCol.padEnd(23)} ${workCol.padEnd(34)} ${(rate(work) / rate(plain)).toFixed(2).padEnd(6)} ` +
          (ok ? 'size + MD5 OK' : `FAILED (${work.outcome})`),
      );
    }
  } finally {
    await zoom.close();
    rmSync(ROOT, { recursive: true, force: true });
  }
  const peaks = results.map((r) => r.worker.maxRssBytes);
  const peak = Math.max(...peaks);
  const growth = (peaks.at(-1) ?? 0) - (peaks[0] ?? 0);
  console.log(
    `  Worker peak RSS ${mib(peak)} (target ${mib(RSS_TARGET)}) ${peak <= RSS_TARGET ? 'OK' : 'OVER'}; ` +
      `${mib(SIZES[0]!)} → ${mib(SIZES.at(-1)!)}: ${growth >= 0 ? '+' : ''}${mib(growth)} (flat within ${mib(FLAT_SLACK)}) ${growth <= FLAT_SLACK ? 'OK' : 'NOT FLAT'}`,
  );
  if (peak > RSS_TARGET || growth > FLAT_SLACK || results.some((r) => !r.ok)) process.exitCode = 1;
}

const [mode, ...rest] = process.argv.slice(2);
const done = (report: ChildReport) => {
  console.log(JSON.stringify(report));
  process.exit(0);
};
if (mode === '--copy') void plainCopy(rest[0]!, rest[1]!, rest[2]!).then(done);
else if (mode === '--worker') void worker(rest[0]!, rest[1]!).then(done);
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });

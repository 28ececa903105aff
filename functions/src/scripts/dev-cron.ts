// `npm start`'s stand-in for Cloud Scheduler: the Functions emulator never fires onSchedule functions,
// so this runs every job of the registry (schedules/jobs.ts) at its own interval, each once at start,
// against the emulators and the local twins, with the same dependencies the functions build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { depsFromEnv } from '../app/deps';
import { mapEnv } from '../app/params';
import { jobsDueAt, SCHEDULED_JOBS } from '../schedules/jobs';

/** The demo project's params and local secrets, as the Functions emulator reads them. */
function demoEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of ['.env.demo-commons', '.secret.local']) {
    const text = readFileSync(join(__dirname, '..', '..', file), 'utf8');
    for (const line of text.split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) env[m[1]!] = m[2]!;
    }
  }
  return env;
}

process.env.GCLOUD_PROJECT ??= 'demo-commons';
const deps = depsFromEnv(mapEnv(demoEnv()));

async function tick(minute: number) {
  for (const name of jobsDueAt(SCHEDULED_JOBS, minute)) {
    // One failing job (a twin not up yet) must not keep the others from running.
    await SCHEDULED_JOBS[name].run(deps).catch((err: unknown) => {
      console.error(`dev cron: ${name}:`, err instanceof Error ? err.message : err);
    });
  }
}

let minute = 0;
void tick(minute);
const timer = setInterval(() => void tick(++minute), 60_000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (clearInterval(timer), process.exit(0)));

// `npm start`'s stand-in for Cloud Scheduler: the Functions emulator never fires onSchedule functions,
// so this runs every job of the registry (schedules/jobs.ts) at its own interval, each once at start,
// against the emulators and the local twins, with the same dependencies the functions build.
// `--once <job>` runs that one job now and exits, failing with it (the e2e suite runs the recordings poller so).
import { depsFromEnv } from '../app/deps';
import { mapEnv } from '../app/params';
import { jobsDueAt, SCHEDULED_JOBS, type JobName } from '../schedules/jobs';
import { demoEnv } from './demo-env';

process.env.GCLOUD_PROJECT ??= 'demo-commons';
const env = demoEnv();
// Into the process too, as the Functions emulator loads .env.demo-commons: the storage adapter reads MEDIA_STORAGE
// there (without it the recordings poller went to Cloud Storage and failed every minute).
for (const [key, value] of Object.entries(env)) process.env[key] ??= value;
const deps = depsFromEnv(mapEnv(env));

async function tick(minute: number) {
  for (const name of jobsDueAt(SCHEDULED_JOBS, minute)) {
    // One failing job (a twin not up yet) must not keep the others from running.
    await SCHEDULED_JOBS[name].run(deps).catch((err: unknown) => {
      console.error(`dev cron: ${name}:`, err instanceof Error ? err.message : err);
    });
  }
}

const once = process.argv.includes('--once') ? process.argv[process.argv.indexOf('--once') + 1] : undefined;
if (once !== undefined) {
  if (!(once in SCHEDULED_JOBS)) throw new Error(`dev cron: no job ${once}`);
  void SCHEDULED_JOBS[once as JobName].run(deps).then(() => process.exit(0));
} else {
  let minute = 0;
  void tick(minute);
  const timer = setInterval(() => void tick(++minute), 60_000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => (clearInterval(timer), process.exit(0)));
}

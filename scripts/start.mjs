// `npm start`: the whole platform on the emulators with demo data. Ctrl-C stops everything it started;
// emulator data is exported to .data/emulators on exit and imported next time (`--fresh` starts over).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHAT_CATCHER,
  EMULATORS,
  GCAL_TWIN,
  GITHUB_TWIN,
  LUMA_TWIN,
  HOSTS,
  MAIL_CAPTURE,
  PROJECT_ID,
  ROOT,
  STRIPE_TWIN,
  ZOOM_TWIN,
  clientEnv,
  emulatorEnv,
  emulatorConfigArgs,
  firebaseBin,
} from './emulators.mjs';
import { ensureInstalled, npx, runOrExit, spawnChild, startLocalTwins, waitForHttp } from './run.mjs';
import { spawnSync } from 'node:child_process';

const fresh = process.argv.includes('--fresh');
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173);
const dataDir = join(ROOT, '.data');
const exportDir = join(dataDir, 'emulators');

ensureInstalled();
if (fresh) rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
runOrExit('npm', ['run', 'build:emulator', '-w', 'functions', '--silent']);
// The built web app and its server bundle: the Hosting emulator serves the public pages rendered by `ssr`.
runOrExit('npm', ['run', 'build', '-w', 'web', '--silent']);

const children = [];
let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Commons (exporting emulator data to .data/emulators)…');
  for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGINT');
  const timer = setTimeout(() => process.exit(code), 30_000);
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() => {
    clearTimeout(timer);
    process.exit(code);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The local twins first (Stripe, SMTP capture, chat catcher): the seed creates the plans' prices in the
// Stripe twin. Their state lives in .data too.
children.push(...(await startLocalTwins({ dataDir })));

const emulatorArgs = [
  'emulators:start',
  ...emulatorConfigArgs(),
  '--only',
  EMULATORS,
  '--project',
  PROJECT_ID,
  '--export-on-exit',
  exportDir,
];
if (existsSync(join(exportDir, 'firebase-export-metadata.json'))) emulatorArgs.push('--import', exportDir);
const emulators = spawnChild(firebaseBin(), emulatorArgs, {
  env: emulatorEnv(),
  stdio: ['ignore', 'inherit', 'inherit'],
});
children.push(emulators);
emulators.on('exit', (code) => {
  if (!stopping) {
    console.error(`The emulators exited (${code}). See the log above; ports in use? (README: Troubleshooting)`);
    stop(1);
  }
});

// Ready when the functions have loaded: the media function refuses this unsigned path itself (a 4xx of its
// own), where the emulator answers 404 while the function does not exist yet.
await waitForHttp(
  `http://${HOSTS.functions}/${PROJECT_ID}/us-central1/media/ping`,
  180_000,
  (r) => r.status >= 400 && r.status < 500 && r.status !== 404,
);

// The seed prints the demo accounts; they go into the banner below.
const seeded = spawnSync(npx('tsx'), ['functions/src/scripts/seed-cli.ts'], {
  cwd: ROOT,
  env: { ...process.env, ...clientEnv() },
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (seeded.status !== 0) stop(1);

// Scheduled jobs, each at its own interval from the registry (functions/src/schedules/jobs.ts): the emulator does not run onSchedule.
children.push(
  spawnChild(process.execPath, ['--import', 'tsx', 'functions/src/scripts/dev-cron.ts'], {
    env: { ...process.env, ...clientEnv() },
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
);

const web = spawnChild(npx('vite'), ['--host', '127.0.0.1', '--port', String(WEB_PORT), '--strictPort'], {
  cwd: join(ROOT, 'web'),
  stdio: ['ignore', 'ignore', 'inherit'],
});
children.push(web);
await waitForHttp(`http://127.0.0.1:${WEB_PORT}/`, 60_000);

console.log(`
  Commons is running.

  App:        http://127.0.0.1:${WEB_PORT}/ (Vite, hot reload; public pages rendered in the browser)
  Hosting:    http://${HOSTS.hosting}/ (the build, public pages rendered on the server as in production)
  Emulators:  auth ${HOSTS.auth} · firestore ${HOSTS.firestore} · functions ${HOSTS.functions}
  Stripe:     local twin on ${STRIPE_TWIN.url} (test card 4242 4242 4242 4242; no real payments)
  Mail:       every email lands in the dev inbox at ${MAIL_CAPTURE.url}/
  Chat:       Slack and Telegram announcements land at ${CHAT_CATCHER.url}/
  Zoom:       local twin at ${ZOOM_TWIN.url}/ (meetings of Zoom events; "End meeting" makes the recording)
  Calendars:  published events mirrored to the Google Calendar twin ${GCAL_TWIN.url}/, public ones to the Luma twin ${LUMA_TWIN.url}/
  Courses:    the GitHub twin ${GITHUB_TWIN.url}/ serves examples/courses; "Push main" syncs it again (reports: /admin/courses/syncs)

  ${seeded.stdout.trim().split('\n').join('\n  ')}
  Data persists in .data/ between runs; \`npm start -- --fresh\` starts over. Ctrl-C stops everything.
`);

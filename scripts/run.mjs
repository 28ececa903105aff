// Small process helpers shared by the start, test and bench scripts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHAT_CATCHER,
  EMULATORS,
  GCAL_TWIN,
  GITHUB_TWIN,
  LUMA_TWIN,
  MAIL_CAPTURE,
  PROJECT_ID,
  ROOT,
  STRIPE_TWIN,
  ZOOM_TWIN,
  emulatorConfigArgs,
  emulatorEnv,
  firebaseBin,
  localSecret,
  stripeTwinEnv,
  zoomTwinEnv,
} from './emulators.mjs';

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

export function runOrExit(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} exited with ${code}`);
    process.exit(code);
  }
}

/** `npm ci` when node_modules is missing or older than the lockfile, so a fresh clone just works. */
export function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  runOrExit('npm', ['ci', '--no-audit', '--no-fund']);
}

export const npx = (bin) => join(ROOT, 'node_modules', '.bin', bin);

/** Wait until `url` answers (any HTTP status) or give up after `ms`. */
export async function waitForHttp(url, ms, isReady = () => true) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (await isReady(res)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${url}`);
}

export function spawnChild(cmd, args, opts = {}) {
  return spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
}

/** Start one of the local twins (a tsx CLI) and wait until its health URL answers 2xx. */
async function startLocalService(script, env, healthUrl, stdio = ['ignore', 'ignore', 'inherit']) {
  // One process (node with tsx's loader, no wrapper), so a signal reaches the service itself.
  const child = spawnChild(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio });
  try {
    await waitForHttp(healthUrl, 30_000, (r) => r.ok);
  } catch (err) {
    child.kill('SIGTERM'); // a service that never answered must not keep its port from the next run
    throw err;
  }
  return child;
}

/**
 * The local Stripe twin. `dataFile` keeps its state across restarts (npm start); tests start it empty.
 */
export const startStripeTwin = ({ dataFile, stdio } = {}) =>
  startLocalService(
    'functions/src/adapters/stripe/twin/twin-cli.ts',
    stripeTwinEnv(dataFile ? { STRIPE_TWIN_DATA: dataFile } : {}),
    `${STRIPE_TWIN.url}/_twin/health`,
    stdio,
  );

/** The local SMTP capture (inbox on MAIL_CAPTURE.url). */
export const startMailCapture = ({ dataFile, stdio } = {}) =>
  startLocalService(
    'functions/src/adapters/mail/twin/mail-capture-cli.ts',
    {
      MAIL_CAPTURE_SMTP_PORT: String(MAIL_CAPTURE.smtpPort),
      MAIL_CAPTURE_HTTP_PORT: String(MAIL_CAPTURE.httpPort),
      MAIL_CAPTURE_BOUNCE_WEBHOOK_URL: MAIL_CAPTURE.webhookUrl,
      MAIL_CAPTURE_BOUNCE_WEBHOOK_AUTH: MAIL_CAPTURE.webhookAuth,
      ...(dataFile ? { MAIL_CAPTURE_DATA: dataFile } : {}),
    },
    `${MAIL_CAPTURE.url}/api/health`,
    stdio,
  );

/** The local Slack/Telegram catcher (announcements, SCIM). */
export const startChatCatcher = ({ stdio } = {}) =>
  startLocalService(
    'functions/src/adapters/chat/twin/chat-catcher-cli.ts',
    { CHAT_CATCHER_PORT: String(CHAT_CATCHER.port) },
    `${CHAT_CATCHER.url}/_catcher/health`,
    stdio,
  );

/** The local Zoom twin (meetings, recordings, the signed recording.completed webhook). */
export const startZoomTwin = ({ dataFile, stdio } = {}) =>
  startLocalService(
    'functions/src/adapters/zoom/twin/twin-cli.ts',
    zoomTwinEnv(dataFile ? { ZOOM_TWIN_DATA: dataFile } : {}),
    `${ZOOM_TWIN.url}/_twin/health`,
    stdio,
  );

/** The Google Calendar twin, checking JWT signatures with the demo service account key. */
export const startGcalTwin = ({ stdio } = {}) =>
  startLocalService(
    'functions/src/adapters/gcal/twin/gcal-twin-cli.ts',
    {
      GCAL_TWIN_PORT: String(GCAL_TWIN.port),
      GCAL_TWIN_SERVICE_ACCOUNT_KEY: localSecret('GOOGLE_SERVICE_ACCOUNT_KEY'),
    },
    `${GCAL_TWIN.url}/_twin/health`,
    stdio,
  );

/** The Luma twin (events, guests; a page to add a guest). */
export const startLumaTwin = ({ stdio } = {}) =>
  startLocalService(
    'functions/src/adapters/luma/twin/luma-twin-cli.ts',
    { LUMA_TWIN_PORT: String(LUMA_TWIN.port), LUMA_TWIN_API_KEY: LUMA_TWIN.apiKey },
    `${LUMA_TWIN.url}/_twin/health`,
    stdio,
  );

/** The GitHub twin (the course repository: examples/courses, pushes to githubWebhook). */
export const startGitHubTwin = ({ stdio, dir } = {}) =>
  startLocalService(
    'functions/src/adapters/github/twin/github-twin-cli.ts',
    {
      GITHUB_TWIN_PORT: String(GITHUB_TWIN.port),
      GITHUB_REPO: GITHUB_TWIN.repo,
      GITHUB_TOKEN: localSecret('GITHUB_TOKEN'),
      GITHUB_WEBHOOK_SECRET: localSecret('GITHUB_WEBHOOK_SECRET'),
      GITHUB_TWIN_WEBHOOK_URL: GITHUB_TWIN.webhookUrl,
      GITHUB_TWIN_DIR: dir ?? 'examples/courses',
    },
    `${GITHUB_TWIN.url}/_twin/health`,
    stdio,
  );

/** Every local twin the functions talk to in the demo project; returns the child processes. */
export async function startLocalTwins({ dataDir } = {}) {
  const started = await Promise.allSettled([
    startStripeTwin(dataDir ? { dataFile: `${dataDir}/stripe-twin.json` } : {}),
    startMailCapture(dataDir ? { dataFile: `${dataDir}/mail.jsonl` } : {}),
    startChatCatcher(),
    startZoomTwin(dataDir ? { dataFile: `${dataDir}/zoom-twin.json` } : {}),
    startGcalTwin(),
    startLumaTwin(),
    startGitHubTwin(),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (!failed) return started.map((s) => s.value);
  // One twin that did not start fails the run; the others stop with it instead of holding their ports.
  for (const s of started) if (s.status === 'fulfilled') s.value.kill('SIGTERM');
  throw failed.reason;
}

/** Runs `command` inside `firebase emulators:exec` (Auth, Firestore, Functions, Hosting); returns its exit code. */
export function emulatorsExec(command, only = EMULATORS) {
  const args = ['emulators:exec', ...emulatorConfigArgs(), '--only', only, '--project', PROJECT_ID, command];
  return run(firebaseBin(), args, { env: emulatorEnv() });
}

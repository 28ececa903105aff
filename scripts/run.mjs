// Small process helpers shared by the start, test and bench scripts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, STRIPE_TWIN, stripeTwinEnv } from './emulators.mjs';

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

/**
 * Start the local Stripe twin and wait until it answers. `dataFile` keeps its state across restarts
 * (npm start); tests start it empty. Returns the child process.
 */
export async function startStripeTwin({ dataFile, stdio = ['ignore', 'ignore', 'inherit'] } = {}) {
  const env = stripeTwinEnv(dataFile ? { STRIPE_TWIN_DATA: dataFile } : {});
  const child = spawnChild(npx('tsx'), ['functions/src/adapters/stripe/twin/twin-cli.ts'], { env, stdio });
  await waitForHttp(`${STRIPE_TWIN.url}/_twin/health`, 30_000, (r) => r.ok);
  return child;
}

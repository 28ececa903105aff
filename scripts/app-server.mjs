// Where the built app is served for the bench: one place, so the bench measures whatever `npm run build` and
// the emulators serve. BENCH_BASE_URL points the bench at an app already running (say the Hosting emulator
// once public routes are rendered by a function); without it the build is served here as production serves
// it (static files, every path falling back to index.html).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './emulators.mjs';
import { npx, waitForHttp } from './run.mjs';

const PREVIEW_PORT = 4174;

/** Starts (or finds) the served app; `stop()` ends what this started. */
export async function serveBuiltApp() {
  const external = process.env.BENCH_BASE_URL?.replace(/\/$/, '');
  if (external) {
    await waitForHttp(`${external}/`, 30_000);
    return { baseUrl: external, stop: () => {} };
  }
  const server = spawn(
    npx('vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(PREVIEW_PORT), '--strictPort'],
    { cwd: join(ROOT, 'web'), stdio: 'ignore' },
  );
  const baseUrl = `http://127.0.0.1:${PREVIEW_PORT}`;
  await waitForHttp(`${baseUrl}/`, 30_000);
  return { baseUrl, stop: () => server.kill() };
}

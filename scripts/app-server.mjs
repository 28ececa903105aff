// Where the built app is served for the bench: one place. Inside the emulator session the Hosting emulator
// serves it as production does (web/dist with firebase.json's rewrites and headers: public pages rendered by
// the `ssr` function, every other path the app shell). BENCH_BASE_URL points the bench at another server.
import { HOSTS } from './emulators.mjs';
import { waitForHttp } from './run.mjs';

/** The served app's base URL, once it answers. */
export async function servedApp() {
  const baseUrl = (process.env.BENCH_BASE_URL ?? `http://${HOSTS.hosting}`).replace(/\/$/, '');
  await waitForHttp(`${baseUrl}/`, 30_000);
  return { baseUrl };
}

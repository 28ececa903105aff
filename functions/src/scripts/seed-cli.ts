// `npm run seed [-- --fresh]`: demo data into the running emulators. Refuses to touch a real project.
import { resolve } from 'node:path';
import { localMediaStorage } from '../adapters/storage/twin/local-storage';
import { depsFromEnv, type AppDeps } from '../app/deps';
import { mapEnv } from '../app/params';
import { setupStripePrices } from '../billing/stripe-prices';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from './seed';
import { seedCourses } from './seed-courses';

/** The demo sells through the local Stripe twin; without it running, checkout stays unavailable. */
async function twinPrices(deps: AppDeps, url: string): Promise<string> {
  const up = await fetch(`${url}/_twin/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!up) return `Stripe twin not reachable at ${url}: plans have no prices, checkout is unavailable.`;
  const report = await setupStripePrices(deps.stripe, deps.db);
  return `Stripe twin prices: ${report.created.length} created, ${report.kept.length} already there.`;
}

async function main() {
  const project = process.env.GCLOUD_PROJECT ?? 'demo-commons';
  process.env.GCLOUD_PROJECT = project;
  process.env.FIRESTORE_EMULATOR_HOST ??= '127.0.0.1:8080';
  process.env.FIREBASE_AUTH_EMULATOR_HOST ??= '127.0.0.1:9099';
  if (!project.startsWith('demo-')) throw new Error(`Refusing to seed ${project}: only demo- projects are seeded.`);
  process.env.LOCAL_MEDIA_DIR ??= resolve(__dirname, '..', '..', '..', '.data', 'storage');

  if (process.argv.includes('--fresh')) {
    const base = `http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${project}/databases/(default)/documents`;
    await fetch(base, { method: 'DELETE' });
    await fetch(`http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/emulator/v1/projects/${project}/accounts`, {
      method: 'DELETE',
    });
  }
  const twinUrl = process.env.STRIPE_TWIN_URL ?? 'http://127.0.0.1:12111';
  const deps = depsFromEnv(
    mapEnv({
      ...process.env,
      STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY ?? 'sk_test_commons_twin',
      STRIPE_API_BASE: twinUrl,
    }),
  );
  const report = await seed({ db: deps.db, auth: deps.auth, storage: localMediaStorage() });
  const prices = await twinPrices(deps, twinUrl);
  const courses = await seedCourses(
    { db: deps.db, storage: localMediaStorage() },
    process.env.GITHUB_TWIN_URL ?? 'http://127.0.0.1:8130',
  );
  console.log(
    [
      `Demo accounts (password: ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(20)} ${a.admin ? 'admin' : (a.tier ?? 'free')}`),
      `Materials: ${report.materialsCreated} created, ${report.materialsKept} already there.`,
      `Events: ${report.eventsCreated} created, ${report.eventsKept} already there.`,
      prices,
      courses,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

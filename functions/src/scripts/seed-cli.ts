// `npm run seed [-- --fresh]`: demo data into the running emulators. Refuses to touch a real project.
import { resolve } from 'node:path';
import { localMediaStorage } from '../adapters/storage';
import { auth, db } from '../app/firebase';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from './seed';

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
    await fetch(`http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/emulator/v1/projects/${project}/accounts`, { method: 'DELETE' });
  }
  const report = await seed({ db: db(), auth: auth(), storage: localMediaStorage() });
  console.log(
    [
      `Demo accounts (password: ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(20)} ${a.admin ? 'admin' : (a.tier ?? 'free')}`),
      `Materials: ${report.materialsCreated} created, ${report.materialsKept} already there.`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

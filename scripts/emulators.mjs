// How this project runs the Firebase emulators, shared by `npm start`, `npm test` and `npm run bench`.
// The Firestore emulator: firebase-tools downloads its own jar on a machine with Java 21 and internet;
// on machines with Java 17 and no download (see docs/architecture.md, "Running locally") we run the Cloud SDK's emulator
// through a tiny launcher jar, built once into .cache/.
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLocalFirebaseConfig } from './hosting-headers.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECT_ID = 'demo-commons';
// Hosting serves web/dist with firebase.json's rewrites: public pages from the `ssr` function, as in production.
// Tasks: the Cloud Tasks emulator, which dispatches task-queue functions (the recording ingest worker).
export const EMULATORS = 'auth,firestore,functions,hosting,tasks';
export const HOSTS = {
  auth: '127.0.0.1:9099',
  firestore: '127.0.0.1:8080',
  functions: '127.0.0.1:5001',
  hosting: '127.0.0.1:4173',
  hub: '127.0.0.1:4400',
  tasks: '127.0.0.1:9499',
};
/**
 * The local Stripe twin (functions/src/adapters/stripe/twin) that the functions' Stripe SDK talks to in
 * the demo project (STRIPE_API_BASE in functions/.env.demo-commons). These keys are not secrets.
 */
export const STRIPE_TWIN = {
  port: 12111,
  url: 'http://127.0.0.1:12111',
  secretKey: 'sk_test_commons_twin',
  webhookSecret: 'whsec_commons_twin',
  webhookUrl: `http://127.0.0.1:5001/demo-commons/us-central1/stripeWebhook`,
};

/**
 * The local Zoom twin (functions/src/adapters/zoom/twin): OAuth, meetings and recordings API, a page per
 * meeting with "End meeting" (http://127.0.0.1:8100). ZOOM_API_BASE/ZOOM_OAUTH_BASE in
 * functions/.env.demo-commons point the functions at it. These values are not secrets.
 */
export const ZOOM_TWIN = {
  port: 8100,
  url: 'http://127.0.0.1:8100',
  accountId: 'twin-account',
  clientId: 'twin-client-id',
  clientSecret: 'twin-client-secret',
  webhookSecret: 'twin-webhook-secret-token',
  webhookUrl: `http://127.0.0.1:5001/demo-commons/us-central1/zoomWebhook`,
};
/** Signs the Zoom webhook deliveries to the local `zoomWebhook` (the Zoom twin and the tests sign with it). */
export const ZOOM_WEBHOOK_SECRET = ZOOM_TWIN.webhookSecret;

/**
 * The Functions emulator reads secrets (defineSecret) from functions/.secret.local. Write the twin's
 * values there unless the developer has put their own (e.g. Stripe test-mode keys).
 */
export function ensureLocalSecrets() {
  const file = join(ROOT, 'functions', '.secret.local');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const wanted = {
    STRIPE_SECRET_KEY: STRIPE_TWIN.secretKey,
    STRIPE_WEBHOOK_SECRET: STRIPE_TWIN.webhookSecret,
    MAIL_API_KEY: 'none-for-the-local-capture',
    UNSUBSCRIBE_SECRET: '1:demo-unsubscribe-secret', // versioned keys, newest first (domain/link-tokens.ts)
    POSTMARK_WEBHOOK_AUTH: MAIL_CAPTURE.webhookAuth,
    TELEGRAM_BOT_TOKEN: 'demo-bot-token',
    // "none": no SCIM, so the admin's to-deactivate / to-reactivate lists show in the demo.
    SLACK_SCIM_TOKEN: 'none',
    ZOOM_CLIENT_SECRET: ZOOM_TWIN.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: ZOOM_TWIN.webhookSecret,
    // Event mirrors against their twins: a service account key made here (its base64, one line) and Luma's key.
    GOOGLE_SERVICE_ACCOUNT_KEY: () => demoServiceAccountKey(),
    LUMA_API_KEY: LUMA_TWIN.apiKey,
    GITHUB_TOKEN: GITHUB_TWIN.token,
    GITHUB_WEBHOOK_SECRET: GITHUB_TWIN.webhookSecret,
  };
  const missing = Object.entries(wanted).filter(([k]) => !new RegExp(`^${k}=`, 'm').test(current));
  if (missing.length === 0) return;
  const lines = missing.map(([k, v]) => `${k}=${typeof v === 'function' ? v() : v}`).join('\n');
  writeFileSync(file, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${lines}\n`);
}

/** A service account key for the Google Calendar twin (never a real one), as base64 of the key JSON. */
function demoServiceAccountKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = {
    type: 'service_account',
    client_email: 'commons-calendar@demo-commons.iam.gserviceaccount.com',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  return Buffer.from(JSON.stringify(key)).toString('base64');
}

/** A value from functions/.secret.local (after ensureLocalSecrets), e.g. for a twin that checks it. */
export function localSecret(name) {
  ensureLocalSecrets();
  const text = readFileSync(join(ROOT, 'functions', '.secret.local'), 'utf8');
  return new RegExp(`^${name}=(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
}

/** The Google Calendar twin (GOOGLE_API_BASE / GOOGLE_TOKEN_URL in functions/.env.demo-commons). */
export const GCAL_TWIN = { port: 8110, url: 'http://127.0.0.1:8110' };
/** The Luma twin (LUMA_API_BASE); its API key is not a secret. */
export const LUMA_TWIN = { port: 8120, url: 'http://127.0.0.1:8120', apiKey: 'luma_twin_key' };
/**
 * The GitHub twin (GITHUB_API_BASE, GITHUB_REPO): serves examples/courses as the course repository; a push
 * sends the signed webhook to `githubWebhook`. Token and webhook secret are in .secret.local (not real ones).
 */
export const GITHUB_TWIN = {
  port: 8130,
  url: 'http://127.0.0.1:8130',
  repo: 'commons/courses',
  token: 'github_twin_token',
  webhookSecret: 'github-twin-webhook-secret',
  webhookUrl: `http://127.0.0.1:5001/${PROJECT_ID}/us-central1/githubWebhook`,
};

/**
 * The local SMTP capture (functions/src/adapters/mail/twin) every demo email goes to; its inbox is a web page.
 * Mail to *@bounce.test, *@soft-bounce.test and *@complaint.test comes back as Postmark's bounce and
 * spam-complaint webhooks to `postmarkWebhook`, with this basic auth (not a secret).
 */
export const MAIL_CAPTURE = {
  smtpPort: 1025,
  httpPort: 8025,
  url: 'http://127.0.0.1:8025',
  webhookUrl: `http://127.0.0.1:5001/${PROJECT_ID}/us-central1/postmarkWebhook`,
  webhookAuth: 'postmark:demo-webhook-password',
};
/** The local Slack webhook / Telegram Bot API / Slack SCIM catcher that announcements go to. */
export const CHAT_CATCHER = { port: 8090, url: 'http://127.0.0.1:8090' };

/** Environment for the twin process (started by `npm start`, the emulated tests and the bench). */
export function stripeTwinEnv(extra = {}) {
  return {
    ...process.env,
    STRIPE_TWIN_PORT: String(STRIPE_TWIN.port),
    STRIPE_TWIN_WEBHOOK_URL: STRIPE_TWIN.webhookUrl,
    STRIPE_WEBHOOK_SECRET: STRIPE_TWIN.webhookSecret,
    ...extra,
  };
}

/** Environment for the Zoom twin process. */
export function zoomTwinEnv(extra = {}) {
  return {
    ZOOM_TWIN_PORT: String(ZOOM_TWIN.port),
    ZOOM_ACCOUNT_ID: ZOOM_TWIN.accountId,
    ZOOM_CLIENT_ID: ZOOM_TWIN.clientId,
    ZOOM_CLIENT_SECRET: ZOOM_TWIN.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: ZOOM_TWIN.webhookSecret,
    ZOOM_WEBHOOK_URL: ZOOM_TWIN.webhookUrl,
    ...extra,
  };
}

const SDK_JAR = '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';

export function javaMajor() {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error) return 0;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out.stderr ?? '');
  if (!m) return 0;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

function findSdkJar() {
  if (existsSync(SDK_JAR)) return SDK_JAR;
  const listed = spawnSync('dpkg', ['-L', 'google-cloud-cli-firestore-emulator'], { encoding: 'utf8' });
  return (listed.stdout ?? '').split('\n').find((l) => l.endsWith('.jar') && existsSync(l));
}

/** A manifest wraps at 72 bytes with continuation lines starting with a space. */
function manifestLine(text) {
  const lines = [text.slice(0, 72)];
  for (let i = 72; i < text.length; i += 71) lines.push(' ' + text.slice(i, i + 71));
  return lines.join('\r\n');
}

function buildLauncher(sdkJar) {
  const dir = join(ROOT, '.cache', 'firestore-launcher');
  const jar = join(dir, 'launcher.jar');
  if (existsSync(jar)) return jar;
  mkdirSync(join(dir, 'META-INF'), { recursive: true });
  const manifest =
    ['Manifest-Version: 1.0', `Main-Class: ${MAIN_CLASS}`, `Class-Path: ${sdkJar}`].map(manifestLine).join('\r\n') +
    '\r\n\r\n';
  writeFileSync(join(dir, 'META-INF', 'MANIFEST.MF'), manifest);
  // A jar is a zip; python3's zipfile is on every machine of this kind, the JDK's `jar` may not be.
  execFileSync('python3', [
    '-c',
    'import sys,zipfile\nwith zipfile.ZipFile(sys.argv[1],"w") as z: z.write(sys.argv[2],"META-INF/MANIFEST.MF")',
    jar,
    join(dir, 'META-INF', 'MANIFEST.MF'),
  ]);
  return jar;
}

/** Environment for `firebase emulators:*`: quiet, offline-friendly, Firestore jar resolved. */
export function emulatorEnv(extra = {}) {
  ensureLocalSecrets();
  const env = {
    ...process.env,
    NO_UPDATE_NOTIFIER: '1',
    // Functions discovery otherwise waits ~10 s on `npm show` with no network.
    npm_config_offline: 'true',
    FIREBASE_CLI_EXPERIMENTS: process.env.FIREBASE_CLI_EXPERIMENTS ?? '',
    // The Functions emulator starts one runtime process per call in flight (50 by default): a burst such as the
    // 200 concurrent ballots of tests/integration/polls.test.ts then starts dozens at once, which fail to load on a
    // small machine. Calls beyond this many wait in the emulator's queue instead.
    FUNCTIONS_EMULATOR_PARALLEL: process.env.FUNCTIONS_EMULATOR_PARALLEL ?? '10',
    ...extra,
  };
  if (env.FIRESTORE_EMULATOR_BINARY_PATH) return env;
  const major = javaMajor();
  if (major === 0) throw new Error('Java is needed for the Firestore emulator: install a JRE (17 or 21).');
  const sdkJar = findSdkJar();
  if (sdkJar && (major < 21 || process.env.COMMONS_USE_SDK_FIRESTORE === '1')) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = buildLauncher(sdkJar);
  } else if (major < 21) {
    throw new Error(
      `Java ${major} found. firebase-tools 14 needs Java 21 to download its Firestore emulator, or install ` +
        'the Debian package google-cloud-cli-firestore-emulator (runs on Java 17).',
    );
  }
  return env;
}

/**
 * The options every emulator run starts with: non-interactive, on firebase.local.json (firebase.json with
 * the emulators allowed in the CSP's connect-src, so the served app may talk to them; scripts/hosting-headers.mjs).
 */
export function emulatorConfigArgs() {
  return ['--non-interactive', '--config', writeLocalFirebaseConfig(ROOT)];
}

export function firebaseBin() {
  return join(ROOT, 'node_modules', '.bin', 'firebase');
}

/** Environment for Admin SDK clients (seed, tests, bench) talking to the emulators. */
export function clientEnv() {
  return {
    FIRESTORE_EMULATOR_HOST: HOSTS.firestore,
    FIREBASE_AUTH_EMULATOR_HOST: HOSTS.auth,
    // Tasks enqueued outside the functions (dev-cron's ingest sweep) go to the Tasks emulator too.
    CLOUD_TASKS_EMULATOR_HOST: HOSTS.tasks,
    GCLOUD_PROJECT: PROJECT_ID,
    GOOGLE_CLOUD_PROJECT: PROJECT_ID,
  };
}

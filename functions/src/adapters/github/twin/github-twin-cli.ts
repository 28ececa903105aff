import { resolve } from 'node:path';
import { serveUntilSignal } from '../../twin/serve-until-signal';
import { startGitHubTwin } from './github-twin';

// Starts the GitHub twin for `npm start` and the emulated tests (scripts/emulators.mjs GITHUB_TWIN has the values):
//   npx tsx functions/src/adapters/github/twin/github-twin-cli.ts
// It serves GITHUB_TWIN_DIR (default examples/courses) as GITHUB_REPO; a push delivers to GITHUB_TWIN_WEBHOOK_URL.
const env = process.env;
serveUntilSignal(
  'GitHub twin',
  () =>
    startGitHubTwin({
      port: Number(env.GITHUB_TWIN_PORT || 8130),
      host: env.GITHUB_TWIN_HOST || '127.0.0.1',
      repo: env.GITHUB_REPO || 'commons/courses',
      token: env.GITHUB_TOKEN || 'github_twin_token',
      dir: resolve(env.GITHUB_TWIN_DIR || 'examples/courses'),
      branch: env.GITHUB_BRANCH || 'main',
      webhookUrl: env.GITHUB_TWIN_WEBHOOK_URL || 'http://127.0.0.1:5001/demo-commons/us-central1/githubWebhook',
      webhookSecret: env.GITHUB_WEBHOOK_SECRET || 'github-twin-webhook-secret',
    }),
  (twin) => `GitHub twin on ${twin.url}`,
);

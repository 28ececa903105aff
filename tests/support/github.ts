// GitHub webhook deliveries to the emulated `githubWebhook`, signed as GitHub signs them, and pushes through the
// GitHub twin (which `scripts/test-emulated.mjs` starts with the other twins).
import { randomUUID } from 'node:crypto';
import { gitHubSignature } from '../../functions/src/adapters/github/webhook-signature';
import type { GitHubDelivery } from '../../functions/src/adapters/github/twin/github-twin';
import { FUNCTIONS } from './emulators';

/** The demo project's GITHUB_WEBHOOK_SECRET and repository: `GITHUB_TWIN` in scripts/emulators.mjs. */
export const GITHUB_WEBHOOK_SECRET = 'github-twin-webhook-secret';
export const GITHUB_REPO = 'commons/courses';
export const GITHUB_TWIN_URL = 'http://127.0.0.1:8130';

/** A push payload as GitHub sends it (the fields githubWebhook reads, and a few it ignores). */
export const pushBody = (
  over: { ref?: string; after?: string; deleted?: boolean; repo?: string; pushedAt?: number } = {},
) => ({
  ref: over.ref ?? 'refs/heads/main',
  before: '0'.repeat(40),
  after: over.after ?? 'a'.repeat(40),
  created: false,
  deleted: over.deleted ?? false,
  forced: false,
  commits: [],
  repository: {
    id: 1,
    full_name: over.repo ?? GITHUB_REPO,
    private: true,
    pushed_at: over.pushedAt ?? Math.floor(Date.now() / 1000),
  },
  sender: { login: 'author' },
});

/** POSTs `body` to githubWebhook with GitHub's headers; `signature: null` leaves the header out. */
export async function postGitHubWebhook(
  body: unknown,
  opts: { event?: string; delivery?: string; secret?: string; signature?: string | null } = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signature =
    opts.signature === undefined ? gitHubSignature(opts.secret ?? GITHUB_WEBHOOK_SECRET, raw) : opts.signature;
  return fetch(`${FUNCTIONS}/githubWebhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': opts.event ?? 'push',
      'x-github-delivery': opts.delivery ?? randomUUID(),
      ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
    },
    body: raw,
  });
}

/** Snapshots `dir` in the GitHub twin and delivers its push to githubWebhook; the delivery (commit, outcome). */
export async function twinPush(
  dir: string,
  opts: { branch?: string; deleted?: boolean } = {},
): Promise<GitHubDelivery> {
  const res = await fetch(`${GITHUB_TWIN_URL}/_twin/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ dir, ...opts }),
  });
  if (!res.ok) throw new Error(`GitHub twin push: ${res.status} ${await res.text()}`);
  return (await res.json()) as GitHubDelivery;
}

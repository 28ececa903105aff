import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../../../shared/html';
import { serveTwin, type TwinReply, type TwinRequest } from '../../twin/http-twin';
import { postWebhook, type WebhookAttempts } from '../../twin/post-webhook';
import { gitHubSignature } from '../webhook-signature';

/**
 * Local twin of the GitHub REST API the course sync uses, serving a local folder as a private repository, in
 * GitHub's wire format (see ../github-api.ts):
 *
 *   GET  /repos/{owner}/{repo}/git/trees/{sha}[?recursive=1]   a commit's (or a folder's) tree; `truncated`
 *                                                              past `maxTreeEntries`, as GitHub past its limit
 *   GET  /repos/{owner}/{repo}/git/blobs/{sha}                 a file, base64 in 60-character lines
 *   POST /_twin/push  {dir?, branch?, deleted?}   takes a snapshot of the folder (the commit's sha is a hash of
 *                     its content) and sends GitHub's signed `push` webhook; answers the delivery
 *   GET  /            the commits and deliveries, a button that pushes the folder
 *   GET  /_twin/health
 *
 * Every /repos call needs `Authorization: Bearer <token>` (401 "Bad credentials" otherwise); another repository
 * is 404, as for a token that cannot see it.
 */

export interface GitHubTwinOptions {
  port?: number;
  host?: string;
  /** `owner/name`. */
  repo: string;
  token: string;
  /** The folder a push snapshots unless it names another. */
  dir: string;
  branch?: string;
  /** Where pushes are delivered (the `githubWebhook` function); none: snapshots only. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Entries a recursive tree lists before it says `truncated` (GitHub: 100,000). */
  maxTreeEntries?: number;
  retryDelaysMs?: readonly number[];
}

interface Blob {
  sha: string;
  bytes: Buffer;
}
interface TreeNode {
  sha: string;
  /** Direct children: name → a blob or a subtree. */
  entries: Map<string, { type: 'blob'; blob: Blob } | { type: 'tree'; tree: TreeNode }>;
}
interface Commit {
  sha: string;
  root: TreeNode;
  at: Date;
}

export interface GitHubDelivery extends WebhookAttempts {
  id: string;
  commit: string;
  branch: string;
}

export interface GitHubTwin {
  url: string;
  port: number;
  /** Snapshots `dir` (default: the twin's folder) as a commit and delivers its push; resolves after delivery. */
  push(opts?: { dir?: string; branch?: string; deleted?: boolean }): Promise<GitHubDelivery>;
  /** A snapshot of `dir` as a commit, without a push; its sha. */
  commit(dir?: string): string;
  deliveries(): GitHubDelivery[];
  close(): Promise<void>;
}

const sha1 = (data: Buffer | string) => createHash('sha1').update(data).digest('hex');
/** Git's own blob id, so a file's sha is what `git hash-object` says. */
const blobSha = (bytes: Buffer) => sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));

/** The folder as nested trees; dot-files and dot-folders (.git) are not part of the repository. */
function snapshotDir(dir: string, blobs: Map<string, Blob>, trees: Map<string, TreeNode>): TreeNode {
  const entries: TreeNode['entries'] = new Map();
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const d of names) {
    const full = join(dir, d.name);
    if (d.isDirectory()) entries.set(d.name, { type: 'tree', tree: snapshotDir(full, blobs, trees) });
    else if (d.isFile()) {
      const bytes = readFileSync(full);
      const blob = { sha: blobSha(bytes), bytes };
      blobs.set(blob.sha, blob);
      entries.set(d.name, { type: 'blob', blob });
    }
  }
  const listing = [...entries].map(([name, e]) => `${e.type} ${name} ${e.type === 'blob' ? e.blob.sha : e.tree.sha}`);
  const node = { sha: sha1(`tree\n${listing.join('\n')}`), entries };
  trees.set(node.sha, node);
  return node;
}

export async function startGitHubTwin(options: GitHubTwinOptions): Promise<GitHubTwin> {
  const blobs = new Map<string, Blob>();
  const trees = new Map<string, TreeNode>();
  const commits = new Map<string, Commit>();
  const deliveries: GitHubDelivery[] = [];
  const defaultBranch = options.branch ?? 'main';
  const maxEntries = options.maxTreeEntries ?? 100_000;
  let baseUrl = '';
  let closed = false;
  let lastPushedAt = 0;

  const gitError = (status: number, message: string): TwinReply => ({
    status,
    json: { message, documentation_url: 'https://docs.github.com/rest', status: String(status) },
  });

  function commitOf(dir = options.dir): string {
    const root = snapshotDir(dir, blobs, trees);
    // The commit's sha hashes its content: the same folder is the same commit, any change is a new one.
    const sha = sha1(`commit\n${root.sha}`);
    if (!commits.has(sha)) commits.set(sha, { sha, root, at: new Date() });
    return sha;
  }

  function listTree(node: TreeNode, prefix: string, recursive: boolean, out: object[]) {
    for (const [name, e] of node.entries) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (e.type === 'blob') {
        const url = `${baseUrl}/repos/${options.repo}/git/blobs/${e.blob.sha}`;
        out.push({ path, mode: '100644', type: 'blob', sha: e.blob.sha, size: e.blob.bytes.length, url });
      } else {
        const url = `${baseUrl}/repos/${options.repo}/git/trees/${e.tree.sha}`;
        out.push({ path, mode: '040000', type: 'tree', sha: e.tree.sha, url });
        if (recursive) listTree(e.tree, path, true, out);
      }
    }
  }

  function api(req: TwinRequest, rest: string): TwinReply {
    const tree = /^git\/trees\/([^/]+)$/.exec(rest);
    if (tree && req.method === 'GET') {
      const ref = decodeURIComponent(tree[1]!);
      const node = commits.get(ref)?.root ?? trees.get(ref);
      if (!node) return gitError(404, 'Not Found');
      const recursive = Boolean(req.url.searchParams.get('recursive'));
      const all: object[] = [];
      listTree(node, '', recursive, all);
      const truncated = all.length > maxEntries;
      const url = `${baseUrl}/repos/${options.repo}/git/trees/${node.sha}`;
      return { json: { sha: node.sha, url, tree: truncated ? all.slice(0, maxEntries) : all, truncated } };
    }
    const blob = /^git\/blobs\/([0-9a-f]{40})$/.exec(rest);
    if (blob && req.method === 'GET') {
      const found = blobs.get(blob[1]!);
      if (!found) return gitError(404, 'Not Found');
      const content = (found.bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n');
      return {
        json: {
          sha: found.sha,
          node_id: `B_${found.sha.slice(0, 12)}`,
          size: found.bytes.length,
          url: `${baseUrl}/repos/${options.repo}/git/blobs/${found.sha}`,
          content: content ? `${content}\n` : '',
          encoding: 'base64',
        },
      };
    }
    return gitError(404, 'Not Found');
  }

  async function push(opts: { dir?: string; branch?: string; deleted?: boolean } = {}): Promise<GitHubDelivery> {
    const branch = opts.branch ?? defaultBranch;
    const after = opts.deleted ? '0'.repeat(40) : commitOf(opts.dir);
    // pushed_at is in seconds; successive pushes get increasing ones, as they would on GitHub.
    lastPushedAt = Math.max(lastPushedAt + 1, Math.floor(Date.now() / 1000));
    const [owner, name] = options.repo.split('/');
    const body = JSON.stringify({
      ref: `refs/heads/${branch}`,
      before: '0'.repeat(40),
      after,
      created: false,
      deleted: Boolean(opts.deleted),
      forced: false,
      base_ref: null,
      compare: `https://github.com/${options.repo}/compare`,
      commits: [],
      head_commit: opts.deleted ? null : { id: after, message: 'Course content', timestamp: new Date().toISOString() },
      repository: {
        id: 1,
        name,
        full_name: options.repo,
        private: true,
        owner: { login: owner, name: owner },
        default_branch: defaultBranch,
        master_branch: defaultBranch,
        pushed_at: lastPushedAt,
      },
      pusher: { name: 'author', email: 'author@example.test' },
      sender: { login: 'author', id: 1, type: 'User' },
    });
    const delivery: GitHubDelivery = { id: randomUUID(), commit: after, branch, status: 'pending', attempts: 0 };
    deliveries.unshift(delivery);
    if (!options.webhookUrl) return { ...delivery, status: 'failed', error: 'no webhook URL' };
    await postWebhook({
      url: options.webhookUrl,
      body,
      headers: () => ({
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/twin',
        'x-github-event': 'push',
        'x-github-delivery': delivery.id,
        'x-github-hook-id': '1',
        'x-hub-signature-256': gitHubSignature(options.webhookSecret ?? '', body),
      }),
      retryDelaysMs: options.retryDelaysMs ?? [1000, 5000],
      delivery,
      stopped: () => closed,
    });
    return delivery;
  }

  function page(): string {
    const rows = deliveries
      .map(
        (d) =>
          `<tr><td>${escapeHtml(d.branch)}</td><td><code>${escapeHtml(d.commit.slice(0, 12))}</code></td><td>${escapeHtml(d.status)}</td><td>${d.responseStatus ?? escapeHtml(d.error ?? '')}</td></tr>`,
      )
      .join('');
    return `<!doctype html><meta charset="utf-8"><title>GitHub twin</title>
<h1>GitHub twin: ${escapeHtml(options.repo)}</h1>
<p>Serves <code>${escapeHtml(options.dir)}</code> as the repository; a push snapshots it and sends the signed webhook.</p>
<form method="post" action="/_twin/push"><button>Push ${escapeHtml(defaultBranch)}</button></form>
<table><tr><th>Branch</th><th>Commit</th><th>Delivery</th><th>Answer</th></tr>${rows}</table>`;
  }

  async function handle(req: TwinRequest): Promise<TwinReply> {
    const path = req.url.pathname;
    if (path === '/_twin/health') return { json: { ok: true } };
    if (path === '/' && req.method === 'GET') return { html: page() };
    if (path === '/_twin/push' && req.method === 'POST') {
      const isJson = req.headers['content-type']?.includes('json');
      const opts = isJson && req.body ? (JSON.parse(req.body) as Parameters<typeof push>[0]) : {};
      const delivery = await push(opts);
      return isJson ? { json: delivery } : { redirect: '/' };
    }
    const prefix = `/repos/${options.repo}/`;
    if (!path.startsWith('/repos/')) return gitError(404, 'Not Found');
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`)
      return gitError(401, 'Bad credentials');
    if (!path.startsWith(prefix)) return gitError(404, 'Not Found');
    return api(req, path.slice(prefix.length));
  }

  const server = await serveTwin({ port: options.port, host: options.host }, handle);
  baseUrl = server.url;
  return {
    url: server.url,
    port: server.port,
    push,
    commit: commitOf,
    deliveries: () => deliveries,
    close: () => {
      closed = true;
      return server.close();
    },
  };
}

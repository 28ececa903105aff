// GitHub's REST API, the two endpoints the course sync reads a repository through (a fine-grained token with
// `contents:read` on that one repository is enough):
//   GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1   every path of the commit's tree
//   GET /repos/{owner}/{repo}/git/blobs/{sha}               one file's bytes, base64
// The local twin (twin/github-twin.ts) serves the same wire format from a folder.

/** A file of the tree at a commit. */
export interface GitFile {
  path: string;
  /** The blob's sha (git's hash of the content). */
  sha: string;
  size: number;
}

/** The port the sync reads a repository through. */
export interface GitHubRepo {
  /** Every file (blob) of the tree at `ref` (a commit sha), in full even when GitHub truncates the listing. */
  files(ref: string): Promise<GitFile[]>;
  /** A blob's bytes. */
  blob(sha: string): Promise<Buffer>;
}

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}
interface TreeResponse {
  sha: string;
  tree: TreeEntry[];
  truncated: boolean;
}
interface BlobResponse {
  sha: string;
  size: number;
  content: string;
  encoding: string;
}

export interface GitHubApiOptions {
  /** `owner/name`. */
  repo: string;
  token: string;
  /** Empty for https://api.github.com; the twin locally. */
  apiBase?: string;
  fetch?: typeof fetch;
}

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function gitHubApi(options: GitHubApiOptions): GitHubRepo {
  if (!REPO_NAME.test(options.repo) || options.repo.split('/').some((p) => /^\.+$/.test(p)))
    throw new Error(`GITHUB_REPO must be owner/name, not "${options.repo}"`);
  const base = (options.apiBase || 'https://api.github.com').replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;

  async function get<T>(path: string): Promise<T> {
    const res = await doFetch(`${base}/repos/${options.repo}${path}`, {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${options.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'commons-course-sync',
      },
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      throw new GitHubApiError(res.status, `GitHub ${res.status} on ${path}: ${body.message ?? res.statusText}`);
    }
    return (await res.json()) as T;
  }

  /** One tree level (non-recursive): what a truncated recursive listing falls back to, folder by folder. */
  async function walk(sha: string, prefix: string, out: GitFile[]): Promise<void> {
    const level = await get<TreeResponse>(`/git/trees/${encodeURIComponent(sha)}`);
    if (level.truncated)
      throw new GitHubApiError(413, `The folder "${prefix || '/'}" has too many entries for GitHub's tree API`);
    for (const e of level.tree) {
      const path = prefix ? `${prefix}/${e.path}` : e.path;
      if (e.type === 'blob') out.push({ path, sha: e.sha, size: e.size ?? 0 });
      else if (e.type === 'tree') await walk(e.sha, path, out);
    }
  }

  return {
    async files(ref) {
      const whole = await get<TreeResponse>(`/git/trees/${encodeURIComponent(ref)}?recursive=1`);
      if (!whole.truncated) {
        return whole.tree
          .filter((e) => e.type === 'blob')
          .map((e) => ({ path: e.path, sha: e.sha, size: e.size ?? 0 }));
      }
      // Over GitHub's limit (100,000 entries or 7 MB): list it again level by level from the root tree.
      const out: GitFile[] = [];
      await walk(whole.sha, '', out);
      return out;
    },
    async blob(sha) {
      const blob = await get<BlobResponse>(`/git/blobs/${encodeURIComponent(sha)}`);
      if (blob.encoding !== 'base64') throw new GitHubApiError(502, `Blob ${sha} came as ${blob.encoding}, not base64`);
      const bytes = Buffer.from(blob.content, 'base64');
      if (bytes.length !== blob.size)
        throw new GitHubApiError(502, `Blob ${sha}: ${bytes.length} bytes, GitHub said ${blob.size}`);
      return bytes;
    },
  };
}

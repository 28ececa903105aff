// Where a sync reads the repository: a local folder (`npm run content:sync`) or GitHub at a commit (the push
// webhook). Both hand the parser the same `RepoFile[]`; asset bytes are read only when the sync uploads them.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { GitHubRepo } from '../../adapters/github/github-api';
import type { RepoFile } from '../../shared/courses';
import { parseCourseRepo, readRepoFolder } from '../format';
import type { LoadedRepo } from './course-sync';

/** Files the parser reads as text; everything else is an asset, listed by path and size. */
export const isTextFile = (path: string) => /\.(md|ya?ml)$/i.test(path);

/** Blob downloads in flight at once: GitHub allows bursts, not thousands of parallel requests. */
const CONCURRENCY = 8;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function folderLoader(dir: string): (accessLevels: string[]) => Promise<LoadedRepo> {
  const root = resolve(dir);
  return async (accessLevels) => {
    const files = await readRepoFolder(root);
    const listed = new Set(files.map((f) => f.path));
    return {
      parsed: parseCourseRepo(files, accessLevels),
      readFile: async (path) => {
        const full = resolve(root, path);
        // Only files the listing had, so a path in a course file cannot read outside the folder.
        if (!listed.has(path) || !full.startsWith(root + sep)) throw new Error(`${path} is not a file of ${dir}`);
        return readFile(full);
      },
    };
  };
}

export function gitHubLoader(github: GitHubRepo, commit: string): (accessLevels: string[]) => Promise<LoadedRepo> {
  return async (accessLevels) => {
    const tree = await github.files(commit);
    const shas = new Map(tree.map((f) => [f.path, f.sha]));
    const files: RepoFile[] = await mapLimited(tree, CONCURRENCY, async (f) => ({
      path: f.path,
      size: f.size,
      text: isTextFile(f.path) ? (await github.blob(f.sha)).toString('utf8') : null,
    }));
    return {
      parsed: parseCourseRepo(files, accessLevels),
      readFile: async (path) => {
        const sha = shas.get(path);
        if (!sha) throw new Error(`${path} is not in commit ${commit}`);
        return github.blob(sha);
      },
    };
  };
}

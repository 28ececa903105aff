// Where a sync reads the repository: a local folder (`npm run content:sync`) or GitHub at a commit (the push
// webhook). Both hand the parser the same `RepoFile[]`; asset bytes are read only when the sync uploads them.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { GitHubRepo } from '../../adapters/github/github-api';
import type { RepoFile } from '../../shared/courses';
import { parseCourseRepo } from '../format/parse-course-repo';
import { readRepoFolder } from '../format/read-repo-folder';
import { FORMAT_LIMITS, isTextPath } from '../format/repo-files';
import type { LoadedRepo } from './course-sync';

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
    // Past the format's limits the parser refuses by size alone: such files are not downloaded.
    const fetchText = (f: (typeof tree)[number]) =>
      isTextPath(f.path) && f.size <= FORMAT_LIMITS.maxTextBytes && tree.length <= FORMAT_LIMITS.maxFiles;
    const files: RepoFile[] = await mapLimited(tree, CONCURRENCY, async (f) => ({
      path: f.path,
      size: f.size,
      text: fetchText(f) ? (await github.blob(f.sha)).toString('utf8') : isTextPath(f.path) ? '' : null,
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

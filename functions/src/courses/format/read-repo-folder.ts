// A local checkout of a course repository as the parser's file list (`npm run content:sync -- <folder>`).
// Hidden entries (.git, .github) are skipped and symlinks are not followed, so nothing outside the folder is read.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoFile } from '../../shared/courses';
import { isTextPath } from './repo-files';

export async function readRepoFolder(dir: string): Promise<RepoFile[]> {
  const files: RepoFile[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const full = join(dir, path);
        const { size } = await stat(full);
        files.push({ path, size, text: isTextPath(path) ? await readFile(full, 'utf8') : null });
      }
    }
  }
  await walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

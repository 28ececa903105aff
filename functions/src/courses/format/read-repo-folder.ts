// A local checkout of a course repository as the parser's file list (`npm run content:sync -- <folder>`).
// Hidden entries (.git, .github) are skipped and symlinks are not followed, so nothing outside the folder is read.
// Over-large text files and invalid UTF-8 are passed with `text: null`: the parser reports them with the path.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoFile } from '../../shared/courses';
import { FORMAT_LIMITS, isTextPath } from './repo-files';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readRepoFolder(dir: string): Promise<RepoFile[]> {
  const files: RepoFile[] = [];
  // One past the limit is enough for the parser to refuse the repository; walking further would only cost.
  const enough = () => files.length > FORMAT_LIMITS.maxFiles;
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (enough()) return;
      if (entry.name.startsWith('.')) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const full = join(dir, path);
        const { size } = await stat(full);
        files.push({ path, size, text: isTextPath(path) ? await readText(full, size) : null });
      }
    }
  }
  await walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function readText(full: string, size: number): Promise<string | null> {
  if (size > FORMAT_LIMITS.maxTextBytes) return null;
  try {
    return utf8.decode(await readFile(full));
  } catch {
    return null;
  }
}

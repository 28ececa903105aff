import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRepoFolder } from './read-repo-folder';
import { FORMAT_LIMITS } from './repo-files';

describe('readRepoFolder', () => {
  let dir: string;
  let outside: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'course-repo-'));
    outside = await mkdtemp(join(tmpdir(), 'course-outside-'));
    await writeFile(join(outside, 'secret.md'), 'secret');
    await mkdir(join(dir, 'c/01-m'), { recursive: true });
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git/config'), '[core]');
    await writeFile(join(dir, 'c/.DS_Store'), 'x');
    await writeFile(join(dir, 'c/course.yaml'), 'title: Ünïcode ✓\n');
    await writeFile(join(dir, 'c/01-m/01-a.md'), '---\nid: a\n---\n');
    await writeFile(join(dir, 'c/01-m/clip.mp4'), Buffer.alloc(1234));
    await writeFile(join(dir, 'c/01-m/03-latin1.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    await writeFile(join(dir, 'c/01-m/04-huge.md'), Buffer.alloc(FORMAT_LIMITS.maxTextBytes + 1, 0x61));
    await symlink(join(outside, 'secret.md'), join(dir, 'c/01-m/02-link.md'));
    await symlink(outside, join(dir, 'c/linked-folder'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('lists files with repository paths: text for markdown and YAML, only the size of assets', async () => {
    expect(await readRepoFolder(dir)).toEqual([
      { path: 'c/01-m/01-a.md', text: '---\nid: a\n---\n', size: 14 },
      // Not UTF-8, and too large to read: listed without text, for the parser to report.
      { path: 'c/01-m/03-latin1.md', text: null, size: 6 },
      { path: 'c/01-m/04-huge.md', text: null, size: FORMAT_LIMITS.maxTextBytes + 1 },
      { path: 'c/01-m/clip.mp4', text: null, size: 1234 },
      { path: 'c/course.yaml', text: 'title: Ünïcode ✓\n', size: Buffer.byteLength('title: Ünïcode ✓\n') },
    ]);
  });
});

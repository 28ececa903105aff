import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalMediaStorage } from '../../adapters/storage/twin/local-storage';
import { makeCourseSpec } from '../../testing/course-factories';
import { contentTypeOf, courseAssetPaths, courseMediaPath, uploadAsset } from './course-assets';

describe('course assets', () => {
  it('lists the files a course references: a repository cover, file videos, attachments (once each)', () => {
    const spec = makeCourseSpec({ cover: 'data-engineering/cover.png' });
    spec.modules[1]!.units[0]!.video = { provider: 'file', ref: 'data-engineering/02-warehouse/intro.mp4' };
    spec.modules[1]!.units[0]!.attachments = [{ title: 'Again', path: 'data-engineering/01-basics/starter.zip' }];
    expect(courseAssetPaths(spec).sort()).toEqual([
      'data-engineering/01-basics/starter.zip',
      'data-engineering/02-warehouse/intro.mp4',
      'data-engineering/cover.png',
    ]);
    expect(courseAssetPaths(makeCourseSpec({ cover: 'https://example.com/c.png' }))).toEqual([
      'data-engineering/01-basics/starter.zip',
    ]);
  });

  it.each([
    ['data-engineering/01-basics/starter.zip', 'media/courses/data-engineering/01-basics/starter.zip'],
    ['shared/logo.png', 'media/courses/data-engineering/shared/logo.png'],
    ['data-engineering-old/x.pdf', 'media/courses/data-engineering/data-engineering-old/x.pdf'],
  ])('stores %s at %s', (repoPath, stored) => expect(courseMediaPath(makeCourseSpec(), repoPath)).toBe(stored));

  it.each([
    ['a.MP4', 'video/mp4'],
    ['a.pdf', 'application/pdf'],
    ['a.weird', 'application/octet-stream'],
  ])('%s is %s', (path, type) => expect(contentTypeOf(path)).toBe(type));

  it('uploads when missing or different, and not when the same bytes are there', async () => {
    const storage = new LocalMediaStorage(mkdtempSync(join(tmpdir(), 'assets-')), 'http://x/media', 'k');
    const path = 'media/courses/c/a.zip';
    expect(await uploadAsset(storage, path, Buffer.from('one'))).toMatchObject({ outcome: 'added', size: 3 });
    expect(await uploadAsset(storage, path, Buffer.from('one'))).toMatchObject({ outcome: 'kept' });
    expect(await uploadAsset(storage, path, Buffer.from('two'))).toMatchObject({ outcome: 'changed' });
    expect(await storage.describe(path)).toEqual({
      size: 3,
      md5: createHash('md5').update('two').digest('base64'),
    });
  });
});

// The repository files a course points at (cover, video files, attachments), copied to media storage only
// when missing or changed (size and MD5 against what the bucket reports).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { posix } from 'node:path';
import type { MediaStorage } from '../../adapters/storage';
import { courseMediaPrefix } from '../../shared/course-sync';
import type { CourseSpec } from '../../shared/courses';

/** The repository paths of the files a course references (a cover that is an https URL is not one). */
export function courseAssetPaths(spec: CourseSpec): string[] {
  const paths = new Set<string>();
  if (spec.cover && !/^https:\/\//.test(spec.cover)) paths.add(spec.cover);
  for (const unit of spec.modules.flatMap((m) => m.units)) {
    if (unit.video?.provider === 'file') paths.add(unit.video.ref);
    for (const a of unit.attachments) paths.add(a.path);
  }
  return [...paths];
}

/** `media/courses/<slug>/<path inside the course folder>` (the whole repository path if it lies outside). */
export function courseMediaPath(spec: CourseSpec, repoPath: string): string {
  const dir = posix.dirname(spec.sourcePath);
  const inside = dir !== '.' && repoPath.startsWith(`${dir}/`) ? repoPath.slice(dir.length + 1) : repoPath;
  return `${courseMediaPrefix(spec.slug)}/${inside}`;
}

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
};
export const contentTypeOf = (path: string) =>
  CONTENT_TYPES[posix.extname(path).toLowerCase()] ?? 'application/octet-stream';

export interface UploadedAsset {
  path: string;
  size: number;
  /** `added`: was not there; `changed`: other bytes were; `kept`: already the same. */
  outcome: 'added' | 'changed' | 'kept';
}

/** Copies one repository file to media storage unless the same bytes are there already. */
export async function uploadAsset(storage: MediaStorage, storagePath: string, bytes: Buffer): Promise<UploadedAsset> {
  const md5 = createHash('md5').update(bytes).digest('base64');
  const stored = await storage.describe(storagePath);
  const result = { path: storagePath, size: bytes.length };
  if (stored && stored.size === bytes.length && stored.md5 === md5) return { ...result, outcome: 'kept' };
  await pipeline(
    Readable.from([bytes]),
    storage.createWriteStream(storagePath, { contentType: contentTypeOf(storagePath) }),
  );
  return { ...result, outcome: stored ? 'changed' : 'added' };
}

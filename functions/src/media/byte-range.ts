import type { ByteRange } from '../adapters/storage/media-storage';

/**
 * The one byte range an HTTP `Range` header asks of a file of `size` bytes (RFC 9110 §14.1.2), so the local
 * media function can answer 206 and a video player can seek: `bytes=a-b`, `bytes=a-`, `bytes=-n` (the last
 * n). null: no header, another unit or several ranges (answered with the whole file, which is allowed);
 * 'unsatisfiable': a range wholly past the end (416).
 */
export function byteRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

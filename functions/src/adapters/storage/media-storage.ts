import type { Readable, Writable } from 'node:stream';

/**
 * Where media bytes live (recordings, course videos, downloads). Clients never read the bucket: they
 * get a short-lived URL from `signedReadUrl` after an access check.
 */
export interface MediaStorage {
  /** A URL that reads `path` until `expiresAt`; `downloadName` sets Content-Disposition. */
  signedReadUrl(path: string, opts: { expiresAt: Date; downloadName?: string }): Promise<string>;
  /** A stream that stores what is piped into it (resumable upload on GCS). */
  createWriteStream(path: string, opts: { contentType: string }): Writable;
  exists(path: string): Promise<boolean>;
}

/** Longest lifetime of a media URL: DESIGN.md asks for at most 15 minutes. */
export const MAX_URL_SECONDS = 15 * 60;

export type { Readable };

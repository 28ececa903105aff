import type { Readable, Writable } from 'node:stream';

/**
 * Where media bytes live (recordings, course videos, downloads). Clients never read the bucket: they
 * get a short-lived URL from `signedReadUrl` after an access check.
 */
export interface MediaStorage {
  /** A URL that reads `path` until `expiresAt`; `downloadName` makes it a download (Content-Disposition attachment). */
  signedReadUrl(path: string, opts: { expiresAt: Date; downloadName?: string }): Promise<string>;
  /**
   * A stream that stores what is piped into it (resumable upload on GCS). The object appears only when
   * the stream finishes; a stream destroyed midway leaves no object (nor a half one) at `path`.
   */
  createWriteStream(path: string, opts: { contentType: string }): Writable;
  exists(path: string): Promise<boolean>;
  /** The stored object's size and MD5 (base64, as GCS reports `md5Hash`), or null when there is none. */
  describe(path: string): Promise<StoredObject | null>;
  /** Removes the object; nothing there is fine. */
  delete(path: string): Promise<void>;
  /**
   * The stored bytes of `path`, or of the inclusive byte `range` (a recording's transcript and chat are read
   * back to publish them; the local `media` function serves ranges so a player can seek).
   */
  createReadStream(path: string, range?: ByteRange): Readable;
}

export interface StoredObject {
  size: number;
  md5: string;
}

/**
 * The local twin's extra surface: it checks and streams its own signed URLs, which the `media` function
 * serves (GCS serves its own in production). Declared here so deployed code can name it without
 * referencing `twin/`, which the deploy build leaves out.
 */
export interface ServedMediaStorage extends MediaStorage {
  verify(
    path: string,
    query: { expires?: string; sig?: string; name?: string },
    now: Date,
  ): 'ok' | 'expired' | 'invalid';
}

/** Inclusive byte offsets, as HTTP's `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Longest lifetime of a media URL: at most 15 minutes (docs/architecture.md, "Media"). */
export const MAX_URL_SECONDS = 15 * 60;

export type { Readable };

import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backoffMs } from '../domain/zoom-recording';

// The streaming core of the ingest worker: one Zoom download into one storage write stream, never
// holding more than the streams' buffers, so memory stays flat whatever the file's size (bench: ingest).

/** Where a file downloads from: Zoom's `download_url` and the token it takes as a Bearer. */
export interface DownloadSource {
  url: string;
  token: string | null;
}

/** Why a copy stopped; `retryable` says whether a later attempt may do better. */
export class CopyError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface CopyInput {
  source: DownloadSource;
  /** A fresh URL and token (the recordings API), for a 401 or a missing token. */
  refresh: () => Promise<DownloadSource>;
  /** Zoom's `file_size`: the copy must have exactly this many bytes. */
  expectedSize: number;
  /** The storage stream; the object appears only when it finishes. */
  open: () => Writable;
  /** Bytes so far, called at most every `progressEveryMs` (and awaited: a lost lease throws here). */
  onProgress?: (bytes: number, resumes: number) => Promise<void>;
  progressEveryMs?: number;
  /** Range resumes allowed within this copy, with exponential back-off between them. */
  maxResumes?: number;
  retryBaseMs?: number;
  fetch?: typeof fetch;
}

export interface CopyResult {
  size: number;
  md5: string;
  resumes: number;
}

/** A network failure (reset, timeout, a body cut short) as opposed to an answer we were given. */
const isNetworkError = (err: unknown) => err instanceof TypeError || (err as { name?: string }).name === 'AbortError';

/** The progress callback refused (a lost lease): stop at once, no resume. */
class ProgressStopped extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Streams the download into storage and returns the size and MD5 of what went through. A download
 * that breaks midway continues with `Range: bytes={received}-` into the same upload (a server that
 * ignores Range answers 200, and the bytes we have are skipped as they arrive again); a 401 fetches a
 * fresh token once per request. Anything else, or more breaks than `maxResumes`, throws a CopyError and
 * the upload is abandoned (no object is left).
 */
export async function copyRecordingFile(input: CopyInput): Promise<CopyResult> {
  const doFetch = input.fetch ?? fetch;
  const maxResumes = input.maxResumes ?? 5;
  const retryBaseMs = input.retryBaseMs ?? 1000;
  const every = input.progressEveryMs ?? 2000;
  let source = input.source;
  const md5 = createHash('md5');
  let received = 0;
  let resumes = 0;
  let reported = Date.now();

  /** The response body from byte `from`, and how many leading bytes of it we already have. */
  async function open(from: number): Promise<{ body: ReadableStream<Uint8Array>; skip: number }> {
    let refreshed = false;
    if (!source.token) {
      source = await input.refresh();
      refreshed = true;
    }
    for (;;) {
      const res = await doFetch(source.url, {
        headers: {
          authorization: `Bearer ${source.token ?? ''}`,
          ...(from > 0 ? { range: `bytes=${from}-` } : {}),
        },
        redirect: 'follow',
      });
      if (res.status === 401 && !refreshed) {
        await res.body?.cancel();
        source = await input.refresh();
        refreshed = true;
        continue;
      }
      if ((res.status === 200 || res.status === 206) && res.body) {
        if (res.status === 206) {
          const start = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1];
          if (Number(start) !== from) {
            await res.body.cancel();
            throw new CopyError(`Range answered from byte ${start ?? '?'}, asked ${from}`, true);
          }
        }
        return { body: res.body, skip: res.status === 206 ? 0 : from };
      }
      await res.body?.cancel();
      const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
      throw new CopyError(`Download answered ${res.status}`, retryable);
    }
  }

  async function* bytes(): AsyncGenerator<Buffer> {
    for (;;) {
      try {
        const { body, skip } = await open(received);
        let toSkip = skip;
        for await (const part of body) {
          let chunk = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
          if (toSkip > 0) {
            const dropped = Math.min(toSkip, chunk.length);
            toSkip -= dropped;
            chunk = chunk.subarray(dropped);
            if (chunk.length === 0) continue;
          }
          received += chunk.length;
          if (received > input.expectedSize)
            throw new CopyError(`More bytes than the ${input.expectedSize} Zoom announced`, false);
          md5.update(chunk);
          if (input.onProgress && Date.now() - reported >= every) {
            reported = Date.now();
            await input.onProgress(received, resumes).catch((err: unknown) => {
              throw new ProgressStopped((err as Error).message, { cause: err });
            });
          }
          yield chunk;
        }
        if (received < input.expectedSize)
          throw new CopyError(`Download ended at ${received} of ${input.expectedSize} bytes`, true);
        return;
      } catch (err) {
        if (err instanceof ProgressStopped) throw err.cause;
        const retryable = err instanceof CopyError ? err.retryable : isNetworkError(err);
        if (!retryable || resumes >= maxResumes) {
          throw err instanceof CopyError ? err : new CopyError(`Download failed: ${(err as Error).message}`, true);
        }
        resumes += 1;
        await sleep(backoffMs(resumes, retryBaseMs, 30_000));
      }
    }
  }

  await pipeline(bytes(), input.open());
  return { size: received, md5: md5.digest('base64'), resumes };
}

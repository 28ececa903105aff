import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileNameProblem } from '../../../shared/fields';
import type { ByteRange, ServedMediaStorage, StoredObject } from '../media-storage';

/**
 * Local twin of Cloud Storage for `npm start` and tests: files in a folder (under `.data/`), URLs
 * signed with an HMAC and an expiry, served by the `media` HTTP function. Same interface as GCS.
 */
export class LocalMediaStorage implements ServedMediaStorage {
  constructor(
    private readonly root: string,
    /** Base URL of the `media` function, e.g. http://127.0.0.1:5001/demo-commons/us-central1/media */
    private readonly baseUrl: string,
    private readonly key: string,
  ) {}

  /**
   * Absolute file path for a storage path. Every segment must be a file name (no `..`, `.`, empty or
   * hidden segment, so the signing key is never served or overwritten), and the result must stay inside
   * the root: defence in depth behind the entry points' own checks.
   */
  resolve(path: string): string {
    const root = resolve(this.root);
    const problem = path
      .split('/')
      .map((segment) => fileNameProblem(segment, 255))
      .find((p) => p !== null);
    const full = resolve(root, path);
    const inside = relative(root, full);
    if (problem || !inside || inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`Invalid media path: ${path}`);
    }
    return full;
  }

  private signature(path: string, expires: number, name: string): string {
    return createHmac('sha256', this.key).update(`${path}\n${expires}\n${name}`).digest('hex');
  }

  async signedReadUrl(path: string, opts: { expiresAt: Date; downloadName?: string }): Promise<string> {
    const expires = Math.floor(opts.expiresAt.getTime() / 1000);
    const name = opts.downloadName ?? '';
    const query = new URLSearchParams({ expires: String(expires), sig: this.signature(path, expires, name) });
    if (name) query.set('name', name);
    return `${this.baseUrl}/${path.split('/').map(encodeURIComponent).join('/')}?${query}`;
  }

  /** Checks a URL minted by `signedReadUrl`: signature, then expiry. */
  verify(
    path: string,
    query: { expires?: string; sig?: string; name?: string },
    now: Date,
  ): 'ok' | 'expired' | 'invalid' {
    const expires = Number(query.expires);
    if (!query.sig || !Number.isInteger(expires)) return 'invalid';
    const expected = Buffer.from(this.signature(path, expires, query.name ?? ''), 'hex');
    const given = Buffer.from(query.sig, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return expires * 1000 < now.getTime() ? 'expired' : 'ok';
  }

  /** Refuses a path that is a folder, or that has a file where a folder should be, before creating anything. */
  createWriteStream(path: string, _opts: { contentType: string }) {
    const full = this.resolve(path);
    let at = resolve(this.root);
    const segments = path.split('/');
    for (const [i, segment] of segments.entries()) {
      at = join(at, segment);
      const kind = statSync(at, { throwIfNoEntry: false });
      if (!kind) break; // nothing further down exists yet
      const last = i === segments.length - 1;
      if (last ? kind.isDirectory() : !kind.isDirectory()) {
        const what = kind.isDirectory() ? 'folder' : 'file';
        throw new Error(`Invalid media path: ${path} (${segments.slice(0, i + 1).join('/')} is a ${what})`);
      }
    }
    mkdirSync(dirname(full), { recursive: true });
    return this.atomicWriter(full, this.metaFile(path));
  }

  /**
   * Like a GCS upload, the object appears whole or not at all: bytes go to a hidden partial file that
   * is renamed into place when the stream finishes and removed when it is destroyed. Size and MD5 are
   * computed on the way and kept beside (hidden), as GCS computes its own.
   */
  private atomicWriter(full: string, meta: string): Writable {
    const partial = join(resolve(this.root), UPLOADS_DIR, randomUUID());
    mkdirSync(dirname(partial), { recursive: true });
    // Buffers of 1 MiB, like a GCS upload's chunks: the disk gets large writes instead of one per 16 KiB.
    const out = createWriteStream(partial, { highWaterMark: WRITE_BUFFER });
    const md5 = createHash('md5');
    let size = 0;
    let failed: Error | null = null;
    out.on('error', (err) => (failed = err));
    return new Writable({
      highWaterMark: WRITE_BUFFER,
      write(chunk: Buffer, _encoding, done) {
        if (failed) return done(failed);
        md5.update(chunk);
        size += chunk.length;
        if (out.write(chunk)) done();
        else out.once('drain', () => done(failed));
      },
      final(done) {
        out.end(() => {
          if (failed) return done(failed);
          try {
            renameSync(partial, full);
            mkdirSync(dirname(meta), { recursive: true });
            writeFileSync(meta, JSON.stringify({ size, md5: md5.digest('base64') } satisfies StoredObject));
            done();
          } catch (err) {
            done(err as Error);
          }
        });
      },
      destroy(err, done) {
        // Removed once the file stream has closed: destroyed before its open finished (a download refused at once),
        // the open still in flight would create the file after an immediate removal.
        const remove = () => rmSync(partial, { force: true });
        if (out.closed) remove();
        else out.once('close', remove);
        out.destroy();
        done(err);
      },
    });
  }

  /** Where the twin keeps an object's size and MD5: under a hidden folder that `resolve` never hands out. */
  private metaFile(path: string): string {
    return join(resolve(this.root), META_DIR, `${path}.json`);
  }

  async describe(path: string): Promise<StoredObject | null> {
    const full = this.resolve(path);
    const found = await stat(full).catch(() => null);
    if (!found?.isFile()) return null;
    const kept = await readFile(this.metaFile(path), 'utf8')
      .then((text) => JSON.parse(text) as StoredObject)
      .catch(() => null);
    if (kept && kept.size === found.size) return kept;
    // Written before the twin kept metadata (or by hand): hash it now.
    const md5 = createHash('md5');
    for await (const chunk of createReadStream(full)) md5.update(chunk as Buffer);
    return { size: found.size, md5: md5.digest('base64') };
  }

  async delete(path: string): Promise<void> {
    await rm(this.resolve(path), { force: true });
    await rm(this.metaFile(path), { force: true });
  }

  createReadStream(path: string, range?: ByteRange) {
    return createReadStream(this.resolve(path), range ? { start: range.start, end: range.end } : {});
  }

  async exists(path: string): Promise<boolean> {
    try {
      return (await stat(this.resolve(path))).isFile();
    } catch {
      return false;
    }
  }
}

/** Hidden folders of the root: uploads in progress, and each object's size and MD5. */
const UPLOADS_DIR = '.uploads';
const WRITE_BUFFER = 1024 * 1024;
const META_DIR = '.meta';

/** Where the twin keeps its signing key: a hidden file of its root, which `resolve` never hands out. */
export const SIGNING_KEY_FILE = '.signing-key';

/**
 * The twin's signing key, made at random on first use and kept (mode 0600) so every functions instance
 * and restart signs and verifies alike. Created by a hard link of a finished file, so two instances
 * starting at once agree on one key and never read a half-written one.
 */
export function signingKey(root: string): string {
  const file = join(root, SIGNING_KEY_FILE);
  const read = () => readFileSync(file, 'utf8').trim();
  try {
    return read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(root, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('hex'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another instance made it first
  } finally {
    rmSync(draft, { force: true });
  }
  return read();
}

/**
 * The twin with its settings from the environment (the emulators, the seed, the tests); functions run
 * with cwd `functions/`, so `.data/` is one level up.
 */
export function localMediaStorage(): LocalMediaStorage {
  const project = process.env.GCLOUD_PROJECT ?? 'demo-commons';
  const root = resolve(process.env.LOCAL_MEDIA_DIR ?? resolve(process.cwd(), '..', '.data', 'storage'));
  return new LocalMediaStorage(
    root,
    process.env.LOCAL_MEDIA_BASE_URL ?? `http://127.0.0.1:5001/${project}/us-central1/media`,
    signingKey(root),
  );
}

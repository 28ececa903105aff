import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import type { ServedMediaStorage } from '../media-storage';

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

  /** Absolute file path for a storage path; refuses anything escaping the root. */
  resolve(path: string): string {
    const full = normalize(join(this.root, path));
    if (!full.startsWith(normalize(this.root) + sep)) throw new Error(`Invalid media path: ${path}`);
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

  createWriteStream(path: string, _opts: { contentType: string }) {
    const full = this.resolve(path);
    mkdirSync(dirname(full), { recursive: true });
    return createWriteStream(full);
  }

  createReadStream(path: string) {
    return createReadStream(this.resolve(path));
  }

  async exists(path: string): Promise<boolean> {
    try {
      return (await stat(this.resolve(path))).isFile();
    } catch {
      return false;
    }
  }
}

/**
 * The twin with its settings from the environment (the emulators, the seed, the tests); functions run
 * with cwd `functions/`, so `.data/` is one level up.
 */
export function localMediaStorage(): LocalMediaStorage {
  const project = process.env.GCLOUD_PROJECT ?? 'demo-commons';
  return new LocalMediaStorage(
    resolve(process.env.LOCAL_MEDIA_DIR ?? resolve(process.cwd(), '..', '.data', 'storage')),
    process.env.LOCAL_MEDIA_BASE_URL ?? `http://127.0.0.1:5001/${project}/us-central1/media`,
    process.env.LOCAL_MEDIA_KEY ?? 'local-media-key-not-secret',
  );
}

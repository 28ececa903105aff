import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CRC32C, Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GcsMediaStorage } from './gcs-storage';
import { LocalMediaStorage, localMediaStorage, SIGNING_KEY_FILE, signingKey } from './twin/local-storage';
import { MAX_URL_SECONDS } from './media-storage';

describe('LocalMediaStorage (the twin)', () => {
  const root = mkdtempSync(join(tmpdir(), 'media-'));
  const storage = new LocalMediaStorage(root, 'http://127.0.0.1:5001/p/us-central1/media', 'k');
  const now = new Date('2026-11-24T12:00:00Z');

  it('round-trips bytes and signs URLs that verify only unchanged and unexpired', async () => {
    await pipeline(
      Readable.from([Buffer.from('hello')]),
      storage.createWriteStream('media/a/b.txt', { contentType: 'text/plain' }),
    );
    expect(readFileSync(join(root, 'media/a/b.txt'), 'utf8')).toBe('hello');
    expect(await storage.exists('media/a/b.txt')).toBe(true);

    const url = new URL(
      await storage.signedReadUrl('media/a/b.txt', {
        expiresAt: new Date(now.getTime() + 60_000),
        downloadName: 'b.txt',
      }),
    );
    expect(url.pathname).toBe('/p/us-central1/media/media/a/b.txt');
    const query = Object.fromEntries(url.searchParams);
    expect(storage.verify('media/a/b.txt', query, now)).toBe('ok');
    expect(storage.verify('media/a/other.txt', query, now)).toBe('invalid');
    expect(storage.verify('media/a/b.txt', { ...query, name: 'evil.exe' }, now)).toBe('invalid');
    expect(storage.verify('media/a/b.txt', { ...query, sig: 'zz' }, now)).toBe('invalid');
    expect(storage.verify('media/a/b.txt', query, new Date(now.getTime() + 120_000))).toBe('expired');
  });

  it.each([
    '../../etc/passwd',
    'media/../../x',
    'media/a/..',
    'media/./a',
    '.',
    '..',
    '',
    '/etc/passwd',
    'media//a',
    'media/a\\..\\b',
    'media/\u0000x',
    '.signing-key',
    'media/.hidden',
  ])('refuses the path %j, which is not a file name under its folder', (path) => {
    expect(() => storage.resolve(path)).toThrow(/Invalid media path/);
    expect(() => storage.createWriteStream(path, { contentType: 'text/plain' })).toThrow(/Invalid media path/);
  });

  it('never turns a folder into a file, nor writes under a file', async () => {
    await pipeline(Readable.from([Buffer.from('x')]), storage.createWriteStream('media/f/a.txt', { contentType: 't' }));
    expect(() => storage.createWriteStream('media/f', { contentType: 't' })).toThrow(/media\/f is a folder/);
    expect(() => storage.createWriteStream('media/f/a.txt/b.txt', { contentType: 't' })).toThrow(
      /media\/f\/a\.txt is a file/,
    );
    // The folder still takes new files.
    await pipeline(Readable.from([Buffer.from('y')]), storage.createWriteStream('media/f/b.txt', { contentType: 't' }));
    expect(readFileSync(join(root, 'media/f/b.txt'), 'utf8')).toBe('y');
  });

  it('leaves no partial file behind an upload destroyed at once, before its file was even open', async () => {
    const own = mkdtempSync(join(tmpdir(), 'media-'));
    const upload = new LocalMediaStorage(own, 'http://127.0.0.1/media', 'k').createWriteStream('media/v.mp4', {
      contentType: 'video/mp4',
    });
    upload.on('error', () => {});
    upload.destroy(new Error('download refused'));
    await new Promise<void>((resolve) => upload.on('close', resolve));
    // The file's open was still in flight: give it time to land, as it did before the fix.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readdirSync(join(own, '.uploads'))).toEqual([]);
  });
});

describe("the twin's signing key", () => {
  it('is random per folder, kept private, and the same on every later start', () => {
    const first = mkdtempSync(join(tmpdir(), 'media-key-'));
    const second = mkdtempSync(join(tmpdir(), 'media-key-'));
    const key = signingKey(first);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(first, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(signingKey(first)).toBe(key);
    expect(signingKey(second)).not.toBe(key);
    expect(readdirSync(first)).toEqual([SIGNING_KEY_FILE]); // no draft left behind
  });

  it('signs URLs that only a twin with the same key accepts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'media-key-'));
    process.env.LOCAL_MEDIA_DIR = root;
    const now = new Date();
    const url = new URL(
      await localMediaStorage().signedReadUrl('media/a.txt', { expiresAt: new Date(now.getTime() + 60_000) }),
    );
    const query = Object.fromEntries(url.searchParams);
    expect(localMediaStorage().verify('media/a.txt', query, now)).toBe('ok');
    const forger = new LocalMediaStorage(root, 'http://x', 'local-media-key-not-secret');
    const forged = new URL(await forger.signedReadUrl('media/a.txt', { expiresAt: new Date(now.getTime() + 60_000) }));
    expect(localMediaStorage().verify('media/a.txt', Object.fromEntries(forged.searchParams), now)).toBe('invalid');
    delete process.env.LOCAL_MEDIA_DIR;
  });
});

/** A local server speaking the Cloud Storage JSON API's resumable upload protocol. */
function fakeGcs() {
  const objects = new Map<string, { contentType: string; bytes: Buffer }>();
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const start = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (req.method === 'POST' && start && url.searchParams.get('uploadType') === 'resumable') {
      const meta = JSON.parse((await read(req)).toString() || '{}') as { name?: string; contentType?: string };
      const name = url.searchParams.get('name') ?? meta.name ?? '';
      const type = String(req.headers['x-upload-content-type'] ?? meta.contentType ?? '');
      res.writeHead(200, {
        location: `http://${req.headers.host}/session/${encodeURIComponent(name)}?type=${encodeURIComponent(type)}`,
      });
      res.end();
      return;
    }
    const session = /^\/session\/(.+)$/.exec(url.pathname);
    if (req.method === 'PUT' && session?.[1]) {
      const name = decodeURIComponent(session[1]);
      const bytes = await read(req);
      objects.set(name, { contentType: url.searchParams.get('type') ?? '', bytes });
      // The client checks the stored object's hashes against what it sent, as against real GCS.
      const crc = new CRC32C();
      crc.update(bytes);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          bucket: 'b',
          name,
          size: String(bytes.length),
          md5Hash: createHash('md5').update(bytes).digest('base64'),
          crc32c: crc.toString(),
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  return { server, objects };
}

describe('GcsMediaStorage (the real adapter)', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const credentials = {
    client_email: 'media@demo-commons.iam.gserviceaccount.com',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const fake = fakeGcs();
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => fake.server.close());

  it('mints v4 signed read URLs of at most 15 minutes with the download name', async () => {
    const gcs = new GcsMediaStorage(
      new Storage({ projectId: 'demo-commons', credentials }).bucket('demo-commons.appspot.com'),
    );
    const url = new URL(
      await gcs.signedReadUrl('media/seed/orders.csv', {
        expiresAt: new Date(Date.now() + MAX_URL_SECONDS * 1000),
        downloadName: 'orders.csv',
      }),
    );
    expect(url.host).toBe('storage.googleapis.com');
    expect(url.pathname).toBe('/demo-commons.appspot.com/media/seed/orders.csv');
    expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(Number(url.searchParams.get('X-Goog-Expires'))).toBeLessThanOrEqual(MAX_URL_SECONDS);
    expect(url.searchParams.get('X-Goog-Credential')).toMatch(/^media@demo-commons\.iam\.gserviceaccount\.com\//);
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="orders.csv"');
    expect(url.searchParams.get('X-Goog-Signature')).toMatch(/^[0-9a-f]{512}$/);
  });

  it('streams an upload through the resumable protocol', async () => {
    const storage = new Storage({ projectId: 'demo-commons', apiEndpoint: endpoint, credentials });
    const gcs = new GcsMediaStorage(storage.bucket('b'));
    const bytes = Buffer.alloc(300_000, 7);
    await pipeline(
      Readable.from([bytes]),
      gcs.createWriteStream('media/x/big.bin', { contentType: 'application/octet-stream' }),
    );
    expect(fake.objects.get('media/x/big.bin')?.bytes.equals(bytes)).toBe(true);
    expect(fake.objects.get('media/x/big.bin')?.contentType).toBe('application/octet-stream');
  });
});

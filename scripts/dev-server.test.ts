// The dev server (`npm start`'s Vite, web/vite.config.ts) serves the app and nothing else of the
// repository: started here with the real config, then asked for local state and secrets by every route
// Vite has (/@fs/ absolute paths, root-relative, ../ climbing).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../functions/src/testing/ports';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'web');
/** In the files' contents only: Vite's 403 page repeats the path asked for. */
const MARKER = `secret-${randomUUID()}`;
const NAME = 'dev-server-test';

/** Files that must not be served, each holding MARKER; ones the test created are removed afterwards. */
const created: string[] = [];
function marker(file: string) {
  if (existsSync(file)) return; // a developer's real file (e.g. .secret.local): never overwritten
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `SECRET=${MARKER}\n`);
  created.push(file);
}

/** A raw GET: no URL normalisation, so `/../x` reaches the server as written. */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { accept: '*/*' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

let server: ViteDevServer;
let port: number;
let cacheDir: string;

beforeAll(async () => {
  for (const file of [
    join(ROOT, '.data', `${NAME}.json`),
    join(ROOT, 'functions', '.secret.local'),
    join(WEB, `.env.${NAME}`),
    join(WEB, 'src', `${NAME}.pem`),
  ])
    marker(file);
  cacheDir = mkdtempSync(join(tmpdir(), 'commons-vite-')); // leaves the shared node_modules/.vite alone
  port = await closedPort();
  server = await createServer({
    configFile: join(WEB, 'vite.config.ts'),
    root: WEB,
    cacheDir,
    logLevel: 'silent',
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { port, strictPort: true, hmr: false, watch: null },
  });
  await server.listen();
}, 20_000);

afterAll(async () => {
  await server?.close();
  for (const file of created) rmSync(file, { force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('the dev server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.config.server.host).toBe('127.0.0.1');
    expect(server.httpServer?.address()).toMatchObject({ address: '127.0.0.1', port });
  });

  const secretFile = (file: string) => readFileSync(join(ROOT, file), 'utf8').trim();
  it.each([
    ['.data (emulator exports, twin state)', () => `/@fs${ROOT}.data/${NAME}.json`],
    ['functions/.secret.local', () => `/@fs${ROOT}functions/.secret.local`],
    ['functions/.env.demo-commons', () => `/@fs${ROOT}functions/.env.demo-commons`],
    ['the repository root', () => `/@fs${ROOT}package.json`],
    ['a file outside the repository', () => '/@fs/etc/passwd'],
    ['an .env file in web/', () => `/.env.${NAME}`],
    ['an .env file in web/ by absolute path', () => `/@fs${WEB}/.env.${NAME}`],
    ['a key file in web/src', () => `/src/${NAME}.pem`],
    ['.data by climbing out of web/', () => `/../.data/${NAME}.json`],
    ['.secret.local by climbing out of web/', () => '/../functions/.secret.local'],
    ['.data by climbing, %-encoded', () => `/%2e%2e/.data/${NAME}.json`],
    ['.data by climbing from a subfolder', () => `/src/../../.data/${NAME}.json`],
    ['.data by climbing out of an allowed folder', () => `/@fs${WEB}/../.data/${NAME}.json`],
    ['a raw import of .data', () => `/@fs${ROOT}.data/${NAME}.json?raw`],
  ])('refuses %s', async (_name, path) => {
    const res = await get(path());
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain(MARKER);
    expect(res.body).not.toContain(secretFile('functions/.secret.local'));
    expect(res.body).not.toContain(secretFile('functions/.env.demo-commons'));
  });

  it('still serves the app, the shared contract and the packages it imports', async () => {
    const main = await get('/src/main.ts');
    expect(main.status).toBe(200);
    expect(main.body).toContain('createApp');
    const shared = await get(`/@fs${ROOT}functions/src/shared/access.ts`);
    expect(shared.status).toBe(200);
    expect(shared.body).toContain('canAccess');
    const vue = /from\s+"(\/[^"]*\/vue[^"]*)"/.exec(main.body)?.[1];
    expect(vue).toBeDefined();
    expect((await get(vue!)).status).toBe(200);
  });
});

// Where the built app is served for the bench: one place. Inside the emulator session the Hosting emulator
// serves it as production does (web/dist with firebase.json's rewrites and headers: public pages rendered by
// the `ssr` function, every other path the app shell). BENCH_BASE_URL points the bench at another server.
//
// In production a visitor gets a public page from Hosting's CDN, which keeps what the `ssr` function answered
// for its `s-maxage` (PUBLIC_CACHE_CONTROL): only the first visitor in five minutes waits for the function.
// The Functions emulator has no such cache and adds its own routing to every request, so the bench puts the
// same cache in front of it (`cdnCache`): a response with `s-maxage` is kept that long and answered from
// memory, everything else passes through. The first request of each page warms it, as on the CDN.
// Static files (a path naming a file of web/dist, which Hosting serves before any rewrite) are kept until the
// cache closes, as the CDN keeps them until the next deploy; the emulator gzips each one again per request.
import { statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { HOSTS } from './emulators.mjs';
import { waitForHttp } from './run.mjs';

/** The served app's base URL, once it answers; `close` stops the cache in front of it. */
export async function servedApp() {
  if (process.env.BENCH_BASE_URL) {
    const baseUrl = process.env.BENCH_BASE_URL.replace(/\/$/, '');
    await waitForHttp(`${baseUrl}/`, 30_000);
    return { baseUrl, close: async () => {} };
  }
  await waitForHttp(`http://${HOSTS.hosting}/`, 30_000);
  return cdnCache(HOSTS.hosting, fileURLToPath(new URL('../web/dist/', import.meta.url)));
}

const sMaxAge = (cacheControl) => Number(/(?:^|,)\s*s-maxage=(\d+)/.exec(cacheControl ?? '')?.[1] ?? 0);
const isFileIn = (dir, url) => {
  let path;
  try {
    path = decodeURIComponent(url.split('?', 1)[0]);
  } catch {
    return false;
  }
  // Dot files are ignored by firebase.json, and `..` would name a file outside the folder.
  if (path.split('/').some((part) => part.startsWith('.'))) return false;
  return statSync(`${dir}${path.slice(1)}`, { throwIfNoEntry: false })?.isFile() ?? false;
};

/**
 * A shared cache in front of `origin` (host:port), as Hosting's CDN: GET answers kept for their `s-maxage`, and
 * the files of `publicDir` for as long as it runs.
 */
export async function cdnCache(origin, publicDir) {
  const [hostname, port] = origin.split(':');
  const kept = new Map(); // key: path + Accept-Encoding → { status, headers, body, until }
  const server = createServer((req, res) => {
    // The emulator answers brotli, gzip or plain by Accept-Encoding (Vary), so each kept answer is per header.
    const key = `${req.url} ${req.headers['accept-encoding'] ?? ''}`;
    const hit = req.method === 'GET' ? kept.get(key) : undefined;
    if (hit && hit.until > Date.now()) {
      res.writeHead(hit.status, hit.headers).end(hit.body);
      return;
    }
    const upstream = request(
      { hostname, port, path: req.url, method: req.method, headers: { ...req.headers, host: origin } },
      (up) => {
        const chunks = [];
        up.on('data', (c) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          const ttl = isFileIn(publicDir, req.url) ? Infinity : sMaxAge(up.headers['cache-control']);
          if (req.method === 'GET' && up.statusCode === 200 && ttl > 0)
            kept.set(key, { status: up.statusCode, headers: up.headers, body, until: Date.now() + ttl * 1000 });
          res.writeHead(up.statusCode ?? 502, up.headers).end(body);
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: cachePort } = server.address();
  return { baseUrl: `http://127.0.0.1:${cachePort}`, close: () => new Promise((r) => server.close(r)) };
}

// Where the built app is served for the bench: one place. Inside the emulator session the Hosting emulator
// serves it as production does (web/dist with firebase.json's rewrites and headers: public pages rendered by
// the `ssr` function, every other path the app shell). BENCH_BASE_URL points the bench at another server.
//
// In production a visitor gets a public page from Hosting's CDN, which keeps what the `ssr` function answered
// for its `s-maxage` (PUBLIC_CACHE_CONTROL): only the first visitor in five minutes waits for the function.
// The Functions emulator has no such cache and adds its own routing to every request, so the bench puts the
// same cache in front of it (`cdnCache`): a response with `s-maxage` is kept that long and answered from
// memory, everything else passes through. The first request of each page warms it, as on the CDN.
import { createServer, request } from 'node:http';
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
  return cdnCache(HOSTS.hosting);
}

const sMaxAge = (cacheControl) => Number(/(?:^|,)\s*s-maxage=(\d+)/.exec(cacheControl ?? '')?.[1] ?? 0);

/** A shared cache in front of `origin` (host:port) that keeps GET answers for their `s-maxage`, as a CDN does. */
export async function cdnCache(origin) {
  const [hostname, port] = origin.split(':');
  const kept = new Map(); // key: path + whether gzip is accepted → { status, headers, body, until }
  const server = createServer((req, res) => {
    const key = `${req.url} ${/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? 'gzip' : ''}`;
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
          const ttl = sMaxAge(up.headers['cache-control']);
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

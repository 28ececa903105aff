import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { onRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions/v2';
import { deps } from '../app/deps';
import type { RenderPage } from '../shared/public-pages';
import { publicReader } from './public-reader';
import { publicResponse } from './public-response';

// The web's server bundle, built by `npm run build -w web` into functions/ssr/ (vite build --ssr, every
// dependency bundled in), loaded on the first page request.
let renderPage: RenderPage | undefined;
function loadRender(): RenderPage {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a built file beside lib/, not a source tsc sees
  renderPage ??= (require(join(__dirname, '..', '..', 'ssr', 'entry-server.cjs')) as { render: RenderPage }).render;
  return renderPage;
}

/** Public pages rendered on the server (catalog, material teasers, pricing), sitemap, RSS and robots.txt. */
export const ssr = onRequest({ memory: '512MiB' }, async (req, res) => {
  const app = deps();
  try {
    const answer = await publicResponse(
      { reader: publicReader(app.db), origin: app.settings.appUrl, render: loadRender },
      req.method,
      req.url,
    );
    if (answer.cacheControl) res.set('Cache-Control', answer.cacheControl);
    res.status(answer.status).type(answer.contentType).vary('Accept-Encoding');
    // Compressed here, so the page's first round trips carry a quarter of the bytes whether or not the CDN
    // in front compresses what a function answers (the Hosting emulator does not).
    if (answer.body.length > 1024 && req.acceptsEncodings('gzip')) {
      res.set('Content-Encoding', 'gzip').send(gzipSync(answer.body));
    } else res.send(answer.body);
  } catch (err) {
    logger.error('ssr failed', { url: req.originalUrl, err });
    res.status(500).set('Cache-Control', 'no-store').type('text/plain').send('Something went wrong');
  }
});

// The measuring half of `npm run bench`, run inside `firebase emulators:exec`.
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
import { ROOT } from './emulators.mjs';
import { npx, run, waitForHttp } from './run.mjs';

const PORT = 4174;
const JS_BUDGET = 100 * 1024;
const PAGE_SIZE = 12;

/**
 * Billed reads in a Firestore REST answer (the lite SDK): runQuery and batchGet return arrays with one
 * entry per document; a query that matches nothing and a missing document still cost one read.
 */
function readsIn(body) {
  try {
    const json = JSON.parse(body);
    if (Array.isArray(json)) return Math.max(1, json.filter((e) => e.document || e.found || e.missing).length);
    if (json.documents) return json.documents.length || 1;
    if (json.name && json.fields) return 1;
  } catch {}
  return 0;
}

export async function main() {
  if (run(npx('tsx'), ['functions/src/scripts/seed-cli.ts', '--fresh'], { stdio: 'ignore' }) !== 0)
    throw new Error('seed failed');
  const server = spawn(npx('vite'), ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    cwd: join(ROOT, 'web'),
    stdio: 'ignore',
  });
  try {
    await waitForHttp(`http://127.0.0.1:${PORT}/`, 30_000);
    const browser = await chromium.launch(chromiumLaunchOptions());
    const page = await browser.newPage();
    const scripts = new Map();
    const reads = [];
    page.on('response', async (res) => {
      const url = res.url();
      try {
        if (res.request().resourceType() === 'script') scripts.set(url, gzipSync(await res.body()).length);
        else if (url.includes(':8080/')) reads.push({ url, reads: readsIn(await res.text()) });
      } catch {}
    });
    await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: 'networkidle' });
    const firstPage = [...reads];
    reads.length = 0;
    const more = page.getByRole('button', { name: /load more/i });
    if (await more.isVisible()) {
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes(':runQuery')), more.click()]);
      await res.finished();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200); // let the response handler record it
    }
    await browser.close();

    const totalJs = [...scripts.values()].reduce((a, b) => a + b, 0);
    const queryReads = (list) => list.filter((r) => r.url.includes(':runQuery')).reduce((a, r) => a + r.reads, 0);
    const otherReads = (list) => list.filter((r) => !r.url.includes(':runQuery')).reduce((a, r) => a + r.reads, 0);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    console.log('\nFirst route (public catalog), as a visitor:');
    for (const [url, size] of scripts) console.log(`  ${kb(size).padStart(9)}  ${new URL(url).pathname}`);
    console.log(`  JS gzipped total: ${kb(totalJs)} (budget ${kb(JS_BUDGET)}) ${totalJs <= JS_BUDGET ? 'OK' : 'OVER'}`);
    const first = queryReads(firstPage);
    console.log(
      `  Catalog page 1: ${first} document reads in ${firstPage.filter((r) => r.url.includes(':runQuery')).length} query (budget ${PAGE_SIZE + 1}) ${first <= PAGE_SIZE + 1 ? 'OK' : 'OVER'}`,
    );
    console.log(`  Other reads on first load (config/tiers): ${otherReads(firstPage)}`);
    console.log(`  "Load more" page 2: ${queryReads(reads)} document reads`);
    if (totalJs > JS_BUDGET || first > PAGE_SIZE + 1) process.exitCode = 1;
  } finally {
    server.kill();
  }
  // The newsletter fan-out runs in a project of its own on the same emulators.
  if (run(npx('tsx'), ['functions/src/scripts/bench-newsletter.ts']) !== 0) process.exitCode = 1;
}

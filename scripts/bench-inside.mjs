// The measuring half of `npm run bench`, run inside `firebase emulators:exec`.
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { servedApp } from './app-server.mjs';
import { lighthouseFigures, RUNS } from './bench-lighthouse.mjs';
import { chromiumLaunchOptions } from './chromium.mjs';
import { HOSTS, PROJECT_ID } from './emulators.mjs';
import { npx, run } from './run.mjs';

const JS_BUDGET = 100 * 1024;
const PAGE_SIZE = 12;
const CLS_TARGET = 0.02;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

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

/** A structured query through the emulator's REST API as the owner (rules do not apply); the raw answer. */
async function runQuery(structuredQuery) {
  const res = await fetch(
    `http://${HOSTS.firestore}/v1/projects/${PROJECT_ID}/databases/(default)/documents:runQuery`,
    {
      method: 'POST',
      headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
      body: JSON.stringify({ structuredQuery }),
    },
  );
  if (!res.ok) throw new Error(`runQuery: HTTP ${res.status} ${await res.text()}`);
  return res.text();
}

const field = (fieldPath, op, value) => ({ fieldFilter: { field: { fieldPath }, op, value } });
const published = field('status', 'EQUAL', { stringValue: 'published' });

/** The id of the first published material matching `filter`, newest first. */
async function materialId(filter, orderBy = [{ field: { fieldPath: 'publishedAt' }, direction: 'DESCENDING' }]) {
  const answer = JSON.parse(
    await runQuery({
      from: [{ collectionId: 'materials' }],
      where: { compositeFilter: { op: 'AND', filters: [published, filter] } },
      orderBy,
      limit: 1,
    }),
  );
  const name = answer.find((e) => e.document)?.document.name;
  if (!name) throw new Error('the seed has no such material');
  return name.split('/').pop();
}

/** The first catalog page's answer as the old teasers (search keys inside) would have been: same query, on the index. */
const catalogPageFrom = (collectionId) =>
  runQuery({
    from: [{ collectionId }],
    where: published,
    orderBy: [{ field: { fieldPath: 'publishedAt' }, direction: 'DESCENDING' }],
    limit: PAGE_SIZE + 1,
  });

/** The scripts a page loads to show itself (gzipped sizes) and the Firestore answers it receives, as a visitor. */
async function visit(browser, url, then) {
  const page = await browser.newPage();
  const scripts = new Map();
  const answers = [];
  page.on('response', async (res) => {
    const at = res.url();
    try {
      if (res.request().resourceType() === 'script') scripts.set(at, gzipSync(await res.body()).length);
      else if (at.includes(`:${HOSTS.firestore.split(':')[1]}/`)) {
        const text = await res.text();
        answers.push({ url: at, reads: readsIn(text), bytes: Buffer.byteLength(text) });
      }
    } catch {}
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  // What the page needed to show itself; anything after (a card under the pointer preloads the material
  // page's chunk) is not the route's.
  const firstScripts = new Map(scripts);
  const first = [...answers];
  answers.length = 0;
  await then?.(page);
  await page.close();
  return { scripts: firstScripts, first, later: answers };
}

async function loadMore(page) {
  const more = page.getByRole('button', { name: /load more/i });
  if (!(await more.isVisible())) return;
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes(':runQuery')), more.click()]);
  await res.finished();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(200); // let the response handler record it
}

const sum = (list, pick) => list.reduce((a, x) => a + pick(x), 0);
const queries = (list) => list.filter((r) => r.url.includes(':runQuery'));

export async function main() {
  if (run(npx('tsx'), ['functions/src/scripts/seed-cli.ts', '--fresh'], { stdio: 'ignore' }) !== 0)
    throw new Error('seed failed');
  const app = await servedApp();
  // The seed's writes start triggers (search index, mirrors, Zoom) in the Functions emulator: let them finish, so
  // they do not share the CPU with the pages measured below.
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const pages = [
    { name: 'catalog', path: '/' },
    { name: 'calendar', path: '/events' },
    { name: 'public material', path: `/materials/${await materialId(field('rank', 'EQUAL', { integerValue: 0 }))}` },
    {
      name: 'paywalled material',
      path: `/materials/${await materialId(field('rank', 'GREATER_THAN', { integerValue: 0 }), [
        { field: { fieldPath: 'rank' }, direction: 'DESCENDING' },
      ])}`,
    },
  ];

  const browser = await chromium.launch(chromiumLaunchOptions());
  const catalog = await visit(browser, `${app.baseUrl}/`, loadMore);
  for (const p of pages) p.js = sum([...(await visit(browser, `${app.baseUrl}${p.path}`)).scripts.values()], (n) => n);
  await browser.close();

  const totalJs = sum([...catalog.scripts.values()], (n) => n);
  console.log('\nFirst route (public catalog), as a visitor:');
  for (const [url, size] of catalog.scripts) console.log(`  ${kb(size).padStart(9)}  ${new URL(url).pathname}`);
  console.log(`  JS gzipped total: ${kb(totalJs)} (budget ${kb(JS_BUDGET)}) ${totalJs <= JS_BUDGET ? 'OK' : 'OVER'}`);
  // Page 1 comes in the HTML, rendered by the `ssr` function with the same one query (and cached at the CDN).
  const teasers = await catalogPageFrom('materials');
  const serverReads = readsIn(teasers);
  const browserReads = sum(catalog.first, (r) => r.reads);
  const second = sum(queries(catalog.later), (r) => r.reads);
  console.log(
    `  Catalog page 1: in the HTML; the ssr function reads ${serverReads} documents in 1 query per render (budget ${PAGE_SIZE + 1}) ${serverReads <= PAGE_SIZE + 1 ? 'OK' : 'OVER'}`,
  );
  console.log(`  Firestore reads by the browser on first load: ${browserReads}`);
  console.log(
    `  "Load more" page 2: ${second} document reads in ${queries(catalog.later).length} query (budget ${PAGE_SIZE + 1}) ${second <= PAGE_SIZE + 1 ? 'OK' : 'OVER'}`,
  );
  const withKeys = Buffer.byteLength(await catalogPageFrom('materialSearch'));
  console.log(
    `  Catalog page 1 data: ${kb(Buffer.byteLength(teasers))} of teasers; ${kb(withKeys)} with search keys inside (before they moved to materialSearch)`,
  );

  console.log(
    `\nLighthouse 12 (performance, median of ${RUNS} runs), as a visitor; JS = gzipped scripts the page loads:`,
  );
  const header = ['page', 'JS gz', 'preset', 'score', 'LCP', 'TBT', 'CLS'];
  const rows = [];
  let worstCls = 0;
  // A peer measured in the same run on the same machine (e.g. a local Ghost 5: BENCH_PEERS="ghost home=
  // http://127.0.0.1:2368/,ghost post=http://127.0.0.1:2368/some-post/"): its rows follow ours, its JS unmeasured.
  const peers = (process.env.BENCH_PEERS ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => ({
      name: entry.slice(0, entry.indexOf('=')),
      url: entry.slice(entry.indexOf('=') + 1),
      peer: true,
    }));
  for (const p of [...pages, ...peers]) {
    const figures = await lighthouseFigures(p.url ?? `${app.baseUrl}${p.path}`);
    for (const [preset, f] of Object.entries(figures)) {
      if (!p.peer) worstCls = Math.max(worstCls, f.cls);
      rows.push([
        preset === 'mobile' ? p.name : '',
        preset === 'mobile' && !p.peer ? kb(p.js) : '',
        preset,
        String(f.score),
        `${(f.lcp / 1000).toFixed(2)} s`,
        `${Math.round(f.tbt)} ms`,
        f.cls.toFixed(3),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`);
  console.log(`  Worst CLS: ${worstCls.toFixed(3)} (target ${CLS_TARGET}) ${worstCls <= CLS_TARGET ? 'OK' : 'OVER'}`);

  console.log(
    '  (public pages through a CDN-like cache in front of the Hosting emulator, as Hosting serves them; scripts/app-server.mjs)',
  );
  await app.close();

  if (totalJs > JS_BUDGET || serverReads > PAGE_SIZE + 1 || second > PAGE_SIZE + 1) process.exitCode = 1;
  if (process.argv.includes('pages')) return;
  // The newsletter fan-out runs in a project of its own on the same emulators.
  if (run(npx('tsx'), ['functions/src/scripts/bench-newsletter.ts']) !== 0) process.exitCode = 1;
}

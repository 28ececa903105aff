// Lighthouse 12 (programmatic) on Debian's Chromium, for `npm run bench`: the performance figures of one
// page under Lighthouse's mobile preset (its default: a mid-range phone on a slow 4G link, simulated) and
// its desktop preset, each the median of RUNS runs (one run swings by a second on a shared machine).
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumLaunchOptions } from './chromium.mjs';

export const PRESETS = { mobile: undefined, desktop: desktopConfig };
export const RUNS = 3;

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Performance score (0-100), LCP and TBT (ms) and CLS of `url` under each preset: medians of RUNS runs. */
export async function lighthouseFigures(url) {
  const figures = {};
  for (const [preset, config] of Object.entries(PRESETS)) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await lighthouseRun(url, config));
    figures[preset] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  }
  return figures;
}

/** One Lighthouse run in a fresh browser. */
async function lighthouseRun(url, config) {
  const { executablePath, args } = chromiumLaunchOptions();
  const chrome = await launch({ chromePath: executablePath, chromeFlags: args, logLevel: 'silent' });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
      config,
    );
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
    const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
    };
  } finally {
    await chrome.kill();
  }
}

// Lighthouse 12 (programmatic) on Debian's Chromium, for `npm run bench`: the performance figures of one
// page under Lighthouse's mobile preset (its default: a mid-range phone on a slow 4G link, simulated) and
// its desktop preset.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumLaunchOptions } from './chromium.mjs';

export const PRESETS = { mobile: undefined, desktop: desktopConfig };

/** Performance score (0-100), LCP and TBT (ms) and CLS of `url` under each preset, one fresh browser each. */
export async function lighthouseFigures(url) {
  const { executablePath, args } = chromiumLaunchOptions();
  const figures = {};
  for (const [preset, config] of Object.entries(PRESETS)) {
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
      figures[preset] = {
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        cls: audit('cumulative-layout-shift'),
      };
    } finally {
      await chrome.kill();
    }
  }
  return figures;
}

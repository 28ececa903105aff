// A public page as a crawler or a link preview fetches it from the `ssr` function: plain HTTP, no JavaScript.
import { JSDOM } from 'jsdom';
import { FUNCTIONS } from './emulators';

export const SSR = `${FUNCTIONS}/ssr`;

/** The answer to `path`, its document, and readers for a meta tag and the JSON-LD block. */
export async function publicPage(path: string) {
  const res = await fetch(`${SSR}${path}`);
  const html = await res.text();
  const doc = new JSDOM(html).window.document;
  const meta = (key: string) =>
    doc.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.getAttribute('content') ?? null;
  const jsonLd = () => JSON.parse(doc.querySelector('script[type="application/ld+json"]')?.textContent ?? 'null');
  return { res, html, doc, meta, jsonLd };
}

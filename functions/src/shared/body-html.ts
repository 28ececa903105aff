/**
 * A short fingerprint of a material body's markdown, stored as `htmlOf` beside the HTML rendered from it,
 * so the page (and the trigger) can tell fresh HTML from stale without loading the renderer. Synchronous
 * and dependency-free (cyrb53, two 32-bit lanes) because the web computes it in the material's route; it
 * detects edits, it is no security boundary (the HTML is only ever written by functions).
 */
export function markdownHash(markdown: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}:${markdown.length}`;
}

/** What a page can show of a body: its HTML when rendered from the current markdown, or else the previous
 * HTML (if any) while the trigger renders the new one. */
export function bodyHtmlState(body: { markdown: string; html?: string; htmlOf?: string }): {
  html: string;
  fresh: boolean;
} {
  return { html: body.html ?? '', fresh: body.html !== undefined && body.htmlOf === markdownHash(body.markdown) };
}

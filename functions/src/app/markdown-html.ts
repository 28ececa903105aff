import { createMarkdownRenderer } from '../shared/markdown';

/** Renders before the jsdom window is replaced: DOMPurify over one jsdom window gets slower with every call
 * (1,200 renders: 21 s, 25 s, 36 s), over a fresh window every 200 renders it stays flat (15 s, 15 s, 18 s).
 * Memory still grows with the renders of one process (jsdom keeps what DOMPurify parsed, window or not). */
const RENDERS_PER_WINDOW = 200;

/**
 * Markdown to safe HTML on the server: the web's renderer and sanitizer (`shared/markdown.ts`) over a jsdom
 * window. Used for emails and for materials' stored body HTML, so both are sanitized exactly as the web was.
 */
let renderer: ((source: string) => string) | undefined;
let renders = 0;
let closeWindow: (() => void) | undefined;
export function renderMarkdownHtml(source: string): string {
  if (!renderer || renders >= RENDERS_PER_WINDOW) {
    closeWindow?.();
    // jsdom is heavy and every function of this codebase loads this module at cold start: require it only
    // when markdown is actually rendered.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JSDOM } = require('jsdom') as typeof import('jsdom');
    const { window } = new JSDOM('');
    closeWindow = () => window.close();
    renderer = createMarkdownRenderer(window as unknown as Parameters<typeof createMarkdownRenderer>[0]);
    renders = 0;
  }
  renders++;
  return renderer(source);
}

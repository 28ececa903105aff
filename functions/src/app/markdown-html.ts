import { createMarkdownRenderer } from '../shared/markdown';

/**
 * Markdown to safe HTML on the server: the web's renderer and sanitizer (`shared/markdown.ts`) over a jsdom
 * window. Used for emails and for materials' stored body HTML, so both are sanitized exactly as the web was.
 */
let renderer: ((source: string) => string) | undefined;
export function renderMarkdownHtml(source: string): string {
  if (!renderer) {
    // jsdom is heavy and every function of this codebase loads this module at cold start: require it only
    // when markdown is actually rendered.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JSDOM } = require('jsdom') as typeof import('jsdom');
    renderer = createMarkdownRenderer(new JSDOM('').window as unknown as Parameters<typeof createMarkdownRenderer>[0]);
  }
  return renderer(source);
}

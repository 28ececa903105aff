import { createMarkdownRenderer } from '@shared/markdown';

export { isSafeUrl } from '@shared/markdown';

// Made on first use, in the browser: DOMPurify needs a DOM, and the server renders no body.
let renderer: ((source: string) => string) | undefined;

/** Markdown to HTML that is safe to put in the page with v-html: the admin editor's preview, loaded on demand
 * (pages show the HTML functions stored; see @shared/markdown and functions/src/app/markdown-html.ts). */
export const renderMarkdown = (source: string) => (renderer ??= createMarkdownRenderer())(source);

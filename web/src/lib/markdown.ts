import { createMarkdownRenderer } from '@shared/markdown';

/** Markdown to HTML that is safe to put in the page with v-html: the admin editor's preview, loaded on demand
 * (pages show the HTML functions stored; see @shared/markdown and functions/src/app/markdown-html.ts). */
export const renderMarkdown = createMarkdownRenderer();

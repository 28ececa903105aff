import { createMarkdownRenderer } from '@shared/markdown';

export { isSafeUrl } from '@shared/markdown';

/** Markdown to HTML that is safe to put in the page with v-html (shared with emails: see @shared/markdown). */
export const renderMarkdown = createMarkdownRenderer();

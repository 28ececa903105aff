import { escapeHtml } from '../shared/html';

/** The stylesheet of link pages, a static file of the web build (web/public), served by Hosting beside them. */
export const LINK_PAGE_STYLESHEET = '/link-page.css';

/**
 * A page a mail's link opens (unsubscribe, confirm a subscription). Hosting's CSP allows styles from the
 * site's own files only (`style-src 'self'`), so, unlike a mail's layout, it carries no inline style and
 * links a static stylesheet.
 */
export function linkPageHtml({ title, blocks, footer }: { title: string; blocks: string[]; footer: string[] }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="${LINK_PAGE_STYLESHEET}"></head>
<body><main class="link-page">
${blocks.join('\n')}
</main>${footer.length ? `<footer class="link-page-footer">${footer.join('<br>')}</footer>` : ''}</body></html>`;
}

import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

// Raw HTML in markdown is not rendered at all (html: false); DOMPurify then removes anything unsafe that
// markdown itself can produce. markdown-it already refuses javascript:, vbscript: and data: (except images) links.
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

const SAFE_URL = /^(?:https?:|mailto:|\/|#|\.{0,2}\/|[^a-z]*$)/i;

let hooked = false;
function purifier() {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      for (const attr of ['href', 'src']) {
        const value = node.getAttribute(attr);
        if (value !== null && !SAFE_URL.test(value.trim())) node.removeAttribute(attr);
      }
      if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

/** Markdown to HTML that is safe to put in the page with v-html. */
export function renderMarkdown(source: string): string {
  return purifier().sanitize(md.render(source), {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style'],
    ADD_ATTR: ['target'],
  });
}

import createDOMPurify, { type WindowLike } from 'dompurify';
import MarkdownIt from 'markdown-it';

// Markdown to HTML for members' eyes (the web app's v-html, and emails), in two layers: markdown-it with
// raw HTML off (html: false, so `<script>` typed in a body is shown as text) and its own link validation;
// then DOMPurify over the result, with forms, frames, embeds, SVG/MathML and style attributes forbidden
// and only http(s), mailto and relative URLs allowed in href/src. External links open in a new tab
// without leaking the opener or referrer. The browser passes nothing; functions pass a jsdom window.
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

const SAFE_SCHEME = /^(?:https?|mailto):/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// What browsers ignore inside a URL (so `jav\tascript:` is `javascript:`) or strip from its start.
const URL_NOISE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;

/** True for http(s), mailto and relative URLs (`/x`, `./x`, `x.png`, `#top`, `?q`). */
export function isSafeUrl(value: string): boolean {
  const url = value.replace(URL_NOISE, '');
  if (url.startsWith('//')) return true; // protocol-relative: http(s)
  if (HAS_SCHEME.test(url)) return SAFE_SCHEME.test(url);
  // No scheme before the first / ? #: a relative URL. Reject a colon there (`javascript&colon;` decoded
  // elsewhere, or odd schemes the regex above did not see).
  const head = url.split(/[/?#]/, 1)[0] ?? '';
  return !head.includes(':');
}

const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background', 'cite'];

function secureLinks(node: Element) {
  for (const attr of URL_ATTRIBUTES) {
    const value = node.getAttribute(attr);
    if (value !== null && !isSafeUrl(value)) node.removeAttribute(attr);
  }
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (/^(?:https?:)?\/\//i.test(href.replace(URL_NOISE, ''))) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    } else {
      node.removeAttribute('target');
    }
  }
}

/** A code block scrolls sideways when its lines are long: it takes the keyboard focus (WCAG 2.1.1), set here so
 * the HTML stored at save time carries it. */
function focusableCode(node: Element) {
  if (node.tagName === 'PRE') node.setAttribute('tabindex', '0');
}

const PURIFY_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'iframe',
    'frame',
    'object',
    'embed',
    'svg',
    'math',
    'base',
    'meta',
    'link',
    'template',
  ],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href'],
  ADD_ATTR: ['target'],
  ALLOW_DATA_ATTR: false,
};

/** A renderer of markdown to HTML that is safe to put in a page (v-html) or an email. */
export function createMarkdownRenderer(window?: WindowLike): (source: string) => string {
  const purify = window ? createDOMPurify(window) : createDOMPurify();
  purify.addHook('afterSanitizeAttributes', secureLinks);
  purify.addHook('afterSanitizeAttributes', focusableCode);
  return (source) => purify.sanitize(md.render(source), PURIFY_CONFIG);
}

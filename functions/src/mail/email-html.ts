import { compile } from 'html-to-text';
import { escapeHtml } from '../shared/html';

// Email bodies: blocks of safe HTML (markdown through `renderMarkdownHtml`, the web's sanitizer) in a simple
// table layout with inline styles, which is what mail clients render reliably; the text/plain part is the
// same blocks rendered to text by html-to-text, so it never shows markdown syntax or HTML.

export interface EmailLayout {
  title: string;
  /** Hidden preheader text shown by clients after the subject. */
  preview?: string;
  /** Already-safe HTML blocks (rendered markdown, or built here with escapeHtml). */
  blocks: string[];
  footer: string[];
}

/** A call-to-action block: a button-like link (its text part reads "Label: URL"). */
export function buttonBlock(label: string, href: string): string {
  return `<p style="margin:24px 0"><a class="action" href="${escapeHtml(href)}" style="background:#1e4b9a;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`;
}

/** The footer line with the community's postal address, or nothing when none is configured. */
export const postalAddressLine = (postalAddress: string | undefined): string[] =>
  postalAddress ? [escapeHtml(postalAddress)] : [];

export function layoutHtml({ title, preview, blocks, footer }: EmailLayout): string {
  const pre = preview
    ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeHtml(preview)}</div>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;background:#f5f6f8;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1b1f29">${pre}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:640px;background:#fff;border-radius:8px" cellpadding="0" cellspacing="0"><tr><td style="padding:28px 32px;line-height:1.55;font-size:16px">
${blocks.join('\n')}
</td></tr></table>
<p style="max-width:640px;color:#5b6275;font-size:13px;line-height:1.5">${footer.join('<br>')}</p>
</td></tr></table></body></html>`;
}

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

// Compiled once: html-to-text builds its selector tree per options object. No word wrap: a link must stay
// on one line (clients wrap plain text themselves), and quoted-printable keeps the lines short on the wire.
const toText = compile({
  wordwrap: false,
  selectors: [
    ...headings,
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'a.action', format: 'actionLink' },
    { selector: 'img', format: 'skip' },
    { selector: 'hr', options: { length: 20 } },
  ],
  formatters: {
    /** A call to action as "Label: URL", the form people (and our tests) read in plain text. */
    actionLink(elem, walk, builder) {
      walk(elem.children, builder);
      const href = (elem as { attribs?: Record<string, string> }).attribs?.href;
      if (href) builder.addLiteral(`: ${href}`);
    },
  },
});

/** The text/plain part of an email: its blocks and footer as plain text (links as `text [URL]`). */
export function emailText(blocks: string[], footer: string[]): string {
  return toText(`${blocks.join('\n')}<hr><p>${footer.join('<br>')}</p>`).trim();
}

/** An email's HTML and its text part from one layout. */
export function renderEmail(layout: EmailLayout): { html: string; text: string } {
  return { html: layoutHtml(layout), text: emailText(layout.blocks, layout.footer) };
}

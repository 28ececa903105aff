import { escapeHtml } from '../shared/html';

// Email bodies: blocks of safe HTML (markdown through `renderMarkdownHtml`, the web's sanitizer) in a simple
// table layout with inline styles, which is what mail clients render reliably.

export interface EmailLayout {
  title: string;
  /** Hidden preheader text shown by clients after the subject. */
  preview?: string;
  /** Already-safe HTML blocks (rendered markdown, or built here with escapeHtml). */
  blocks: string[];
  footer: string[];
}

/** A call-to-action block: a button-like link. */
export function buttonBlock(label: string, href: string): string {
  return `<p style="margin:24px 0"><a href="${escapeHtml(href)}" style="background:#1e4b9a;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`;
}

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

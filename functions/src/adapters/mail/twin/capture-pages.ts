import { escapeHtml } from '../../../shared/html';
import type { CapturedMessage } from './capture-store';

/** The dev inbox pages. Every captured value is escaped; the HTML part only renders inside a sandboxed iframe. */

// The inbox shows the newest messages only: a 10,000-message bench must not produce a 10 MB page.
export const INBOX_PAGE_LIMIT = 500;

const style = `
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; }
  header { display: flex; gap: 1rem; align-items: center; padding: .75rem 1rem; background: #f4f4f6;
    border-bottom: 1px solid #ddd; }
  header h1 { font-size: 1rem; margin: 0; flex: 1; }
  main { padding: 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
  td.time { white-space: nowrap; color: #555; }
  iframe { width: 100%; height: 60vh; border: 1px solid #ccc; background: #fff; }
  pre { white-space: pre-wrap; background: #f8f8f8; padding: .75rem; border: 1px solid #eee; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; } dd { margin: 0; word-break: break-all; }
  button { cursor: pointer; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><header><h1><a href="/">Mail capture</a></h1>
<form method="post" action="/clear"><button type="submit">Clear</button></form></header>
<main>${body}</main></body></html>`;
}

function time(iso: string): string {
  return escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}

export function inboxPage(messages: CapturedMessage[], total: number, filter?: string): string {
  const rows = messages
    .map(
      (m) => `<tr><td class="time">${time(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td>
<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('\n');
  const shown =
    messages.length < total ? `newest ${messages.length} of ${total}` : `${total} message${total === 1 ? '' : 's'}`;
  const filtered = filter ? ` to ${escapeHtml(filter)} (<a href="/">all</a>)` : '';
  return layout(
    'Mail capture',
    `<p>${shown}${filtered}</p>
<table><thead><tr><th>Time</th><th>To</th><th>Subject</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">No mail yet.</td></tr>'}
</tbody></table>`,
  );
}

export function messagePage(m: CapturedMessage): string {
  const headers = Object.entries(m.headers)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  // sandbox="" gives the mail no scripts, forms, popups or same-origin access; srcdoc is attribute-escaped.
  const html = m.html
    ? `<iframe sandbox="" title="HTML part" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : '<p>(no HTML part)</p>';
  return layout(
    m.subject || 'Message',
    `<h2>${escapeHtml(m.subject || '(no subject)')}</h2>
<dl><dt>From</dt><dd>${escapeHtml(m.from)}</dd><dt>To</dt><dd>${escapeHtml(m.to.join(', '))}</dd>
<dt>Received</dt><dd>${time(m.receivedAt)}</dd></dl>
${html}
<h3>Text part</h3><pre>${escapeHtml(m.text || '(no text part)')}</pre>
<h3>Headers</h3><dl>${headers}</dl>
<p><a href="/api/messages/${encodeURIComponent(m.id)}">JSON</a></p>`,
  );
}

export function notFoundPage(): string {
  return layout('Not found', '<p>No such message (cleared?). <a href="/">Back to the inbox</a></p>');
}

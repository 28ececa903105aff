import { escapeHtml } from '../../../shared/html';
import type { CatcherScimUser } from './catcher-scim';

/** The catcher's dev page. Posts carry community-written text, so every value is escaped. */

export interface ChatPost {
  channel: 'slack' | 'telegram';
  /** The parsed JSON body as the adapter sent it. */
  body: unknown;
  receivedAt: string;
}

// A long dev session must not turn the page into megabytes.
const PAGE_LIMIT = 200;

function messageText(body: unknown): string {
  const text = body && typeof body === 'object' ? (body as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : '';
}

export function catcherPage(posts: ChatPost[], users: CatcherScimUser[]): string {
  const shown = posts.slice(-PAGE_LIMIT).reverse();
  const rows = shown
    .map(
      (p) => `<tr><td>${escapeHtml(p.receivedAt)}</td><td>${escapeHtml(p.channel)}</td>
<td><pre>${escapeHtml(messageText(p.body))}</pre><details><summary>JSON</summary><pre>${escapeHtml(
        JSON.stringify(p.body, null, 2),
      )}</pre></details></td></tr>`,
    )
    .join('\n');
  const people = users
    .map((u) => `<li>${escapeHtml(u.emails[0]?.value ?? u.userName)}: ${u.active ? 'active' : 'deactivated'}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat catcher</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:1rem;color:#1d1d1f}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
pre{white-space:pre-wrap;margin:0}</style></head>
<body><h1>Chat catcher</h1>
<p>${posts.length} post${posts.length === 1 ? '' : 's'}${posts.length > shown.length ? ` (newest ${shown.length} shown)` : ''}</p>
<table><thead><tr><th>Received</th><th>Channel</th><th>Message</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">No posts yet.</td></tr>'}
</tbody></table>
<h2>Slack SCIM users</h2>
<ul>${people || '<li>None.</li>'}</ul>
</body></html>`;
}

import type { TwinData, TwinMeeting, TwinRecording } from './twin-state';

/** The twin's pages: the meeting list and one page per meeting with "End meeting". */

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Zoom twin</title>
<style>body{font:15px system-ui;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{padding:.35rem .5rem;border-bottom:1px solid #ddd;text-align:left}
button{background:#0b5cff;color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;font-size:15px;cursor:pointer}
.off{background:#777}.note{color:#666;font-size:13px}</style></head>
<body><p class="note"><a href="/">Zoom twin</a>: a local stand-in for Zoom (meetings, recordings, webhooks).</p>
<h1>${esc(title)}</h1>${body}</body></html>`;

function webhookSwitch(data: TwinData, back: string): string {
  return `<form method="post" action="/webhook-switch"><input type="hidden" name="back" value="${esc(back)}">
<label><input type="checkbox" name="off" value="1" ${data.sendWebhook ? '' : 'checked'} onchange="this.form.submit()">
Don't send the webhook when a meeting ends (the poller must find the recording)</label>
<noscript><button>Save</button></noscript></form>`;
}

export function listPage(data: TwinData): string {
  const rows = Object.values(data.meetings)
    .sort((a, b) => a.start_time.localeCompare(b.start_time))
    .map(
      (m) =>
        `<tr><td><a href="/meetings/${m.id}">${esc(m.topic)}</a></td><td>${esc(m.id)}</td><td>${esc(m.start_time)}</td><td>${esc(m.status)}</td></tr>`,
    )
    .join('');
  return layout(
    'Meetings',
    `${webhookSwitch(data, '/')}
<table><tr><th>Topic</th><th>Meeting id</th><th>Start (UTC)</th><th>Status</th></tr>${rows || '<tr><td colspan="4">No meetings yet: publish a Zoom event.</td></tr>'}</table>`,
  );
}

export function meetingPage(data: TwinData, m: TwinMeeting, rec: TwinRecording | undefined): string {
  const files = rec
    ? `<h2>Cloud recording</h2><table>${rec.files
        .map(
          (f) => `<tr><td>${esc(f.recording_type)}</td><td>${esc(f.file_type)}</td><td>${f.file_size} bytes</td></tr>`,
        )
        .join('')}</table>`
    : '';
  return layout(
    m.topic,
    `<table>
<tr><th>Meeting id</th><td>${m.id}</td></tr><tr><th>uuid</th><td>${esc(m.uuid)}</td></tr>
<tr><th>Start</th><td>${esc(m.start_time)} (${esc(m.timezone)}), ${m.duration} min</td></tr>
<tr><th>Join URL</th><td>${esc(m.join_url)}</td></tr><tr><th>Passcode</th><td>${esc(m.password || '—')}</td></tr>
<tr><th>Settings</th><td>${esc(JSON.stringify(m.settings))}</td></tr><tr><th>Status</th><td>${esc(m.status)}</td></tr>
</table>
${webhookSwitch(data, `/meetings/${m.id}`)}
<form method="post" action="/meetings/${m.id}/end"><p>
<label>Video size (bytes) <input name="size" type="number" min="0" value="${rec?.files[0]?.file_size ?? 20_000_000}"></label>
<button>End meeting</button></p>
<p class="note">Ends the meeting and makes its cloud recording (MP4, M4A, VTT transcript, chat)${
      data.sendWebhook ? ', then sends the signed recording.completed webhook.' : '; no webhook (switched off).'
    }</p></form>${files}`,
  );
}

export const messagePage = (title: string, message: string) => layout(title, `<p>${esc(message)}</p>`);

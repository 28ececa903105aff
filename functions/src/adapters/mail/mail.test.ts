import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../testing/ports';
import type { OutgoingEmail } from '../../shared/mail';
import { createMailTransport, mailTransportFromEnv, resetMailTransport } from './index';
import { startMailCapture, type CapturedMessage, type MailCapture } from './twin/mail-capture';
import { MailTransportError } from './mail-transport';
import { PostmarkTransport } from './postmark-transport';
import { SmtpTransport, parseSmtpUrl } from './smtp-transport';

const unsubscribe = '<https://x/u?t=1>, <mailto:u@x>';

function email(n: number, over: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    id: `msg-${n}`,
    to: `member${n}@example.test`,
    from: 'Commons <news@commons.test>',
    subject: `Issue ${n}: Grüße & <news>`,
    html: `<p>Hello <b>${n}</b> "quoted" <script>alert(1)</script></p>`,
    text: `Hello ${n}\nSecond line`,
    headers: { 'List-Unsubscribe': unsubscribe, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    stream: 'newsletter',
    ...over,
  };
}

async function api<T>(capture: MailCapture, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${capture.url}${path}`, init);
  expect(res.ok).toBe(true);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

describe('SMTP transport into the local capture', () => {
  let capture: MailCapture;
  let transport: SmtpTransport;

  beforeAll(async () => {
    capture = await startMailCapture({ smtpPort: 0, httpPort: 0 });
    transport = new SmtpTransport({ host: '127.0.0.1', port: capture.smtpPort, secure: false, pool: 3 });
  });
  afterAll(async () => {
    await transport.close();
    await capture.close();
  });
  beforeEach(() => capture.clear());

  it('delivers html, text and headers intact; a bad recipient fails only its own message', async () => {
    const batch = [email(1), email(2), { ...email(3), id: 'bad', to: 'bad@@x' }, email(4)];
    const results = await transport.sendBatch(batch);

    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['msg-1', true],
      ['msg-2', true],
      ['bad', false],
      ['msg-4', true],
    ]);
    expect(results[2]?.error).toBeTruthy();
    expect(results[0]?.providerId).toMatch(/^<.+@.+>$/);

    const messages = await api<CapturedMessage[]>(capture, '/api/messages');
    expect(messages).toHaveLength(3);
    for (const n of [1, 2, 4]) {
      const m = messages.find((x) => x.to[0] === `member${n}@example.test`);
      expect(m, `message ${n}`).toBeDefined();
      expect(m!.to).toEqual([`member${n}@example.test`]);
      expect(m!.from).toBe('Commons <news@commons.test>');
      expect(m!.subject).toBe(`Issue ${n}: Grüße & <news>`);
      expect(m!.html).toBe(email(n).html);
      expect(m!.text.trim()).toBe(email(n).text);
      expect(m!.headers['list-unsubscribe']).toBe(unsubscribe);
      expect(m!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(m!.headers['x-commons-message-id']).toBe(`msg-${n}`);
      expect(m!.headers['content-type']).toMatch(/^multipart\/alternative/);
      expect(Date.parse(m!.receivedAt)).not.toBeNaN();
    }

    const toTwo = await api<CapturedMessage[]>(capture, '/api/messages?to=MEMBER2@example.test');
    expect(toTwo.map((m) => m.headers['x-commons-message-id'])).toEqual(['msg-2']);
  });

  it('sends attachments as files the capture reads back byte for byte', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Grüße\r\nEND:VCALENDAR\r\n';
    const [result] = await transport.sendBatch([
      email(7, {
        attachments: [
          { filename: 'invite.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics },
        ],
      }),
    ]);
    expect(result?.ok).toBe(true);
    const [m] = capture.messages();
    expect(m?.headers['content-type']).toMatch(/^multipart\/mixed/);
    expect(m?.attachments).toEqual([{ filename: 'invite.ics', contentType: 'text/calendar', content: ics }]);
    expect(m?.text.trim()).toBe(email(7).text);
  });

  it('refuses a header with a line break as that message failure, and never lets headers replace ours', async () => {
    const injected = email(5, { headers: { 'X-Note': 'a\r\nBcc: victim@example.test' } });
    const spoof = email(6, { headers: { 'X-Commons-Message-Id': 'forged', Subject: 'forged' } });
    const results = await transport.sendBatch([injected, spoof]);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0]?.error).toMatch(/line breaks/);
    const [m] = capture.messages();
    expect(m?.headers['x-commons-message-id']).toBe('msg-6');
    expect(m?.subject).toBe('Issue 6: Grüße & <news>');
  });

  it('serves a dev inbox whose message view sandboxes the HTML part', async () => {
    await transport.sendBatch([email(7)]);
    const [m] = capture.messages();
    const inbox = await (await fetch(capture.url)).text();
    expect(inbox).toContain('member7@example.test');
    expect(inbox).toContain(`/messages/${m!.id}`);
    expect(inbox).toContain('Issue 7: Grüße &amp; &lt;news&gt;');

    const page = await (await fetch(`${capture.url}/messages/${m!.id}`)).text();
    expect(page).toContain(
      '<iframe sandbox="" title="HTML part" srcdoc="&lt;p&gt;Hello &lt;b&gt;7&lt;/b&gt; &quot;quoted&quot;',
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('Second line');
    expect(page).toContain('list-unsubscribe');

    expect(await api<{ ok: boolean; messages: number }>(capture, '/api/health')).toEqual({ ok: true, messages: 1 });
    await api(capture, '/api/messages', { method: 'DELETE' });
    expect(await api<CapturedMessage[]>(capture, '/api/messages')).toEqual([]);
  });

  it('throws, so the caller can retry the batch, when the server cannot be reached', async () => {
    const down = new SmtpTransport({ host: '127.0.0.1', port: await closedPort(), secure: false, pool: 2 });
    try {
      const sent = down.sendBatch([email(8), email(9)]);
      await expect(sent).rejects.toBeInstanceOf(MailTransportError);
      await expect(sent).rejects.toThrow(/SMTP send failed, nothing was sent/);
    } finally {
      await down.close();
    }
  });
});

describe('mail capture persistence', () => {
  it('keeps the inbox in its data file across restarts', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'mail-capture-')), 'inbox.jsonl');
    const first = await startMailCapture({ smtpPort: 0, httpPort: 0, dataFile });
    const transport = new SmtpTransport(`smtp://127.0.0.1:${first.smtpPort}?pool=1`);
    await transport.sendBatch([email(1), email(2)]);
    await transport.close();
    await first.close();
    expect(readFileSync(dataFile, 'utf8').trim().split('\n')).toHaveLength(2);

    const second = await startMailCapture({ smtpPort: 0, httpPort: 0, dataFile });
    try {
      expect(second.messages().map((m) => m.headers['x-commons-message-id'])).toEqual(['msg-1', 'msg-2']);
      second.clear();
    } finally {
      await second.close();
    }
    expect(readFileSync(dataFile, 'utf8')).toBe('');
  });
});

/** A local server speaking Postmark's batch wire format. */
function fakePostmark(token: string) {
  const requests: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  let forceStatus: number | undefined;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/email/batch') return reply(404, { ErrorCode: 404, Message: 'nope' });
    if (req.headers['x-postmark-server-token'] !== token) {
      return reply(401, {
        ErrorCode: 10,
        Message: 'The Server Token you provided in the X-Postmark-Server-Token request header was invalid.',
      });
    }
    if (forceStatus) return reply(forceStatus, { ErrorCode: 0, Message: 'Internal server error' });
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
    }
    requests.push({ headers: req.headers, body });
    if (!Array.isArray(body)) return reply(422, { ErrorCode: 403, Message: 'Incompatible JSON input.' });
    if (body.length > 500) return reply(422, { ErrorCode: 410, Message: 'Too many batch messages' });
    reply(
      200,
      body.map((m: { To: string }) =>
        m.To.includes('@@')
          ? { ErrorCode: 300, Message: 'Invalid email request', To: m.To }
          : { ErrorCode: 0, Message: 'OK', MessageID: randomUUID(), To: m.To, SubmittedAt: new Date().toISOString() },
      ),
    );
  });
  return {
    requests,
    failWith: (status: number | undefined) => (forceStatus = status),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Postmark transport at its HTTP boundary', () => {
  const token = 'server-token-123';
  const postmark = fakePostmark(token);
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = await postmark.start();
  });
  afterAll(() => postmark.stop());
  beforeEach(() => {
    postmark.requests.length = 0;
    postmark.failWith(undefined);
  });

  it('sends one batch request with Postmark fields and maps per-message results in order', async () => {
    const transport = new PostmarkTransport({ serverToken: token, baseUrl: `${baseUrl}/` });
    const results = await transport.sendBatch([
      email(1),
      email(2, { id: 'bad', to: 'bad@@x' }),
      email(3, { stream: 'transactional', headers: undefined }),
    ]);

    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['msg-1', true],
      ['bad', false],
      ['msg-3', true],
    ]);
    expect(results[0]?.providerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(results[1]?.error).toBe('Postmark error 300: Invalid email request');

    expect(postmark.requests).toHaveLength(1);
    const [request] = postmark.requests;
    expect(request?.headers['accept']).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual([
      {
        From: 'Commons <news@commons.test>',
        To: 'member1@example.test',
        Subject: 'Issue 1: Grüße & <news>',
        HtmlBody: email(1).html,
        TextBody: email(1).text,
        Headers: [
          { Name: 'List-Unsubscribe', Value: unsubscribe },
          { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          { Name: 'X-Commons-Message-Id', Value: 'msg-1' },
        ],
        MessageStream: 'broadcast',
        Metadata: { commonsMessageId: 'msg-1' },
      },
      expect.objectContaining({ To: 'bad@@x', MessageStream: 'broadcast' }),
      {
        From: 'Commons <news@commons.test>',
        To: 'member3@example.test',
        Subject: 'Issue 3: Grüße & <news>',
        HtmlBody: email(3).html,
        TextBody: email(3).text,
        Headers: [{ Name: 'X-Commons-Message-Id', Value: 'msg-3' }],
        MessageStream: 'outbound',
        Metadata: { commonsMessageId: 'msg-3' },
      },
    ]);
  });

  it("sends attachments base64-encoded in Postmark's Attachments field", async () => {
    const transport = new PostmarkTransport({ serverToken: token, baseUrl });
    const content = 'BEGIN:VCALENDAR\r\nSUMMARY:Grüße\r\nEND:VCALENDAR\r\n';
    await transport.sendBatch([
      email(1, { attachments: [{ filename: 'event.ics', contentType: 'text/calendar; charset=utf-8', content }] }),
    ]);
    const [message] = postmark.requests[0]?.body as Array<Record<string, unknown>>;
    expect(message?.Attachments).toEqual([
      {
        Name: 'event.ics',
        Content: Buffer.from(content, 'utf8').toString('base64'),
        ContentType: 'text/calendar; charset=utf-8',
      },
    ]);
  });

  it('throws a clear error when the token is refused (401)', async () => {
    const transport = new PostmarkTransport({ serverToken: 'wrong', baseUrl });
    const sent = transport.sendBatch([email(1)]);
    await expect(sent).rejects.toThrow(
      /Postmark rejected the server token \(HTTP 401\): ErrorCode 10: The Server Token/,
    );
    await expect(sent).rejects.toMatchObject({ retryable: false, status: 401 });
  });

  it('throws a retryable error on a 5xx or when Postmark cannot be reached', async () => {
    const transport = new PostmarkTransport({ serverToken: token, baseUrl });
    postmark.failWith(503);
    await expect(transport.sendBatch([email(1)])).rejects.toMatchObject({ retryable: true, status: 503 });

    const unreachable = new PostmarkTransport({
      serverToken: token,
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
    });
    await expect(unreachable.sendBatch([email(1)])).rejects.toThrow(/Postmark batch request failed/);
  });

  it('refuses more than 500 messages per call', async () => {
    const transport = new PostmarkTransport({ serverToken: token, baseUrl });
    const many = Array.from({ length: 501 }, (_, i) => email(i));
    await expect(transport.sendBatch(many)).rejects.toThrow(/exceeds maxBatch 500/);
  });
});

describe('mailTransportFromEnv', () => {
  afterAll(() => resetMailTransport());

  it('chooses the transport by MAIL_TRANSPORT and keeps one per process', async () => {
    expect(createMailTransport({}).name).toBe('smtp');
    expect(createMailTransport({ MAIL_TRANSPORT: 'postmark', POSTMARK_SERVER_TOKEN: 't' }).name).toBe('postmark');
    expect(() => createMailTransport({ MAIL_TRANSPORT: 'postmark' })).toThrow(/POSTMARK_SERVER_TOKEN/);
    expect(() => createMailTransport({ MAIL_TRANSPORT: 'sendgrid' })).toThrow(/Unknown MAIL_TRANSPORT "sendgrid"/);

    const env = { MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://127.0.0.1:1025' };
    const first = mailTransportFromEnv(env);
    expect(mailTransportFromEnv(env)).toBe(first);
    await resetMailTransport();
    expect(mailTransportFromEnv(env)).not.toBe(first);
  });

  it('parses smtp:// and smtps:// URLs', () => {
    expect(parseSmtpUrl('smtp://127.0.0.1:1025')).toEqual({
      host: '127.0.0.1',
      port: 1025,
      secure: false,
      user: undefined,
      pass: undefined,
      pool: undefined,
    });
    expect(parseSmtpUrl('smtps://me%40x.test:p%3Ass@mail.x.test?pool=8')).toEqual({
      host: 'mail.x.test',
      port: 465,
      secure: true,
      user: 'me@x.test',
      pass: 'p:ss',
      pool: 8,
    });
    expect(() => parseSmtpUrl('http://x')).toThrow(/smtp:\/\/ or smtps:\/\//);
  });
});

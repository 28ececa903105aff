import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthMatches } from '../../domain/suppression';
import { renderEmail } from '../../mail/email-html';
import { newsletterHeaders, transactionalHeaders } from '../../mail/mail-headers';
import { postmarkRecordSchema } from '../../mail/postmark-webhook-payload';
import type { OutgoingEmail } from '../../shared/mail';
import { PostmarkTransport } from './postmark-transport';
import { SmtpTransport } from './smtp-transport';
import { startMailCapture, type MailCapture } from './twin/mail-capture';

// What mailbox providers look at, on the wire of both transports (List-Id, Feedback-ID, a text/plain part
// that is text), and the capture's bounces and complaints in Postmark's webhook format with basic auth.

const FROM = 'Commons <news@commons.test>';
const rendered = renderEmail({
  title: 'Issue',
  blocks: ['<h1>Window functions</h1><p>Read <strong>this</strong> and <a href="https://app.test/m">that</a>.</p>'],
  footer: [
    'Commons e.V., Musterstraße 1, Berlin',
    '<a class="action" href="https://app.test/email/unsubscribe?u=a&amp;t=b">Unsubscribe</a>',
  ],
});
const newsletter: OutgoingEmail = {
  id: 'issue1:uid1',
  to: 'member@example.test',
  from: FROM,
  subject: 'Window functions',
  ...rendered,
  headers: {
    'List-Unsubscribe': '<https://app.test/email/unsubscribe?u=a&t=b>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    ...newsletterHeaders('issue1', FROM),
  },
  stream: 'newsletter',
};

describe('the rendered text part', () => {
  it('is text: no tags, no markdown, links written out, the footer included', () => {
    expect(rendered.text).not.toMatch(/<\/?[a-z][^>]*>|\*\*|\]\(/i);
    expect(rendered.text).toContain('Window functions');
    expect(rendered.text).toContain('that [https://app.test/m]');
    expect(rendered.text).toContain('Commons e.V., Musterstraße 1, Berlin');
    expect(rendered.text).toContain('Unsubscribe: https://app.test/email/unsubscribe?u=a&t=b');
  });
});

describe('both transports carry List-Id, Feedback-ID and the text part', () => {
  let capture: MailCapture;
  beforeAll(async () => {
    capture = await startMailCapture({ smtpPort: 0, httpPort: 0 });
  });
  afterAll(() => capture.close());

  it('SMTP: the captured message has the headers and a text/plain part equal to the rendered text', async () => {
    const smtp = new SmtpTransport({ host: '127.0.0.1', port: capture.smtpPort, secure: false, pool: 1 });
    const mail = {
      ...newsletter,
      id: 'x',
      stream: 'transactional' as const,
      headers: transactionalHeaders('welcome', FROM),
    };
    await smtp.sendBatch([newsletter, mail]);
    await smtp.close();
    const [n, t] = capture.messages();
    expect(n?.headers['list-id']).toBe('Commons newsletter <newsletter.commons.test>');
    expect(n?.headers['feedback-id']).toBe('issue1:newsletter:commons.test');
    expect(n?.text.trim()).toBe(rendered.text);
    expect(t?.headers['feedback-id']).toBe('welcome:transactional:commons.test');
    expect(t?.headers['list-id']).toBeUndefined();
  });

  it("Postmark: Headers and TextBody in the batch request, as Postmark's API takes them", async () => {
    const bodies: unknown[] = [];
    const server: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Array<{ To: string }>;
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body.map((m) => ({ ErrorCode: 0, Message: 'OK', MessageID: 'm1', To: m.To }))));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const postmark = new PostmarkTransport({ serverToken: 't', baseUrl: `http://127.0.0.1:${port}` });
      expect((await postmark.sendBatch([newsletter]))[0]?.ok).toBe(true);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    const sent = (
      bodies as Array<Array<{ Headers: Array<{ Name: string; Value: string }>; TextBody: string }>>
    )[0]?.[0];
    expect(sent?.TextBody).toBe(rendered.text);
    expect(sent?.Headers).toEqual(
      expect.arrayContaining([
        { Name: 'List-Id', Value: 'Commons newsletter <newsletter.commons.test>' },
        { Name: 'Feedback-ID', Value: 'issue1:newsletter:commons.test' },
        { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
      ]),
    );
  });
});

describe('the capture bounces designated test addresses back as Postmark webhooks', () => {
  const AUTH = 'postmark:test-password';
  const received: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  let server: Server;
  let capture: MailCapture;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/postmarkWebhook`;
    capture = await startMailCapture({ smtpPort: 0, httpPort: 0, bounceWebhook: { url, auth: AUTH } });
  });
  afterAll(async () => {
    await capture.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('posts a hard bounce, a soft bounce and a complaint, each once, and nothing for other addresses', async () => {
    const smtp = new SmtpTransport({ host: '127.0.0.1', port: capture.smtpPort, secure: false, pool: 1 });
    const to = ['gone@bounce.test', 'full@soft-bounce.test', 'angry@complaint.test', 'fine@example.test'];
    const results = await smtp.sendBatch(to.map((address, i) => ({ ...newsletter, id: `m${i}`, to: address })));
    await smtp.close();
    expect(results.every((r) => r.ok)).toBe(true);
    for (let i = 0; i < 50 && received.length < 3; i++) await new Promise((r) => setTimeout(r, 50));

    expect(received).toHaveLength(3);
    for (const r of received) {
      expect(basicAuthMatches(r.headers.authorization, AUTH)).toBe(true);
      expect(postmarkRecordSchema.safeParse(r.body).success).toBe(true);
    }
    const records = received.map((r) => r.body as { RecordType: string; Type: string; Email: string; ID: number });
    expect(records.map((r) => [r.Email, r.RecordType, r.Type]).sort()).toEqual([
      ['angry@complaint.test', 'SpamComplaint', 'SpamComplaint'],
      ['full@soft-bounce.test', 'Bounce', 'SoftBounce'],
      ['gone@bounce.test', 'Bounce', 'HardBounce'],
    ]);
    expect(new Set(records.map((r) => r.ID)).size).toBe(3);
    expect(
      capture
        .messages()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([...to].sort()); // still in the inbox
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closedPort } from '../../testing/ports';
import { clipEscaped, parseRetryAfter, type Announcement } from './chat-channel';
import { startChatCatcher, type ChatCatcher } from './twin/chat-catcher';
import { announcementChannelsFromEnv, slackScimFromEnv } from './index';
import { SlackScim, SlackScimError } from './slack-scim';
import { SlackWebhookChannel } from './slack-webhook';
import { TelegramBotChannel } from './telegram-bot';

const announcement: Announcement = {
  title: 'Hooks <script>alert(1)</script> & more',
  summary: 'Use <b>state</b> & effects > classes',
  url: 'https://commons.test/tutorials/hooks?ref=slack&x=1',
  kindLabel: 'New tutorial',
  accessLabel: 'Premium',
};

let catcher: ChatCatcher;

async function control(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const res = await fetch(`${catcher.url}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  expect(res.status).toBeLessThan(300);
  return res;
}

const fail = (body: { channel: string; times: number; status: number; retryAfter?: number }) =>
  control('/_catcher/fail', { body });

beforeAll(async () => {
  catcher = await startChatCatcher({ port: 0 });
});
afterAll(async () => {
  await catcher.close();
});
beforeEach(async () => {
  await control('/_catcher/posts', { method: 'DELETE' });
  await control('/_catcher/scim/users', { method: 'DELETE' });
});

describe('Slack incoming webhook', () => {
  const slack = () => new SlackWebhookChannel({ webhookUrl: `${catcher.url}/slack/webhook` });

  it('posts text and a mrkdwn section with the user text escaped', async () => {
    expect(await slack().post(announcement)).toEqual({ ok: true });

    const posts = catcher.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.channel).toBe('slack');
    const link =
      '<https://commons.test/tutorials/hooks?ref=slack&amp;x=1|Hooks &lt;script&gt;alert(1)&lt;/script&gt; &amp; more>';
    expect(posts[0]?.body).toEqual({
      text: `New tutorial · Premium: ${link}`,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `*${link}*\nUse &lt;b&gt;state&lt;/b&gt; &amp; effects &gt; classes` },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'New tutorial · Premium' }] },
      ],
    });
    expect(JSON.stringify(posts[0]?.body)).not.toContain('<script>');
  });

  it('reports injected 500 and 429 as retryable, with the Retry-After wait', async () => {
    await fail({ channel: 'slack', times: 1, status: 500 });
    const down = await slack().post(announcement);
    expect(down).toMatchObject({ ok: false, retryable: true });
    expect(down.ok === false && down.error).toBe('Slack webhook answered 500 internal_error');

    await fail({ channel: 'slack', times: 2, status: 429, retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const limited = await slack().post(announcement);
      expect(limited).toMatchObject({ ok: false, retryable: true, retryAfterSeconds: 7 });
      expect(limited.ok === false && limited.error).toMatch(/429 rate_limited; retry after 7 s/);
    }
    // The fault is used up: the next post goes through, and only it was recorded.
    expect(await slack().post(announcement)).toEqual({ ok: true });
    expect(catcher.posts()).toHaveLength(1);
  });

  it('reports a dead webhook as not retryable and an unreachable host as retryable', async () => {
    const dead = await new SlackWebhookChannel({ webhookUrl: `${catcher.url}/slack/services/T1/B1` }).post(
      announcement,
    );
    expect(dead).toEqual({ ok: false, retryable: false, error: 'Slack webhook answered 404 no_service' });

    const port = await closedPort();
    const webhookUrl = `http://127.0.0.1:${port}/services/T0/B0/secret-part`;
    const offline = await new SlackWebhookChannel({ webhookUrl }).post(announcement);
    expect(offline).toMatchObject({ ok: false, retryable: true });
    expect(offline.ok === false && offline.error).toMatch(/^Slack webhook request failed: .*ECONNREFUSED/);
    expect(offline.ok === false && offline.error).not.toContain('secret-part');
  });

  it('refuses a non-http announcement link without calling Slack', async () => {
    const result = await slack().post({ ...announcement, url: 'javascript:alert(1)' });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(catcher.posts()).toHaveLength(0);
  });
});

describe('Telegram bot', () => {
  const telegram = (token = '123:abc') =>
    new TelegramBotChannel({ token, chatId: '-1001234', baseUrl: `${catcher.url}/telegram` });

  it('sends HTML with the user text escaped and returns the message id', async () => {
    expect(await telegram().post(announcement)).toEqual({ ok: true, id: '1' });
    expect(await telegram().post({ ...announcement, summary: '' })).toEqual({ ok: true, id: '2' });

    const [first, second] = catcher.posts();
    expect(first?.channel).toBe('telegram');
    expect(first?.body).toEqual({
      chat_id: '-1001234',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: false },
      text:
        '<b><a href="https://commons.test/tutorials/hooks?ref=slack&amp;x=1">' +
        'Hooks &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</a></b>\n\n' +
        'Use &lt;b&gt;state&lt;/b&gt; &amp; effects &gt; classes\n\n' +
        '<i>New tutorial · Premium</i>',
    });
    expect((second?.body as { text: string }).text).not.toContain('Use ');
  });

  it('twin refuses unescaped tags the way Telegram does', async () => {
    const res = await fetch(`${catcher.url}/telegram/bot123:abc/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 1, text: 'Hi <script>x</script>', parse_mode: 'HTML' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, description: expect.stringContaining('"script"') });
  });

  it('reports injected 500 and 429 as retryable, with retry_after', async () => {
    await fail({ channel: 'telegram', times: 1, status: 500 });
    const down = await telegram().post(announcement);
    expect(down).toEqual({
      ok: false,
      retryable: true,
      error: 'Telegram sendMessage answered 500 Internal Server Error',
    });

    await fail({ channel: 'telegram', times: 1, status: 429, retryAfter: 12 });
    const limited = await telegram().post(announcement);
    expect(limited).toMatchObject({ ok: false, retryable: true, retryAfterSeconds: 12 });
    expect(limited.ok === false && limited.error).toMatch(/429 Too Many Requests: retry after 12; retry after 12 s/);
    expect(catcher.posts()).toHaveLength(0);
  });

  it('reports a bad token as not retryable, without leaking it', async () => {
    const result = await telegram('bad').post(announcement);
    expect(result).toEqual({ ok: false, retryable: false, error: 'Telegram sendMessage answered 401 Unauthorized' });

    const port = await closedPort();
    const offline = await new TelegramBotChannel({
      token: '999:top-secret',
      chatId: '1',
      baseUrl: `http://127.0.0.1:${port}`,
    }).post(announcement);
    expect(offline).toMatchObject({ ok: false, retryable: true });
    expect(offline.ok === false && offline.error).not.toContain('top-secret');
  });
});

describe('Slack SCIM', () => {
  const scim = (token = 'xoxp-scim') => new SlackScim({ token, baseUrl: catcher.url });
  const activeOf = (email: string) => catcher.scimUsers().find((u) => u.emails[0]?.value === email)?.active;

  it('deactivates and reactivates a member by email, idempotently', async () => {
    await control('/_catcher/scim/users', { body: { email: 'Ada@Example.test' } });
    await control('/_catcher/scim/users', { body: { email: 'grace@example.test' } });

    expect(await scim().deactivate('ada@example.test')).toBe('done');
    expect(activeOf('Ada@Example.test')).toBe(false);
    expect(activeOf('grace@example.test')).toBe(true);
    expect(await scim().deactivate('Ada@Example.test')).toBe('done');
    expect(activeOf('Ada@Example.test')).toBe(false);

    expect(await scim().reactivate('ada@example.test')).toBe('done');
    expect(activeOf('Ada@Example.test')).toBe(true);
  });

  it("returns 'not-found' for an unknown email", async () => {
    expect(await scim().deactivate('nobody@example.test')).toBe('not-found');
    expect(await scim().reactivate('nobody@example.test')).toBe('not-found');
  });

  it('throws a clear error for a refused token or a rate limit', async () => {
    await expect(scim('bad').deactivate('a@example.test')).rejects.toThrow(
      'Slack SCIM could not look up a user: 401 invalid_authentication',
    );
    await fail({ channel: 'scim', times: 1, status: 429, retryAfter: 30 });
    const err = await scim()
      .deactivate('a@example.test')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackScimError);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 30 });
    expect((err as Error).message).toMatch(/retry after 30 s/);
  });
});

describe('catcher', () => {
  it('lists posts on an escaped HTML page and answers health', async () => {
    await new SlackWebhookChannel({ webhookUrl: `${catcher.url}/slack/webhook` }).post(announcement);
    const page = await (await fetch(`${catcher.url}/`)).text();
    expect(page).toContain('1 post');
    expect(page).toContain('&amp;lt;script&amp;gt;');
    expect(page).not.toContain('<script>');
    expect(await (await control('/_catcher/health', { method: 'GET' })).json()).toEqual({ ok: true });
  });

  it('rejects a malformed fault', async () => {
    const res = await fetch(`${catcher.url}/_catcher/fail`, {
      method: 'POST',
      body: JSON.stringify({ channel: 'irc', times: 1, status: 500 }),
    });
    expect(res.status).toBe(400);
  });
});

describe('configuration and helpers', () => {
  it('builds the channels that are configured', () => {
    expect(announcementChannelsFromEnv({})).toEqual([]);
    const both = announcementChannelsFromEnv({
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
      TELEGRAM_BOT_TOKEN: '1:a',
      TELEGRAM_CHAT_ID: '@commons',
    });
    expect(both.map((c) => c.name)).toEqual(['slack', 'telegram']);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(announcementChannelsFromEnv({ SLACK_WEBHOOK_URL: ' ', TELEGRAM_BOT_TOKEN: '1:a' })).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    expect(slackScimFromEnv({})).toBeNull();
    expect(slackScimFromEnv({ SLACK_SCIM_TOKEN: 't' })).toBeInstanceOf(SlackScim);
  });

  it('parses Retry-After and clips without splitting entities', () => {
    expect(parseRetryAfter('42')).toBe(42);
    expect(parseRetryAfter(new Date(100_000).toUTCString(), 40_000)).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
    const escape = (s: string) => s.replace(/&/g, '&amp;');
    expect(clipEscaped('a&b&c', 5, escape)).toBe('a…');
    expect(clipEscaped('a&b&c', 8, escape)).toBe('a&amp;b…');
    expect(clipEscaped('short', 9, escape)).toBe('short');
  });
});

import {
  DEFAULT_TIMEOUT_MS,
  announcementUrl,
  clipEscaped,
  contextLine,
  httpFailure,
  inputFailure,
  networkFailure,
  parseRetryAfter,
  type Announcement,
  type AnnouncementChannel,
  type PostResult,
} from './chat-channel';

export interface SlackWebhookConfig {
  /** The incoming webhook URL (https://hooks.slack.com/services/...). It is a secret: it is never logged. */
  webhookUrl: string;
  timeoutMs?: number;
}

/** The JSON body of an incoming-webhook post. */
export interface SlackMessage {
  text: string;
  blocks: Array<
    | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
    | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  >;
}

const LABEL = 'Slack webhook';
// Slack rejects a section text over 3,000 characters; leave room for the title and the link.
const MAX_TITLE = 300;
const MAX_SUMMARY = 2_000;

/** Slack's mrkdwn gives `&`, `<` and `>` a meaning (entities, links, mentions); everything else is literal. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The post for an announcement, or null when its URL is not http(s). */
export function slackMessage(a: Announcement): SlackMessage | null {
  const href = announcementUrl(a.url);
  if (!href) return null;
  // `|` ends the URL part of `<url|label>`; the WHATWG URL keeps it unencoded in paths and queries.
  const url = escapeSlack(href.replace(/\|/g, '%7C'));
  const title = clipEscaped(a.title.trim() || href, MAX_TITLE, escapeSlack);
  const summary = clipEscaped(a.summary.trim(), MAX_SUMMARY, escapeSlack);
  const context = escapeSlack(contextLine(a));
  const link = `<${url}|${title}>`;
  const blocks: SlackMessage['blocks'] = [
    { type: 'section', text: { type: 'mrkdwn', text: summary ? `*${link}*\n${summary}` : `*${link}*` } },
  ];
  if (context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  // `text` is the notification and screen-reader fallback when blocks are present.
  return { text: context ? `${context}: ${link}` : link, blocks };
}

/** Posts announcements through a Slack incoming webhook (one channel per webhook). */
export class SlackWebhookChannel implements AnnouncementChannel {
  readonly name = 'slack';
  private readonly webhookUrl: string;
  private readonly timeoutMs: number;

  constructor(config: SlackWebhookConfig) {
    if (!announcementUrl(config.webhookUrl)) throw new Error('Slack webhook URL (SLACK_WEBHOOK_URL) must be http(s)');
    this.webhookUrl = config.webhookUrl;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async post(a: Announcement): Promise<PostResult> {
    const message = slackMessage(a);
    if (!message) return inputFailure(LABEL, `announcement URL ${JSON.stringify(a.url)} is not http(s)`);
    let res: Response;
    let body: string;
    try {
      res = await fetch(this.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await res.text();
    } catch (err) {
      return networkFailure(LABEL, err, this.webhookUrl);
    }
    // Webhooks answer `200 ok`; refusals are plain-text codes such as `404 no_service`.
    if (res.ok) return { ok: true };
    return httpFailure(LABEL, res.status, body.trim().slice(0, 200), parseRetryAfter(res.headers.get('retry-after')));
  }
}

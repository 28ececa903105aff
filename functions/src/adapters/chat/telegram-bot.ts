import {
  DEFAULT_TIMEOUT_MS,
  announcementUrl,
  clipEscaped,
  contextLine,
  httpFailure,
  inputFailure,
  networkFailure,
  type Announcement,
  type AnnouncementChannel,
  type PostResult,
} from './chat-channel';

export const TELEGRAM_API = 'https://api.telegram.org';

export interface TelegramBotConfig {
  /** The bot token from @BotFather. It is a secret and part of the URL: errors redact it. */
  token: string;
  /** The channel or group: a numeric id (-100...) or @channelusername. */
  chatId: string;
  /** Default https://api.telegram.org; the local catcher serves it under /telegram. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** The sendMessage body we send. */
export interface TelegramSendMessage {
  chat_id: string;
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: boolean };
}

/** Bot API answer: https://core.telegram.org/bots/api#making-requests */
type TelegramAnswer =
  | { ok: true; result?: { message_id?: number } }
  | {
      ok: false;
      error_code?: number;
      description?: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };

const LABEL = 'Telegram sendMessage';
// A message holds 4,096 characters after entity parsing: the visible text, so clip the raw strings.
const MAX_TITLE = 300;
const MAX_SUMMARY = 3_000;

/** HTML parse mode needs `<`, `>` and `&` as entities outside tags (and `"` inside attribute values). */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML message text for an announcement, or null when its URL is not http(s). */
export function telegramText(a: Announcement): string | null {
  const href = announcementUrl(a.url);
  if (!href) return null;
  const title = escapeTelegramHtml(clipEscaped(a.title.trim() || href, MAX_TITLE));
  const summary = escapeTelegramHtml(clipEscaped(a.summary.trim(), MAX_SUMMARY));
  const context = escapeTelegramHtml(contextLine(a));
  const parts = [`<b><a href="${escapeTelegramHtml(href)}">${title}</a></b>`];
  if (summary) parts.push(summary);
  if (context) parts.push(`<i>${context}</i>`);
  return parts.join('\n\n');
}

/** Posts announcements to one Telegram chat through the Bot API. */
export class TelegramBotChannel implements AnnouncementChannel {
  readonly name = 'telegram';
  private readonly endpoint: string;

  constructor(private readonly config: TelegramBotConfig) {
    if (!config.token) throw new Error('Telegram channel needs a bot token (TELEGRAM_BOT_TOKEN)');
    if (!config.chatId) throw new Error('Telegram channel needs a chat id (TELEGRAM_CHAT_ID)');
    const base = (config.baseUrl ?? TELEGRAM_API).replace(/\/+$/, '');
    this.endpoint = `${base}/bot${config.token}/sendMessage`;
  }

  async post(a: Announcement): Promise<PostResult> {
    const text = telegramText(a);
    if (!text) return inputFailure(LABEL, `announcement URL ${JSON.stringify(a.url)} is not http(s)`);
    // Previews stay on: the link's Open Graph card is the announcement's picture.
    const body: TelegramSendMessage = {
      chat_id: this.config.chatId,
      text,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: false },
    };
    let res: Response;
    let raw: string;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      raw = await res.text();
    } catch (err) {
      return networkFailure(LABEL, err, this.config.token);
    }
    const answer = parseAnswer(raw);
    if (res.ok && answer?.ok) {
      const id = answer.result?.message_id;
      return typeof id === 'number' ? { ok: true, id: String(id) } : { ok: true };
    }
    return failureFrom(res.status, answer, raw);
  }
}

function parseAnswer(raw: string): TelegramAnswer | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && 'ok' in value ? (value as TelegramAnswer) : undefined;
  } catch {
    return undefined;
  }
}

function failureFrom(status: number, answer: TelegramAnswer | undefined, raw: string): PostResult {
  if (!answer || answer.ok) {
    // Not a Bot API answer (a proxy's HTML error page, say): trust the status.
    return httpFailure(LABEL, status, raw.replace(/\s+/g, ' ').trim().slice(0, 200));
  }
  const code = answer.error_code ?? status;
  let detail = answer.description ?? 'no description';
  // A group upgraded to a supergroup gets a new id; only a settings change fixes it.
  const moved = answer.parameters?.migrate_to_chat_id;
  if (moved !== undefined) detail += `: the chat moved to ${moved}, set TELEGRAM_CHAT_ID to it`;
  return httpFailure(LABEL, code, detail, answer.parameters?.retry_after);
}

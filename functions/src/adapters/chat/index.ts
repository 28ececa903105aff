import type { Announcement, AnnouncementChannel, PostResult } from './chat-channel';
import { SlackScim, SlackScimError } from './slack-scim';
import { SlackWebhookChannel } from './slack-webhook';
import { TelegramBotChannel } from './telegram-bot';

export type { Announcement, AnnouncementChannel, PostResult };
export { SlackScim, SlackScimError, SlackWebhookChannel, TelegramBotChannel };

type Env = Record<string, string | undefined>;

/** A setting, with blank treated as unset (an empty .env line must not enable a channel). */
function setting(env: Env, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/**
 * The announcement channels configured in `env`: Slack with SLACK_WEBHOOK_URL; Telegram with
 * TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID (optional TELEGRAM_API_BASE). None configured is valid:
 * a community without chat just skips announcements.
 */
export function announcementChannelsFromEnv(env: Env = process.env): AnnouncementChannel[] {
  const channels: AnnouncementChannel[] = [];
  const webhookUrl = setting(env, 'SLACK_WEBHOOK_URL');
  if (webhookUrl) channels.push(new SlackWebhookChannel({ webhookUrl }));
  const token = setting(env, 'TELEGRAM_BOT_TOKEN');
  const chatId = setting(env, 'TELEGRAM_CHAT_ID');
  if (token && chatId) {
    channels.push(new TelegramBotChannel({ token, chatId, baseUrl: setting(env, 'TELEGRAM_API_BASE') }));
  } else if (token || chatId) {
    // Half a Telegram setup is a mistake worth seeing in the logs, not a reason to stop Slack.
    console.warn('Telegram announcements are off: set both TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID');
  }
  return channels;
}

/** Slack SCIM for member deactivation when SLACK_SCIM_TOKEN is set (optional SLACK_API_BASE), else null. */
export function slackScimFromEnv(env: Env = process.env): SlackScim | null {
  const token = setting(env, 'SLACK_SCIM_TOKEN');
  return token ? new SlackScim({ token, baseUrl: setting(env, 'SLACK_API_BASE') }) : null;
}

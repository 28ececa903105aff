import { defineSecret, defineString } from 'firebase-functions/params';
import { announcementChannelsFromEnv, slackScimFromEnv } from '../adapters/chat';
import type { AnnouncementChannel } from '../adapters/chat/chat-channel';
import type { SeatManager } from '../community/community-store';

// Announcement channels and Slack seats. Leave a setting empty (or a secret "none") to turn that part off.
export const SLACK_WEBHOOK_URL = defineString('SLACK_WEBHOOK_URL', {
  default: '',
  description: 'Slack incoming webhook for announcements',
});
export const TELEGRAM_CHAT_ID = defineString('TELEGRAM_CHAT_ID', {
  default: '',
  description: 'Telegram channel, e.g. @mycommunity',
});
export const TELEGRAM_API_BASE = defineString('TELEGRAM_API_BASE', { default: '' });
export const SLACK_API_BASE = defineString('SLACK_API_BASE', { default: '' });
export const TELEGRAM_BOT_TOKEN = defineSecret('TELEGRAM_BOT_TOKEN');
export const SLACK_SCIM_TOKEN = defineSecret('SLACK_SCIM_TOKEN');
export const CHAT_SECRETS = [TELEGRAM_BOT_TOKEN, SLACK_SCIM_TOKEN];

const secret = (s: typeof TELEGRAM_BOT_TOKEN) => {
  const value = s.value();
  return value && value !== 'none' ? value : undefined;
};

function chatEnv(): NodeJS.ProcessEnv {
  return {
    SLACK_WEBHOOK_URL: SLACK_WEBHOOK_URL.value() || undefined,
    TELEGRAM_CHAT_ID: TELEGRAM_CHAT_ID.value() || undefined,
    TELEGRAM_API_BASE: TELEGRAM_API_BASE.value() || undefined,
    TELEGRAM_BOT_TOKEN: secret(TELEGRAM_BOT_TOKEN),
    SLACK_SCIM_TOKEN: secret(SLACK_SCIM_TOKEN),
    SLACK_API_BASE: SLACK_API_BASE.value() || undefined,
  };
}

export const announcementChannels = (): AnnouncementChannel[] => announcementChannelsFromEnv(chatEnv());
export const seatManager = (): SeatManager | null => slackScimFromEnv(chatEnv());

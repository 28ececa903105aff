/**
 * Announcements contract: `announcements/{id}` posts a published item's public teaser to Slack and
 * Telegram (functions/src/announcements writes it; admins read it in /admin).
 */
export const ANNOUNCEMENTS = 'announcements';

export const CHANNEL_STATES = ['pending', 'sent', 'failed'] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];

export interface ChannelDelivery<Time = unknown> {
  state: ChannelState;
  attempts: number;
  error: string | null;
  sentAt: Time | null;
}

/** What is announced; the document id is `{kind}_{refId}`. */
export type AnnouncementKind = 'material' | 'event';

export interface AnnouncementDoc<Time = unknown> {
  kind: AnnouncementKind;
  refId: string;
  title: string;
  summary: string;
  url: string;
  kindLabel: string;
  accessLabel: string;
  /** Keyed by channel name (`slack`, `telegram`, …). */
  channels: Record<string, ChannelDelivery<Time>>;
  /** Some channel still waits to be posted (the minute job retries these). */
  pending: boolean;
  createdBy: string;
  createdAt: Time;
}

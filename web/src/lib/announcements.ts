// Announcements in /admin: `announcements/{id}` as the admin list shows it, and what the editor says
// after asking to announce. Tested in announcements.test.ts. The backend (functions/src/announcements)
// owns delivery, retries and the channel states.
import { CHANNEL_STATES, type AnnouncementDoc, type ChannelState } from '@shared/announcements';
import { errorMessage } from './error-messages';
import { toDate } from './subscription';

export interface ChannelView {
  /** `slack`, `telegram`, … (the key in `channels`). */
  name: string;
  label: string;
  state: ChannelState;
  attempts: number;
  error: string;
  sentAt: Date | null;
}

export interface AnnouncementView {
  id: string;
  title: string;
  /** The material announced. */
  refId: string;
  url: string;
  kindLabel: string;
  accessLabel: string;
  createdAt: Date | null;
  createdBy: string;
  /** Slack first, then Telegram, then any other channel by name. */
  channels: ChannelView[];
  pending: boolean;
  /** Some channel gave up: the admin may retry. */
  failed: boolean;
}

const CHANNEL_LABELS: Record<string, string> = { slack: 'Slack', telegram: 'Telegram' };
const CHANNEL_ORDER = ['slack', 'telegram'];

export const channelLabel = (name: string) =>
  CHANNEL_LABELS[name] ?? (name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Channel');

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function channelView(name: string, raw: unknown): ChannelView {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const state = (CHANNEL_STATES as readonly unknown[]).includes(c.state) ? (c.state as ChannelState) : 'pending';
  const attempts = typeof c.attempts === 'number' && Number.isFinite(c.attempts) ? Math.max(0, c.attempts) : 0;
  return { name, label: channelLabel(name), state, attempts, error: str(c.error), sentAt: toDate(c.sentAt) };
}

function channelRank(name: string) {
  const i = CHANNEL_ORDER.indexOf(name);
  return i === -1 ? CHANNEL_ORDER.length : i;
}

/** Read defensively: a document from an older or newer version must not break the list. */
export function announcementView(id: string, data: Partial<AnnouncementDoc>): AnnouncementView {
  const raw: Record<string, unknown> = data.channels && typeof data.channels === 'object' ? data.channels : {};
  const channels = Object.entries(raw)
    .map(([name, c]) => channelView(name, c))
    .sort((a, b) => channelRank(a.name) - channelRank(b.name) || a.name.localeCompare(b.name));
  return {
    id,
    title: str(data.title) || '(untitled)',
    refId: str(data.refId),
    url: str(data.url),
    kindLabel: str(data.kindLabel),
    accessLabel: str(data.accessLabel),
    createdAt: toDate(data.createdAt),
    createdBy: str(data.createdBy),
    channels,
    pending: data.pending === true,
    failed: channels.some((c) => c.state === 'failed'),
  };
}

/** "1 attempt", "3 attempts"; nothing before the first attempt. */
export const attemptsText = (n: number) => (n <= 0 ? '' : n === 1 ? '1 attempt' : `${n} attempts`);

export interface AnnounceOutcome {
  /** `done`: announced; `info`: nothing new to do (already announced); `error`: it was not announced. */
  tone: 'done' | 'info' | 'error';
  text: string;
}

/**
 * What the material editor shows after publishing with "Announce" ticked: `announce` resolved (err
 * undefined) or failed. An already-announced material is information, not a failed save.
 */
export function announceOutcome(err?: unknown): AnnounceOutcome {
  if (err === undefined) return { tone: 'done', text: 'Announced.' };
  const e = (err && typeof err === 'object' ? err : {}) as { code?: unknown; message?: unknown };
  const code = String(e.code ?? '').replace(/^functions\//, '');
  // Our refusals keep their words; an SDK failure reads as lib/error-messages.ts says.
  const message = errorMessage(err);
  if (code === 'already-exists') return { tone: 'info', text: message || 'This material was already announced' };
  return { tone: 'error', text: `Not announced: ${message}` };
}

import { describe, expect, it } from 'vitest';
import type { AnnouncementDoc } from '@shared/announcements';
import { announceOutcome, announcementView, attemptsText, channelLabel } from './announcements';

const stamp = (iso: string) => ({ toDate: () => new Date(iso) });

describe('announcement view', () => {
  it('orders channels Slack, Telegram, then others, and flags a failed one', () => {
    const view = announcementView('material_x', {
      title: 'Streaming joins',
      refId: 'x',
      createdAt: stamp('2027-01-31T09:00:00Z'),
      pending: false,
      channels: {
        telegram: { state: 'failed', attempts: 5, error: 'HTTP 400: chat not found', sentAt: null },
        discord: { state: 'sent', attempts: 1, error: null, sentAt: stamp('2027-01-31T09:00:05Z') },
        slack: { state: 'sent', attempts: 1, error: null, sentAt: stamp('2027-01-31T09:00:02Z') },
      },
    });
    expect(view.channels.map((c) => c.name)).toEqual(['slack', 'telegram', 'discord']);
    expect(view.channels.map((c) => c.label)).toEqual(['Slack', 'Telegram', 'Discord']);
    expect(view.channels[1]).toMatchObject({ state: 'failed', attempts: 5, error: 'HTTP 400: chat not found' });
    expect(view.channels[0]?.sentAt?.toISOString()).toBe('2027-01-31T09:00:02.000Z');
    expect(view.failed).toBe(true);
    expect(view.createdAt?.toISOString()).toBe('2027-01-31T09:00:00.000Z');
  });

  it('reads a malformed document without throwing', () => {
    const malformed = { channels: { slack: { state: 'weird', attempts: -2 } }, pending: 'yes' };
    const view = announcementView('a', malformed as unknown as Partial<AnnouncementDoc>);
    expect(view.title).toBe('(untitled)');
    expect(view.channels).toEqual([
      { name: 'slack', label: 'Slack', state: 'pending', attempts: 0, error: '', sentAt: null },
    ]);
    expect(view.failed).toBe(false);
    expect(view.pending).toBe(false);
    expect(announcementView('b', {}).channels).toEqual([]);
  });

  it('labels channels and attempts', () => {
    expect(channelLabel('telegram')).toBe('Telegram');
    expect(channelLabel('mastodon')).toBe('Mastodon');
    expect(attemptsText(0)).toBe('');
    expect(attemptsText(1)).toBe('1 attempt');
    expect(attemptsText(3)).toBe('3 attempts');
  });
});

describe('announce outcome', () => {
  it('says Announced. on success', () => {
    expect(announceOutcome()).toEqual({ tone: 'done', text: 'Announced.' });
  });
  it('treats an already announced material as information', () => {
    const err = { code: 'functions/already-exists', message: 'This material was already announced [409]' };
    expect(announceOutcome(err)).toEqual({ tone: 'info', text: 'This material was already announced' });
  });
  it('reports other refusals as errors', () => {
    const err = { code: 'functions/failed-precondition', message: 'No Slack or Telegram channel is configured' };
    expect(announceOutcome(err)).toEqual({
      tone: 'error',
      text: 'Not announced: No Slack or Telegram channel is configured',
    });
    expect(announceOutcome(Object.assign(new Error('internal'), { code: 'functions/internal' }))).toEqual({
      tone: 'error',
      text: 'Not announced: Something went wrong. Please try again in a moment.',
    });
  });
});

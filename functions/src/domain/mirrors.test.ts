import { describe, expect, it } from 'vitest';
import { eventPageUrl, googleEventId, mirrorAction, mirrorDescription, type MirrorScope } from './mirrors';

const event = (status: string, sequence: number, access = 'public') => ({ status, access, sequence });

describe('mirrorAction', () => {
  const rows: [
    string,
    ReturnType<typeof event> | null,
    { eventId?: string; syncedSequence?: number } | undefined,
    MirrorScope,
    string,
  ][] = [
    ['first publish', event('published', 1), undefined, 'published', 'insert'],
    [
      'reschedule of a mirrored event',
      event('published', 2),
      { eventId: 'g1', syncedSequence: 1 },
      'published',
      'patch',
    ],
    ['replayed change', event('published', 2), { eventId: 'g1', syncedSequence: 2 }, 'published', 'none'],
    ['late older change', event('published', 2), { eventId: 'g1', syncedSequence: 3 }, 'published', 'none'],
    ['cancel of a mirrored event', event('cancelled', 3), { eventId: 'g1', syncedSequence: 2 }, 'published', 'delete'],
    ['cancel never mirrored', event('cancelled', 3), undefined, 'published', 'none'],
    ['cancel already deleted', event('cancelled', 4), { eventId: '', syncedSequence: 3 }, 'published', 'none'],
    ['draft', event('draft', 0), undefined, 'published', 'none'],
    ['event deleted', null, { eventId: 'g1', syncedSequence: 2 }, 'published', 'delete'],
    ['a failed insert is retried', event('published', 1), { eventId: '' }, 'published', 'insert'],
    ['members-only on Google', event('published', 1, 'main'), undefined, 'published', 'insert'],
    ['members-only on Luma', event('published', 1, 'main'), undefined, 'public', 'none'],
    ['public on Luma', event('published', 1), undefined, 'public', 'insert'],
    [
      'made members-only after Luma had it',
      event('published', 2, 'main'),
      { eventId: 'evt-1', syncedSequence: 1 },
      'public',
      'delete',
    ],
  ];
  it.each(rows)('%s', (_name, teaser, mirror, scope, expected) => {
    expect(mirrorAction(teaser, mirror, scope)).toBe(expected);
  });
});

describe('googleEventId', () => {
  it('is stable, in base32hex and within Google limits', () => {
    const id = googleEventId('AbC123xyz');
    expect(id).toBe(googleEventId('AbC123xyz'));
    expect(id).not.toBe(googleEventId('AbC123xyZ'));
    expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(googleEventId('x'.repeat(128)).length).toBeLessThanOrEqual(1024);
  });
});

describe('mirrorDescription', () => {
  const pageUrl = eventPageUrl('https://c.example', 'e 1');
  it('links the event page and leaves join details out by default', () => {
    const text = mirrorDescription({ summary: 'Talk', pageUrl });
    expect(text).toBe('Talk\n\nDetails and registration: https://c.example/events/e%201');
  });
  it('adds join URL and passcode when asked', () => {
    const text = mirrorDescription({
      summary: 'Talk',
      pageUrl,
      join: { url: 'https://zoom.example/j/1', passcode: '42' },
    });
    expect(text).toContain('Join: https://zoom.example/j/1');
    expect(text).toContain('Passcode: 42');
  });
});

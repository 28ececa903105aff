import { describe, expect, it } from 'vitest';
import { zoomAction, zoomClaimedByOther, zoomMeetingInput } from './zoom-sync';

const meeting = { meetingId: '81234567890', uuid: 'u==', joinUrl: 'https://zoom.us/j/1', syncedSequence: 2 };

describe('zoomAction', () => {
  it.each([
    [
      'published Zoom event without a meeting',
      { kind: 'zoom', status: 'published', sequence: 0 },
      undefined,
      false,
      'create',
    ],
    [
      'failed creation (only an error) is tried again',
      { kind: 'zoom', status: 'published', sequence: 1 },
      { error: 'x' },
      false,
      'create',
    ],
    ['draft: only when the admin asks', { kind: 'zoom', status: 'draft', sequence: 0 }, undefined, false, 'none'],
    ['draft, admin asks', { kind: 'zoom', status: 'draft', sequence: 0 }, undefined, true, 'create'],
    ['rescheduled', { kind: 'zoom', status: 'published', sequence: 3 }, meeting, false, 'update'],
    ['replayed change', { kind: 'zoom', status: 'published', sequence: 2 }, meeting, false, 'none'],
    ['older change replayed', { kind: 'zoom', status: 'published', sequence: 1 }, meeting, false, 'none'],
    ['asked again with a meeting in step', { kind: 'zoom', status: 'published', sequence: 2 }, meeting, true, 'none'],
    ['cancelled', { kind: 'zoom', status: 'cancelled', sequence: 3 }, meeting, false, 'delete'],
    ['cancelled, meeting already gone', { kind: 'zoom', status: 'cancelled', sequence: 3 }, undefined, false, 'none'],
    ['no longer a Zoom event', { kind: 'link', status: 'published', sequence: 3 }, meeting, false, 'delete'],
    ['never a Zoom event', { kind: 'in-person', status: 'published', sequence: 0 }, undefined, true, 'none'],
  ] as const)('%s', (_what, teaser, zoom, forCreate, action) => {
    expect(zoomAction(teaser, zoom, forCreate)).toBe(action);
  });
});

describe('zoomMeetingInput', () => {
  it('gives Zoom the local wall time in the event zone, summer and winter', () => {
    const winter = zoomMeetingInput({
      title: 'T',
      summary: 'S',
      startAt: new Date('2027-01-15T17:00:00Z'),
      endAt: new Date('2027-01-15T18:30:00Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(winter).toEqual({
      topic: 'T',
      agenda: 'S',
      startTime: '2027-01-15T18:00:00',
      timeZone: 'Europe/Berlin',
      durationMinutes: 90,
    });
    const summer = zoomMeetingInput({
      ...winter,
      title: 'T',
      summary: 'S',
      startAt: new Date('2027-07-15T16:00:00Z'),
      endAt: new Date('2027-07-15T17:00:00Z'),
    });
    expect(summer.startTime).toBe('2027-07-15T18:00:00');
    expect(summer.durationMinutes).toBe(60);
  });
});

describe('zoomClaimedByOther', () => {
  const now = 1_000_000;
  it('one caller at a time; a claim past its lease may be taken over', () => {
    expect(zoomClaimedByOther(undefined, 'a', now)).toBe(false);
    expect(zoomClaimedByOther({ owner: 'b', until: now + 1 }, 'a', now)).toBe(true);
    expect(zoomClaimedByOther({ owner: 'a', until: now + 1 }, 'a', now)).toBe(false);
    expect(zoomClaimedByOther({ owner: 'b', until: now }, 'a', now)).toBe(false);
  });
});

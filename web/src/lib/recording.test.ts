import { describe, expect, it } from 'vitest';
import type { TranscriptCue } from '@shared/recordings';
import {
  chapterSpans,
  currentCue,
  currentIndex,
  filterCues,
  formatTimestamp,
  isoDuration,
  parseStartTime,
  parseTimestamp,
  chaptersFromRows,
  renewDelay,
  timeQuery,
  videoFileOf,
} from './recording';

describe('parseStartTime', () => {
  it.each([
    ['754', 754],
    ['754s', 754],
    ['0', 0],
    ['12m34s', 754],
    ['1h2m3s', 3723],
    ['1h', 3600],
    ['5m', 300],
  ])('reads %s as %i', (value, seconds) => expect(parseStartTime(value)).toBe(seconds));

  it.each([[undefined], [null], [''], ['-5'], ['12.5'], ['abc'], ['1h2x'], [['754']], ['99999999'], ['90000'], ['h']])(
    'refuses %j',
    (value) => expect(parseStartTime(value)).toBeNull(),
  );
});

describe('formatTimestamp and isoDuration', () => {
  it.each([
    [0, '0:00', 'PT0S'],
    [754, '12:34', 'PT12M34S'],
    [3600, '1:00:00', 'PT1H'],
    [3723.7, '1:02:03', 'PT1H2M4S'],
  ])('%d s', (s, stamp, iso) => {
    expect(formatTimestamp(s)).toBe(stamp);
    expect(isoDuration(s)).toBe(iso);
  });
});

const cues: TranscriptCue[] = [
  { at: 2, end: 5, speaker: 'Ada', text: 'Welcome to keyed state' },
  { at: 10, end: 14, speaker: 'Grace', text: 'Windows and Déjà vu' },
  { at: 20, end: 21, speaker: null, text: 'silence' },
];

describe('current chapter and cue', () => {
  it('finds the last item started at or before the time', () => {
    const chapters = [{ at: 0 }, { at: 754 }, { at: 1200 }];
    expect([0, 753, 754, 1199, 5000].map((t) => currentIndex(chapters, t))).toEqual([0, 0, 1, 1, 2]);
    expect(currentIndex([], 10)).toBe(-1);
    expect(currentIndex([{ at: 5 }], 1)).toBe(-1);
  });

  it('highlights a cue while it is spoken, none in the gaps', () => {
    expect([1, 2, 4.9, 5, 12, 15, 20.5].map((t) => currentCue(cues, t))).toEqual([-1, 0, 0, -1, 1, -1, 2]);
  });
});

describe('filterCues', () => {
  it('matches every word in text or speaker, ignoring case and accents', () => {
    expect(filterCues(cues, '')).toEqual([0, 1, 2]);
    expect(filterCues(cues, 'KEYED')).toEqual([0]);
    expect(filterCues(cues, 'deja windows')).toEqual([1]);
    expect(filterCues(cues, 'grace')).toEqual([1]);
    expect(filterCues(cues, 'keyed windows')).toEqual([]);
  });
});

describe('chapterSpans', () => {
  it('ends each chapter at the next, the last at the duration', () => {
    const spans = chapterSpans(
      [
        { at: 0, label: 'a' },
        { at: 60, label: 'b' },
      ],
      90,
    );
    expect(spans.map((c) => [c.at, c.end])).toEqual([
      [0, 60],
      [60, 90],
    ]);
    expect(chapterSpans([{ at: 0, label: 'a' }], null)[0]?.end).toBeNull();
  });
});

describe('renewDelay, timeQuery and videoFileOf', () => {
  it('renews a minute before expiry, never sooner than 5 s', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(renewDelay('2026-01-01T00:15:00Z', now)).toBe(14 * 60_000);
    expect(renewDelay('2026-01-01T00:00:30Z', now)).toBe(5_000);
    expect(renewDelay('garbage', now)).toBe(5_000);
  });

  it('writes whole seconds, nothing at the start', () => {
    expect(timeQuery(754.9)).toBe('754');
    expect(timeQuery(0.4)).toBeUndefined();
  });

  it('plays the video file', () => {
    const file = (role?: 'video' | 'chat') => ({ name: 'f', path: `media/${role}`, size: 1, contentType: 'x', role });
    expect(videoFileOf([file('chat'), file('video')])?.path).toBe('media/video');
    expect(videoFileOf([file()])).toBeNull();
  });
});

describe('chapters editor', () => {
  it.each([
    ['12:34', 754],
    ['1:02:03', 3723],
    ['754', 754],
    [' 0:00 ', 0],
  ])('reads %j as %i seconds', (text, s) => expect(parseTimestamp(text)).toBe(s));

  it.each([['12:60'], ['1:60:00'], ['abc'], [''], ['-1'], ['1.5']])('refuses %j', (text) =>
    expect(parseTimestamp(text)).toBeNull(),
  );

  it('turns rows into chapters, or names each bad row', () => {
    expect(
      chaptersFromRows([
        { time: '0:00', label: ' Intro ' },
        { time: '12:34', label: 'Keyed state' },
      ]),
    ).toEqual({
      ok: true,
      chapters: [
        { at: 0, label: 'Intro' },
        { at: 754, label: 'Keyed state' },
      ],
    });
    const bad = chaptersFromRows([
      { time: '10:00', label: 'a' },
      { time: '5:00', label: 'earlier' },
      { time: 'soon', label: 'b' },
      { time: '20:00', label: ' ' },
    ]);
    expect(bad).toEqual({
      ok: false,
      errors: {
        1: 'Must be later than the one above',
        2: 'Write the time as 12:34, 1:02:03 or seconds',
        3: 'Give the chapter a label',
      },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { TranscriptCue } from '../shared/recordings';
import { draftChapters } from './chapters';

const cue = (at: number, text: string, speaker: string | null = 'Ada', end = at + 4): TranscriptCue => ({
  at,
  end,
  speaker,
  text,
});

describe('draftChapters', () => {
  it('gives nothing for an empty transcript', () => expect(draftChapters([])).toEqual([]));

  it('starts at 0 with the first words, whenever the first cue starts', () => {
    expect(draftChapters([cue(7.5, 'Welcome everybody, today we talk about keyed state and windows')])).toEqual([
      { at: 0, label: 'Welcome everybody, today we talk about keyed…' },
    ]);
  });

  it('cuts at a long pause once a segment is two minutes long, not before', () => {
    const cues = [
      cue(0, 'Intro'),
      cue(60, 'after a short bit', 'Ada', 62),
      cue(100, 'early pause ignored', 'Ada', 130),
    ];
    cues.push(cue(140, 'still intro', 'Ada', 144), cue(170, 'Part two begins here'));
    expect(draftChapters(cues).map((c) => c.at)).toEqual([0, 170]);
  });

  it('cuts at a change of speaker after five minutes, and every ten minutes regardless', () => {
    const cues: TranscriptCue[] = [];
    for (let t = 0; t < 1500; t += 10) cues.push(cue(t, `talk at ${t}`, 'Ada'));
    expect(draftChapters(cues).map((c) => c.at)).toEqual([0, 600, 1200]);
    const turns = cues.map((c) => (c.at >= 310 ? { ...c, speaker: 'Grace' } : c));
    expect(draftChapters(turns).map((c) => c.at)).toEqual([0, 310, 910]);
  });

  it('keeps at most 100 chapters, ascending whole seconds, labels within 120 characters', () => {
    const long = 'x'.repeat(300);
    const cues: TranscriptCue[] = [];
    for (let t = 0.5; t < 200 * 600; t += 600) cues.push(cue(t, long));
    const chapters = draftChapters(cues);
    expect(chapters).toHaveLength(100);
    chapters.forEach((c, i) => {
      expect(Number.isInteger(c.at)).toBe(true);
      if (i > 0) expect(c.at).toBeGreaterThan(chapters[i - 1]!.at);
      expect(c.label.length).toBeLessThanOrEqual(120);
    });
  });
});

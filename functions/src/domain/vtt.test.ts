import { describe, expect, it } from 'vitest';
import { parseVtt } from './vtt';

// The shape of Zoom's cloud recording transcripts (`audio_transcript`, file type VTT).
const ZOOM_VTT = [
  'WEBVTT',
  '',
  '1',
  '00:00:02.340 --> 00:00:05.120',
  'Ada Lovelace: Welcome everybody, today is about joins.',
  '',
  '2',
  '00:00:05.500 --> 00:00:09.000',
  'Ada Lovelace: Keyed state first;',
  'then windows.',
  '',
  '3',
  '01:02:03.250 --> 01:02:04.000',
  'Grace Hopper: Question: what about late data &amp; retractions?',
  '',
].join('\r\n');

describe('parseVtt', () => {
  it("reads Zoom's transcript: times in seconds, speaker prefix, multi-line text", () => {
    expect(parseVtt(ZOOM_VTT)).toEqual([
      { at: 2.34, end: 5.12, speaker: 'Ada Lovelace', text: 'Welcome everybody, today is about joins.' },
      { at: 5.5, end: 9, speaker: 'Ada Lovelace', text: 'Keyed state first; then windows.' },
      { at: 3723.25, end: 3724, speaker: 'Grace Hopper', text: 'Question: what about late data & retractions?' },
    ]);
  });

  it('reads voice tags, minute-only stamps and cues without ids; skips NOTE blocks and junk', () => {
    const vtt =
      '\uFEFFWEBVTT - title\n\nNOTE a comment\n\n00:01.000 --> 00:02.000 align:start\n<v.loud Bob>Hi <b>there</b>\n\nnot a cue\n\n00:03.000 --> 00:04.000\n\n';
    expect(parseVtt(vtt)).toEqual([{ at: 1, end: 2, speaker: 'Bob', text: 'Hi there' }]);
  });

  it('keeps text without a speaker as such', () => {
    expect(parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello world')).toEqual([
      { at: 1, end: 2, speaker: null, text: 'hello world' },
    ]);
  });

  it('gives nothing for an empty or non-VTT file', () => {
    expect(parseVtt('')).toEqual([]);
    expect(parseVtt('{"json": true}')).toEqual([]);
  });
});

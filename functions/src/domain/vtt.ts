import type { TranscriptCue } from '../shared/recordings';

// No WebVTT parser is among the project's packages; Zoom's transcripts use only the core of the format
// (a header, then blocks of an optional id, a timing line and text), so this reads exactly that.

const TIMING = /^((?:\d+:)?\d{1,2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}\.\d{3})/;

/** "01:02:03.500" or "02:03.500" in seconds. */
function seconds(stamp: string): number {
  return stamp.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * The cues of a WebVTT file, in file order. The speaker is Zoom's "Name: text" prefix or a `<v Name>` voice
 * tag; other tags are dropped. NOTE, STYLE and REGION blocks and blocks without a timing line are skipped.
 */
export function parseVtt(vtt: string): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  for (const block of vtt.replace(/^\uFEFF/, '').split(/\r?\n(?:[ \t]*\r?\n)+/)) {
    const lines = block.split(/\r?\n/);
    const timingAt = lines.findIndex((line) => TIMING.test(line));
    if (timingAt < 0 || timingAt > 1) continue;
    const [, start = '', end = ''] = TIMING.exec(lines[timingAt] ?? '') ?? [];
    let text = lines
      .slice(timingAt + 1)
      .join(' ')
      .trim();
    let speaker: string | null = null;
    const voice = /^<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(text);
    if (voice) speaker = voice[1]?.trim() ?? null;
    text = text.replace(/<[^>]*>/g, '').trim();
    const prefix = !speaker && /^([^:]{1,80}):\s+(.+)$/s.exec(text);
    if (prefix) [, speaker = null, text = ''] = prefix;
    if (!text) continue;
    cues.push({ at: seconds(start), end: seconds(end), speaker, text: decodeEntities(text) });
  }
  return cues;
}

/** The character references WebVTT text may hold. */
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lrm;|&rlm;/g, '')
    .replace(/&amp;/g, '&');
}

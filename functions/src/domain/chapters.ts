import type { Chapter, TranscriptCue } from '../shared/recordings';
import { MAX_CHAPTERS, MAX_CHAPTER_LABEL } from '../shared/recording-schema';

/** A pause this long (seconds) ends a segment once it is at least MIN_SEGMENT long. */
const PAUSE = 20;
/** Segment lengths (seconds): never shorter than 2 minutes, a new speaker after 5, a cut at 10 regardless. */
const MIN_SEGMENT = 120;
const TURN_SEGMENT = 300;
const MAX_SEGMENT = 600;
const LABEL_WORDS = 7;

/** The first words of a segment, as its label. */
function labelOf(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const head = words
    .slice(0, LABEL_WORDS)
    .join(' ')
    .replace(/[\s,;:.!?-]+$/, '');
  const label = words.length > LABEL_WORDS ? `${head}…` : head;
  return label.length > MAX_CHAPTER_LABEL ? `${label.slice(0, MAX_CHAPTER_LABEL - 1)}…` : label;
}

/**
 * Chapters proposed from a transcript, for the admin to edit: segments end at a long pause, at a change
 * of speaker once a segment runs 5 minutes, and at 10 minutes in any case; each is labelled by its first
 * words. The first chapter starts at 0 (players expect it). Pure, no model: cheap and predictable.
 */
export function draftChapters(cues: readonly TranscriptCue[]): Chapter[] {
  const chapters: Chapter[] = [];
  let start = 0;
  let previous: TranscriptCue | null = null;
  for (const cue of cues) {
    if (!cue.text.trim()) continue;
    const length = cue.at - start;
    const paused = previous !== null && cue.at - previous.end >= PAUSE;
    const turned = previous !== null && cue.speaker !== previous.speaker;
    const cut =
      chapters.length === 0 ||
      (length >= MIN_SEGMENT && paused) ||
      (length >= TURN_SEGMENT && turned) ||
      length >= MAX_SEGMENT;
    if (cut) {
      const at = chapters.length === 0 ? 0 : Math.floor(cue.at);
      if (chapters.length === MAX_CHAPTERS) break;
      if (chapters.length === 0 || at > (chapters[chapters.length - 1]?.at ?? -1)) {
        chapters.push({ at, label: labelOf(cue.text) });
        start = cue.at;
      }
    }
    previous = cue;
  }
  return chapters;
}

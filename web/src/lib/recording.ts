// The recording page's view model: `?t=` deep links, which chapter and cue are current, the transcript
// filter, when to renew the short-lived video URL. Pure, so the components stay thin and this is tested.
import type { MaterialFile } from '@shared/materials';
import { recordingMaterialId, type Chapter, type TranscriptCue } from '@shared/recordings';

/** Longest `?t=` we read (a day): anything larger is junk, not a position. */
const MAX_T = 24 * 3600;

/**
 * The start position of a `?t=` query value in whole seconds: `754`, `754s`, `12m34s` or `1h2m3s`
 * (YouTube's forms); null for anything else (missing, repeated, negative, junk).
 */
export function parseStartTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const plain = /^(\d{1,6})s?$/.exec(value);
  const parts = plain ? null : /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/.exec(value);
  if (!plain && (!parts || value === '')) return null;
  const seconds = plain
    ? Number(plain[1])
    : Number(parts?.[1] ?? 0) * 3600 + Number(parts?.[2] ?? 0) * 60 + Number(parts?.[3] ?? 0);
  return seconds <= MAX_T ? seconds : null;
}

/** "12:34", or "1:02:03" past the hour. */
export function formatTimestamp(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** The index of the last item that started at or before `time`, or -1 (items ascending by `at`). */
export function currentIndex(items: readonly { at: number }[], time: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid]?.at ?? Infinity) <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The cue being spoken at `time`, or -1 between cues. */
export function currentCue(cues: readonly TranscriptCue[], time: number): number {
  const i = currentIndex(cues, time);
  const cue = cues[i];
  return cue && time < Math.max(cue.end, cue.at + 1) ? i : -1;
}

/** Indices of the cues whose text or speaker contains every word of `query` (case- and accent-insensitive). */
export function filterCues(cues: readonly TranscriptCue[], query: string): number[] {
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  const all = cues.map((_, i) => i);
  if (!words.length) return all;
  return all.filter((i) => {
    const cue = cues[i];
    const hay = fold(`${cue?.speaker ?? ''} ${cue?.text ?? ''}`);
    return words.every((w) => hay.includes(w));
  });
}

/** Each chapter with where it ends: the next chapter's start, or the end of the recording. */
export function chapterSpans(
  chapters: readonly Chapter[],
  durationSeconds: number | null | undefined,
): (Chapter & { end: number | null })[] {
  return chapters.map((c, i) => ({ ...c, end: chapters[i + 1]?.at ?? durationSeconds ?? null }));
}

/** ISO 8601 duration, as schema.org wants it: 3723 → "PT1H2M3S". */
export function isoDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${rest || (!h && !m) ? `${rest}S` : ''}`;
}

/** The file the player plays: the recording's video. */
export const videoFileOf = (files: readonly MaterialFile[]) => files.find((f) => f.role === 'video') ?? null;

/** Renew a signed URL a minute before it expires (at least 5 s from now, so a wrong clock cannot spin). */
export function renewDelay(expiresAt: string, now: number): number {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return 5_000;
  return Math.max(5_000, at - now - 60_000);
}

/** The `?t=` value of a position, in whole seconds (0 drops the parameter). */
export const timeQuery = (seconds: number): string | undefined =>
  seconds >= 1 ? String(Math.floor(seconds)) : undefined;

/** The recording material of an event (`recordingMaterialId`): its page or its editor. */
export const recordingMaterialPath = (eventId: string, admin = false) =>
  `${admin ? '/admin/materials' : '/materials'}/${encodeURIComponent(recordingMaterialId(eventId))}`;

/** A time the admin typed: "12:34", "1:02:03" or plain seconds "754"; null when it is none of these. */
export function parseTimestamp(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,6}$/.test(t)) return Number(t);
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$/.exec(t);
  if (!m || Number(m[3]) > 59 || (m[1] !== undefined && Number(m[2]) > 59)) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** The chapters editor's rows as the callable takes them, or the first problem per row. */
export function chaptersFromRows(
  rows: readonly { time: string; label: string }[],
): { ok: true; chapters: Chapter[] } | { ok: false; errors: Record<number, string> } {
  const errors: Record<number, string> = {};
  const chapters: Chapter[] = [];
  rows.forEach((row, i) => {
    const at = parseTimestamp(row.time);
    const label = row.label.trim();
    if (at === null) errors[i] = 'Write the time as 12:34, 1:02:03 or seconds';
    else if (!label) errors[i] = 'Give the chapter a label';
    else if (label.length > 120) errors[i] = 'Keep the label to 120 characters';
    else if (i > 0 && at <= (chapters[chapters.length - 1]?.at ?? -1)) errors[i] = 'Must be later than the one above';
    if (at !== null) chapters.push({ at, label });
  });
  if (rows.length > 100) errors[100] = 'At most 100 chapters';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, chapters };
}

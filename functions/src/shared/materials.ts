import { MATERIAL_KINDS, MATERIAL_STATUSES, type MaterialKind, type MaterialStatus } from './material-kinds';
import type { MaterialInput } from './material-schema';
import type { Chapter, RecordingFileRole, TranscriptCue } from './recordings';
import { searchKeys } from './search';

export { MATERIAL_KINDS, MATERIAL_STATUSES, type MaterialKind, type MaterialStatus, type MaterialInput };

/** Glossary: a material is a piece of content with a public teaser (`materials/{id}`) and a gated body
 * (`materials/{id}/gated/body`). Both carry `access` (tier id or `public`) and its `rank`. */

export const MATERIALS = 'materials';
export const GATED = 'gated';
export const BODY = 'body';
/** `materialSearch/{id}`: the teaser plus its `searchKeys`, kept in step by a trigger; searches query it so
 * that the teasers a plain catalog page downloads carry no query-only keys. */
export const MATERIAL_SEARCH = 'materialSearch';
export const CATALOG_PAGE_SIZE = 12;

/** A file attached to a material; the bytes live in Cloud Storage under `media/`. */
export interface MaterialFile {
  name: string;
  path: string;
  size: number;
  contentType: string;
  /** What a recording's file is for; absent on other materials' files. */
  role?: RecordingFileRole;
}

/** Public part: anyone may read it once published. Timestamps are Firestore Timestamps at rest. */
export interface MaterialTeaser<Time = unknown> {
  kind: MaterialKind;
  title: string;
  summary: string;
  tags: string[];
  access: string;
  rank: number;
  status: MaterialStatus;
  author: string;
  readingMinutes: number;
  publishedAt: Time | null;
  updatedAt: Time;
  /** Kind `recording` only (public: the page's chapter list and its VideoObject's Clips need them). */
  eventId?: string;
  durationSeconds?: number | null;
  chapters?: Chapter[];
  /** Kind `link` only: who wrote or hosts what it points to (a site, an author). */
  source?: string;
  /**
   * Kind `link` only, and only when its access is `public`: the URL it points to. A gated link's URL lives in
   * its body alone (`MaterialBody.url`), so the teaser anyone reads never carries it (the rules refuse it).
   */
  url?: string;
}

/** `materialSearch/{id}`: what a search query returns, a card's teaser with the keys it matched on. */
export type MaterialSearchEntry<Time = unknown> = MaterialTeaser<Time> & { searchKeys: string[] };

/** Gated part: readable when the reader's rank >= rank. Repeats access, rank, status for the rules. */
export interface MaterialBody {
  access: string;
  rank: number;
  status: MaterialStatus;
  markdown: string;
  files: MaterialFile[];
  /** The markdown rendered and sanitized once, by functions only (`renderBodyHtml`); absent until then. */
  html?: string;
  /** `markdownHash` of the markdown `html` was rendered from: another value means the HTML is stale. */
  htmlOf?: string;
  /** Kind `recording` only: the transcript parsed from Zoom's VTT, and the meeting's chat as text. */
  transcript?: TranscriptCue[];
  chat?: string;
  /** Kind `link` only: the https URL it points to (its markdown says why it is worth reading). */
  url?: string;
}

/** What a material of kind `recording` adds to its teaser and body (see `materialDocs`). */
export interface RecordingParts {
  eventId: string;
  durationSeconds: number | null;
  chapters: Chapter[];
  transcript: TranscriptCue[];
  chat: string;
}

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** About 200 words a minute, at least one. */
export function readingMinutes(markdown: string): number {
  const words = markdown.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 200));
}

/**
 * The two documents a material is stored as, derived from what the admin typed. The web editor and
 * the seed both write through this, so the rules' checks (rank matches access, body mirrors teaser)
 * hold by construction. `rank` is `rankOf(tiers, input.access)`.
 */
export function materialDocs<Time>(
  input: MaterialInput,
  rank: number,
  times: { publishedAt: Time | null; updatedAt: Time },
  recording?: RecordingParts,
): { teaser: MaterialTeaser<Time>; body: MaterialBody } {
  const teaser: MaterialTeaser<Time> = {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    tags: input.tags,
    access: input.access,
    rank,
    status: input.status,
    author: input.author,
    // A recording's "reading time" is its length.
    readingMinutes: recording?.durationSeconds
      ? Math.max(1, Math.round(recording.durationSeconds / 60))
      : readingMinutes(input.markdown),
    publishedAt: times.publishedAt,
    updatedAt: times.updatedAt,
  };
  const body: MaterialBody = {
    access: input.access,
    rank,
    status: input.status,
    markdown: input.markdown,
    files: input.files,
  };
  if (input.kind === 'link') {
    teaser.source = input.source ?? '';
    body.url = input.url ?? '';
    // Readable by anyone only when anyone may follow it: a gated link's URL stays in the gated body.
    if (rank === 0) teaser.url = body.url;
  }
  if (recording) {
    Object.assign(teaser, {
      eventId: recording.eventId,
      durationSeconds: recording.durationSeconds,
      chapters: recording.chapters,
    });
    Object.assign(body, { transcript: recording.transcript, chat: recording.chat });
  }
  return { teaser, body };
}

/** The search index entry of a teaser (`materialSearch/{id}`). */
export function searchEntryOf<Time>(teaser: MaterialTeaser<Time>): MaterialSearchEntry<Time> {
  return { ...teaser, searchKeys: searchKeys(teaser.title, teaser.tags) };
}

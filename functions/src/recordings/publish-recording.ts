import { isDeepStrictEqual } from 'node:util';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { MediaStorage } from '../adapters/storage/media-storage';
import { draftChapters } from '../domain/chapters';
import { Refusal } from '../domain/refusal';
import { parseVtt } from '../domain/vtt';
import { EVENTS, type EventTeaser } from '../shared/events';
import {
  BODY,
  GATED,
  MATERIALS,
  materialDocs,
  type MaterialBody,
  type MaterialFile,
  type MaterialInput,
  type MaterialTeaser,
} from '../shared/materials';
import { recordingMaterialId, type IngestedFile, type TranscriptCue } from '../shared/recordings';

export interface PublishDeps {
  db: Firestore;
  now: () => Date;
  /** Reads the stored transcript and chat back (streamed in by the ingest worker). */
  storage: Pick<MediaStorage, 'createReadStream'>;
}

export interface PublishInput {
  eventId: string;
  meetingUuid: string;
  files: IngestedFile[];
  durationSeconds: number | null;
}

export { recordingMaterialId };

/** What of the transcript and chat is kept in the body, so it stays well under Firestore's 1 MiB. */
export const MAX_TRANSCRIPT_BYTES = 600_000;
export const MAX_CHAT_CHARS = 100_000;
const MAX_CUE_CHARS = 1_000;
/** Read no more than this of a stored text file (a 3-hour transcript is about 500 kB). */
const MAX_READ_BYTES = 4 * 1024 * 1024;

/** The first `max` bytes of a stored file as UTF-8 (a longer file is cut, never buffered whole). */
async function readText(
  storage: NonNullable<PublishDeps['storage']>,
  path: string,
  max = MAX_READ_BYTES,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = storage.createReadStream(path);
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buf.subarray(0, max - size));
    size += buf.length;
    if (size >= max) {
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The cues that fit the body's budget, each cue's text bounded. */
export function boundedTranscript(cues: TranscriptCue[]): TranscriptCue[] {
  const kept: TranscriptCue[] = [];
  let bytes = 0;
  for (const cue of cues) {
    const text = cue.text.slice(0, MAX_CUE_CHARS);
    const speaker = cue.speaker?.slice(0, 80) ?? null;
    bytes += Buffer.byteLength(text) + Buffer.byteLength(speaker ?? '') + 48;
    if (bytes > MAX_TRANSCRIPT_BYTES) break;
    kept.push({ at: cue.at, end: cue.end, speaker, text });
  }
  return kept;
}

const asMaterialFile = ({ role, name, path, size, contentType }: IngestedFile): MaterialFile => ({
  name,
  path,
  size,
  contentType,
  role,
});

/** A teaser or body without the fields that change on every write, for "did anything change?". */
function comparable(doc: object): Record<string, unknown> {
  const { updatedAt: _u, publishedAt: _p, html: _h, htmlOf: _o, ...rest } = doc as Record<string, unknown>;
  return rest;
}

/**
 * Publishes an event's ingested recording as the material `rec-{eventId}` of kind `recording`, with the
 * event's access and rank, linked both ways (the material's `eventId`, the event's `recordingId`). Called by
 * the ingest worker once every file of the meeting is stored. Idempotent: one transaction reads event and
 * material; a call with the same files writes nothing, and what an admin changed since (title, summary,
 * tags, notes, chapters) is kept. Chapters are drafted from the transcript when there are none yet.
 * Published once a video is among the files; a draft otherwise.
 */
export async function publishRecording(deps: PublishDeps, input: PublishInput): Promise<{ materialId: string }> {
  const id = recordingMaterialId(input.eventId);
  const { storage } = deps;
  const transcriptFile = input.files.find((f) => f.role === 'transcript');
  const chatFile = input.files.find((f) => f.role === 'chat');
  const transcript = transcriptFile ? boundedTranscript(parseVtt(await readText(storage, transcriptFile.path))) : [];
  const chat = chatFile ? (await readText(storage, chatFile.path)).slice(0, MAX_CHAT_CHARS) : '';
  const lastCue = transcript[transcript.length - 1];
  const durationSeconds = input.durationSeconds ?? (lastCue ? Math.ceil(lastCue.end) : null);

  const { db } = deps;
  const eventRef = db.collection(EVENTS).doc(input.eventId);
  const teaserRef = db.collection(MATERIALS).doc(id);
  const bodyRef = teaserRef.collection(GATED).doc(BODY);
  await db.runTransaction(async (tx) => {
    const [eventSnap, teaserSnap, bodySnap] = await Promise.all([tx.get(eventRef), tx.get(teaserRef), tx.get(bodyRef)]);
    if (!eventSnap.exists) throw new Refusal('not-found', `No event ${input.eventId} to publish a recording for`);
    const event = eventSnap.data() as EventTeaser<Timestamp>;
    const old = teaserSnap.data() as MaterialTeaser<Timestamp> | undefined;
    const oldBody = bodySnap.data() as MaterialBody | undefined;
    const hasVideo = input.files.some((f) => f.role === 'video');
    const status = hasVideo || old?.status === 'published' ? 'published' : 'draft';
    const now = Timestamp.fromDate(deps.now());
    const materialInput: MaterialInput = {
      id,
      kind: 'recording',
      title: old?.title ?? event.title,
      summary: old?.summary ?? event.summary,
      tags: old?.tags ?? [],
      access: event.access,
      status,
      author: old?.author ?? '',
      markdown: oldBody?.markdown ?? '',
      files: input.files.map(asMaterialFile),
    };
    const { teaser, body } = materialDocs(
      materialInput,
      event.rank,
      { publishedAt: old?.publishedAt ?? (status === 'published' ? now : null), updatedAt: now },
      {
        eventId: input.eventId,
        durationSeconds,
        chapters: old?.chapters ?? draftChapters(transcript),
        transcript,
        chat,
      },
    );
    const linked = event.recordingId === id;
    const unchanged =
      !!old &&
      !!oldBody &&
      isDeepStrictEqual(comparable(old), comparable(teaser)) &&
      isDeepStrictEqual(comparable(oldBody), comparable(body));
    if (unchanged && linked) return;
    if (!unchanged) {
      tx.set(teaserRef, teaser);
      // Merged: the HTML rendered from the notes' markdown stays.
      tx.set(bodyRef, body, { merge: true });
    }
    if (!linked) tx.update(eventRef, { recordingId: id });
  });
  return { materialId: id };
}

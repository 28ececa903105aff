import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RecordingFileRole } from '../shared/recordings';

// Zoom's webhook signatures and which files of a cloud recording we keep: pure, tested by tables.

/** Zoom signs `v0:{x-zm-request-timestamp}:{raw body}`; older deliveries than this are refused (replay window). */
export const ZOOM_SIGNATURE_WINDOW_SECONDS = 300;

const hmacHex = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('hex');

/** The `x-zm-signature` header Zoom sends with a body at a timestamp (seconds). */
export const zoomSignature = (secret: string, timestamp: string, rawBody: string | Buffer): string =>
  `v0=${hmacHex(secret, `v0:${timestamp}:${rawBody.toString()}`)}`;

/** The answer to `endpoint.url_validation`. */
export const zoomUrlValidation = (secret: string, plainToken: string) => ({
  plainToken,
  encryptedToken: hmacHex(secret, plainToken),
});

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'invalid';

/**
 * Whether a delivery is Zoom's and fresh: both headers present, the timestamp (seconds) within the
 * window of `nowMs` either way, the signature equal in constant time.
 */
export function checkZoomSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string | Buffer;
  nowMs: number;
}): SignatureCheck {
  const { secret, timestamp, signature, rawBody, nowMs } = input;
  if (!secret || !timestamp || !signature) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'invalid';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > ZOOM_SIGNATURE_WINDOW_SECONDS) return 'stale';
  const expected = Buffer.from(zoomSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'invalid';
}

/** A Zoom meeting UUID may hold `/` and `=`: ids and paths use this hash of it instead. */
export const meetingKeyOf = (uuid: string): string => createHash('sha256').update(uuid).digest('hex').slice(0, 32);

/** The ingest job of one file of one meeting: the same for the webhook, its replays and the poller. */
export const ingestJobId = (uuid: string, fileId: string): string => `${meetingKeyOf(uuid)}_${fileId}`;

/** Video layouts, best first: the shared screen with the speaker is what a replay wants. */
const VIDEO_LAYOUTS = [
  'shared_screen_with_speaker_view',
  'shared_screen_with_speaker_view(CC)',
  'speaker_view',
  'active_speaker',
  'shared_screen_with_gallery_view',
  'gallery_view',
  'shared_screen',
];

export interface RecordingFileFacts {
  id: string;
  file_type: string;
  recording_type?: string;
  status?: string;
}

export interface ChosenFile<F> {
  file: F;
  role: RecordingFileRole;
  name: string;
  contentType: string;
}

/**
 * The files we copy: one video (the best layout), the transcript (VTT) and the chat (TXT); the rest
 * (audio only, timeline, closed captions, other layouts) stays in Zoom.
 */
export function chooseRecordingFiles<F extends RecordingFileFacts>(files: readonly F[]): ChosenFile<F>[] {
  const rankOf = (f: F) => {
    const i = VIDEO_LAYOUTS.indexOf(f.recording_type ?? '');
    return i === -1 ? VIDEO_LAYOUTS.length : i;
  };
  const videos = files.filter((f) => f.file_type.toUpperCase() === 'MP4').sort((a, b) => rankOf(a) - rankOf(b));
  const first = (type: string) => files.find((f) => f.file_type.toUpperCase() === type);
  const chosen: ChosenFile<F>[] = [];
  const video = videos[0];
  if (video) chosen.push({ file: video, role: 'video', name: `video-${video.id}.mp4`, contentType: 'video/mp4' });
  const transcript = first('TRANSCRIPT');
  if (transcript)
    chosen.push({
      file: transcript,
      role: 'transcript',
      name: `transcript-${transcript.id}.vtt`,
      contentType: 'text/vtt',
    });
  const chat = first('CHAT');
  if (chat) chosen.push({ file: chat, role: 'chat', name: `chat-${chat.id}.txt`, contentType: 'text/plain' });
  return chosen;
}

/** Seconds of the recording: the video's own span when Zoom gives it, else the meeting's minutes. */
export function recordingSeconds(
  video: { recording_start?: string; recording_end?: string } | undefined,
  durationMinutes: number | undefined,
): number | null {
  const start = Date.parse(video?.recording_start ?? '');
  const end = Date.parse(video?.recording_end ?? '');
  if (Number.isFinite(start) && Number.isFinite(end) && end > start) return Math.round((end - start) / 1000);
  return typeof durationMinutes === 'number' && durationMinutes > 0 ? durationMinutes * 60 : null;
}

/** Exponential back-off with full jitter: about `baseMs` · 2^attempt, at most `maxMs`. */
export const backoffMs = (attempt: number, baseMs: number, maxMs: number, random = Math.random): number =>
  Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt));

import { z } from 'zod';

// Zoom's webhook bodies as we read them: strict on what we use (types, sizes, formats), lenient to the
// many fields Zoom adds (plain z.object drops unknown keys instead of refusing them).

/** Zoom file ids are UUID-like; they become part of a document id and a file name. */
const fileId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Zoom file id');

export const zoomRecordingFileSchema = z.object({
  id: fileId,
  file_type: z.string().min(1).max(32),
  file_extension: z.string().max(16).optional(),
  recording_type: z.string().max(64).optional(),
  file_size: z.number().int().nonnegative().max(1e12),
  download_url: z.url({ protocol: /^https?$/ }).max(2048),
  status: z.string().max(32).optional(),
  recording_start: z.string().max(40).optional(),
  recording_end: z.string().max(40).optional(),
});

export const zoomRecordingObjectSchema = z.object({
  uuid: z.string().min(1).max(128),
  /** Zoom sends the meeting id as a number; we keep it as the string `sync.zoom.meetingId` holds. */
  id: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,20}$/)]),
  topic: z.string().max(500).optional(),
  start_time: z.string().max(40).optional(),
  duration: z.number().nonnegative().max(100_000).optional(),
  recording_files: z.array(zoomRecordingFileSchema).max(100),
});
export type ZoomRecordingObject = z.output<typeof zoomRecordingObjectSchema>;

/** Every delivery: which event, and its payload (read per event below). */
export const zoomEnvelopeSchema = z.object({
  event: z.string().min(1).max(100),
  event_ts: z.number().optional(),
  payload: z.unknown(),
  download_token: z.string().min(1).max(4096).optional(),
});

/** Zoom's plainToken is a short base64url string; anything else is not Zoom (and would make us an HMAC oracle). */
export const urlValidationPayloadSchema = z.object({ plainToken: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) });

export const recordingPayloadSchema = z.object({
  account_id: z.string().max(64).optional(),
  object: zoomRecordingObjectSchema,
});

/** Events that carry recording files we ingest; the transcript often comes on its own, later. */
export const RECORDING_EVENTS = new Set(['recording.completed', 'recording.transcript_completed']);

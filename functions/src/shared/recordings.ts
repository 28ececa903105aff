// Recordings: a Zoom cloud recording streamed into Cloud Storage and published as a material of kind
// `recording` with the event's access (see docs/architecture.md, "Recordings").

/** `recordingIngests/{id}`: one file of one meeting's recording being copied; a leased job. */
export const RECORDING_INGESTS = 'recordingIngests';

export const INGEST_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type IngestState = (typeof INGEST_STATES)[number];

/** What a stored file is for on the recording page. */
export const RECORDING_FILE_ROLES = ['video', 'audio', 'transcript', 'chat'] as const;
export type RecordingFileRole = (typeof RECORDING_FILE_ROLES)[number];

/** A file of the recording once it is in Cloud Storage (under `media/recordings/{eventId}/`). */
export interface IngestedFile {
  role: RecordingFileRole;
  name: string;
  path: string;
  size: number;
  contentType: string;
}

/** A chapter: seconds from the start and a label. */
export interface Chapter {
  at: number;
  label: string;
}

/** One line of the transcript, parsed from Zoom's VTT. */
export interface TranscriptCue {
  at: number;
  end: number;
  speaker: string | null;
  text: string;
}

/** An ingest job lease: the worker holding it, and until when (renewed while bytes flow). */
export interface IngestLease<Time = unknown> {
  owner: string;
  until: Time;
}

/**
 * `recordingIngests/{meetingKey}_{fileId}`: one file of one meeting's cloud recording on its way into
 * Cloud Storage. The id is deterministic (webhook, replays and the poller agree), so a file is copied once.
 * Admin-readable (Admin → Recordings); written by functions only.
 */
export interface RecordingIngest<Time = unknown> {
  eventId: string;
  meetingId: string;
  meetingUuid: string;
  /** `recordingMeetings/{meetingKey}`: the meeting this file belongs to. */
  meetingKey: string;
  fileId: string;
  role: RecordingFileRole;
  name: string;
  contentType: string;
  /** Where the object goes: `media/recordings/{eventId}/{name}`. */
  path: string;
  /** Zoom's `file_size`; the stored object must have exactly this many bytes. */
  expectedSize: number;
  downloadUrl: string;
  /** The short-lived download token Zoom sent (null: ask the recordings API for one). */
  downloadToken: string | null;
  state: IngestState;
  bytesDone: number;
  /** Runs started (leases taken); past MAX_INGEST_ATTEMPTS the job fails and waits for an admin's retry. */
  attempts: number;
  lease: IngestLease<Time> | null;
  error: string | null;
  /** Times a broken download continued with a Range request inside the same upload, over all runs. */
  resumes: number;
  /** MD5 of the stored bytes (base64), checked against what storage reports. */
  md5: string | null;
  createdAt: Time;
  updatedAt: Time;
  doneAt: Time | null;
}

export const MAX_INGEST_ATTEMPTS = 5;

/**
 * `recordingMeetings/{meetingKey}`: the files of one meeting's recording and whether it was published.
 * The key is a hash of the meeting's UUID (which may hold `/`). Publishing is claimed in a transaction
 * on this document, so the last files finishing together publish once.
 */
export const RECORDING_MEETINGS = 'recordingMeetings';
export const RECORDING_MEETING_STATES = ['ingesting', 'publishing', 'published'] as const;
export type RecordingMeetingState = (typeof RECORDING_MEETING_STATES)[number];

export interface RecordingMeeting<Time = unknown> {
  eventId: string;
  meetingId: string;
  meetingUuid: string;
  /** The ingest job ids of this recording. */
  jobs: string[];
  durationSeconds: number | null;
  state: RecordingMeetingState;
  /** While `publishing`: when the claim lapses (a worker that died mid-publication). */
  publishUntil: Time | null;
  materialId: string | null;
  createdAt: Time;
  publishedAt: Time | null;
}
/** The material an event's recording is published as: one per event, so publishing again finds it. */
export const recordingMaterialId = (eventId: string) => `rec-${eventId}`;

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

/** The material an event's recording is published as: one per event, so publishing again finds it. */
export const recordingMaterialId = (eventId: string) => `rec-${eventId}`;

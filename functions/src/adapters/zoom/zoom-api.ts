// The Zoom port: what Commons asks of Zoom, in Zoom's own field names where data comes back from it.
// Real adapter: Server-to-Server OAuth + REST v2 (zoom-client.ts); twin: ./twin (same wire format).

/** What a meeting is created or updated from: local wall time plus IANA zone, as Zoom takes it. */
export interface ZoomMeetingInput {
  topic: string;
  agenda: string;
  /** Local time without offset, `yyyy-MM-ddTHH:mm:ss`, read in `timeZone`. */
  startTime: string;
  timeZone: string;
  durationMinutes: number;
}

export interface ZoomMeeting {
  id: string;
  uuid: string;
  joinUrl: string;
  passcode: string | null;
}

/** One file of a cloud recording (GET /meetings/{id}/recordings, `recording_files[]`). */
export interface ZoomRecordingFile {
  id: string;
  file_type: string; // MP4, M4A, TRANSCRIPT, CHAT, TIMELINE, CC, …
  file_extension?: string;
  recording_type: string; // shared_screen_with_speaker_view, speaker_view, audio_only, audio_transcript, chat_file, …
  file_size: number;
  download_url: string;
  status: string; // completed, processing
  recording_start?: string;
  recording_end?: string;
}

export interface ZoomRecording {
  uuid: string;
  id: number;
  topic: string;
  start_time: string;
  duration: number;
  recording_files: ZoomRecordingFile[];
  /** Present when asked for (`include_fields=download_access_token`): a short-lived token for the downloads. */
  download_access_token?: string;
}

export interface ZoomApi {
  createMeeting(input: ZoomMeetingInput): Promise<ZoomMeeting>;
  updateMeeting(meetingId: string, input: ZoomMeetingInput): Promise<void>;
  /** A meeting Zoom no longer knows counts as deleted. */
  deleteMeeting(meetingId: string): Promise<void>;
  /** The meeting's cloud recording with a fresh download token, or null while there is none. */
  getRecording(meetingIdOrUuid: string): Promise<ZoomRecording | null>;
  /** Recordings of meetings that started between `from` and `to` (yyyy-MM-dd, UTC). */
  listRecordings(from: string, to: string): Promise<ZoomRecording[]>;
}

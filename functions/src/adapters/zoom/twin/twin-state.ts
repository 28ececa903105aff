import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { minMp4Size } from './mp4';
import { chatText, transcriptVtt } from './recording-content';

/** The Zoom twin's state: meetings, their cloud recordings and the tokens it issued, kept in one JSON file. */

export const TWIN_HOST = { id: 'twinHostUser01', email: 'host@zoom-twin.test' };
const DAY_MS = 86_400_000;

/** A meeting as Zoom returns it (GET /meetings/{id}), plus the twin's own `ended` mark. */
export interface TwinMeeting {
  id: number;
  uuid: string;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  status: 'waiting' | 'started' | 'finished';
  start_time: string; // UTC, Z
  duration: number;
  timezone: string;
  agenda: string;
  created_at: string;
  start_url: string;
  join_url: string;
  password: string;
  settings: { auto_recording: string; waiting_room: boolean; join_before_host: boolean };
}

/** What a recording file is generated from: its kind and size. */
export type FileKind = 'mp4' | 'm4a' | 'vtt' | 'chat';

export interface TwinFile {
  id: string;
  meeting_id: string; // the meeting instance's uuid, as Zoom sends it
  recording_start: string;
  recording_end: string;
  file_type: string;
  file_extension: string;
  file_size: number;
  recording_type: string;
  status: 'completed';
  kind: FileKind;
}

export interface TwinRecording {
  uuid: string;
  id: number;
  account_id: string;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  start_time: string;
  timezone: string;
  duration: number;
  total_size: number;
  recording_count: number;
  share_url: string;
  password: string;
  files: TwinFile[];
}

export interface TwinData {
  meetings: Record<string, TwinMeeting>;
  /** By meeting instance uuid. */
  recordings: Record<string, TwinRecording>;
  /** OAuth access tokens and download tokens the twin issued → expiry (ms). */
  accessTokens: Record<string, number>;
  downloadTokens: Record<string, number>;
  /** The page's switch: false leaves the webhook out when a meeting ends (the poller's case). */
  sendWebhook: boolean;
}

const empty = (): TwinData => ({
  meetings: {},
  recordings: {},
  accessTokens: {},
  downloadTokens: {},
  sendWebhook: true,
});

export class TwinError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const token = () => randomBytes(24).toString('base64url');
const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Zoom's `start_time` is local when a `timezone` is given (no offset), UTC when it ends in Z. */
function startUtc(startTime: string, timeZone: string): string {
  const zoned = /Z$/.test(startTime)
    ? DateTime.fromISO(startTime, { zone: 'utc' })
    : /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(startTime)
      ? DateTime.fromISO(startTime, { zone: timeZone })
      : DateTime.invalid('format');
  if (!zoned.isValid) throw new TwinError(400, 300, `Invalid field: start_time ${startTime} (${timeZone}).`);
  return zoned.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

export interface MeetingFields {
  topic?: unknown;
  agenda?: unknown;
  type?: unknown;
  start_time?: unknown;
  timezone?: unknown;
  duration?: unknown;
  password?: unknown;
  settings?: { auto_recording?: unknown; waiting_room?: unknown; join_before_host?: unknown };
}

export class TwinState {
  data: TwinData;
  publicUrl = '';

  constructor(private readonly opts: { dataFile?: string; now: () => number; accountId: string }) {
    this.data =
      opts.dataFile && existsSync(opts.dataFile)
        ? (JSON.parse(readFileSync(opts.dataFile, 'utf8')) as TwinData)
        : empty();
  }

  save(): void {
    if (this.opts.dataFile) writeFileSync(this.opts.dataFile, JSON.stringify(this.data));
  }

  reset(): void {
    this.data = empty();
  }

  issueAccessToken(lifetimeSeconds: number): string {
    const t = token();
    this.data.accessTokens[t] = this.opts.now() + lifetimeSeconds * 1000;
    return t;
  }

  accessTokenValid(t: string): boolean {
    return (this.data.accessTokens[t] ?? 0) > this.opts.now();
  }

  issueDownloadToken(): string {
    const t = token();
    this.data.downloadTokens[t] = this.opts.now() + DAY_MS;
    return t;
  }

  /** A download accepts a download token or an OAuth access token, as Zoom does. */
  mayDownload(t: string): boolean {
    return (this.data.downloadTokens[t] ?? 0) > this.opts.now() || this.accessTokenValid(t);
  }

  expireDownloadTokens(): number {
    const n = Object.keys(this.data.downloadTokens).length;
    this.data.downloadTokens = {};
    return n;
  }

  revokeAccessTokens(): number {
    const n = Object.keys(this.data.accessTokens).length;
    this.data.accessTokens = {};
    return n;
  }

  private newMeetingId(): number {
    for (;;) {
      const id = randomInt(81_000_000_000, 99_999_999_999);
      if (!this.data.meetings[id]) return id;
    }
  }

  meeting(id: string): TwinMeeting {
    const m = /^\d+$/.test(id) ? this.data.meetings[id] : undefined;
    if (!m) throw new TwinError(404, 3001, `Meeting does not exist: ${id}.`);
    return m;
  }

  createMeeting(f: MeetingFields): TwinMeeting {
    const timezone = typeof f.timezone === 'string' && f.timezone ? f.timezone : 'UTC';
    if (typeof f.start_time !== 'string') throw new TwinError(400, 300, 'Invalid field: start_time.');
    const duration = Number(f.duration ?? 60);
    if (!Number.isInteger(duration) || duration < 1) throw new TwinError(400, 300, 'Invalid field: duration.');
    const id = this.newMeetingId();
    const password = typeof f.password === 'string' ? f.password.slice(0, 10) : '';
    const base = this.publicUrl;
    const m: TwinMeeting = {
      id,
      uuid: randomBytes(16).toString('base64'),
      host_id: TWIN_HOST.id,
      host_email: TWIN_HOST.email,
      topic: typeof f.topic === 'string' ? f.topic : 'Zoom Meeting',
      type: Number(f.type ?? 2),
      status: 'waiting',
      start_time: startUtc(f.start_time, timezone),
      duration,
      timezone,
      agenda: typeof f.agenda === 'string' ? f.agenda : '',
      created_at: utc(this.opts.now()),
      start_url: `${base}/s/${id}?zak=${token()}`,
      join_url: `${base}/j/${id}${password ? `?pwd=${Buffer.from(password).toString('base64url')}` : ''}`,
      password,
      settings: {
        auto_recording: String(f.settings?.auto_recording ?? 'none'),
        waiting_room: f.settings?.waiting_room === true,
        join_before_host: f.settings?.join_before_host === true,
      },
    };
    this.data.meetings[id] = m;
    return m;
  }

  updateMeeting(id: string, f: MeetingFields): void {
    const m = this.meeting(id);
    if (typeof f.topic === 'string') m.topic = f.topic;
    if (typeof f.agenda === 'string') m.agenda = f.agenda;
    if (typeof f.timezone === 'string') m.timezone = f.timezone;
    if (typeof f.start_time === 'string') m.start_time = startUtc(f.start_time, m.timezone);
    if (f.duration !== undefined) m.duration = Number(f.duration);
    if (typeof f.password === 'string') m.password = f.password;
    if (f.settings) {
      if (typeof f.settings.auto_recording === 'string') m.settings.auto_recording = f.settings.auto_recording;
      if (typeof f.settings.waiting_room === 'boolean') m.settings.waiting_room = f.settings.waiting_room;
    }
  }

  deleteMeeting(id: string): void {
    this.meeting(id);
    delete this.data.meetings[id];
  }

  /**
   * Ends the meeting: marks it finished and gives it a cloud recording of ~10 minutes ending now (video of
   * `size` bytes, audio, transcript, chat). Ending it again replaces the recording (same uuid).
   */
  endMeeting(id: string, size: number): TwinRecording {
    const m = this.meeting(id);
    m.status = 'finished';
    const end = this.opts.now();
    const start = end - 10 * 60_000;
    const file = (kind: FileKind, file_type: string, recording_type: string, file_size: number): TwinFile => ({
      id: randomBytes(18).toString('hex'),
      meeting_id: m.uuid,
      recording_start: utc(start),
      recording_end: utc(end),
      file_type,
      file_extension: kind === 'chat' ? 'TXT' : file_type === 'TRANSCRIPT' ? 'VTT' : file_type,
      file_size,
      recording_type,
      status: 'completed',
      kind,
    });
    const files = [
      file('mp4', 'MP4', 'shared_screen_with_speaker_view', Math.max(size, minMp4Size())),
      file('m4a', 'M4A', 'audio_only', Math.max(Math.floor(size / 10), minMp4Size())),
      file('vtt', 'TRANSCRIPT', 'audio_transcript', Buffer.byteLength(transcriptVtt(m.topic))),
      file('chat', 'CHAT', 'chat_file', Buffer.byteLength(chatText(m.topic))),
    ];
    const rec: TwinRecording = {
      uuid: m.uuid,
      id: m.id,
      account_id: this.opts.accountId,
      host_id: m.host_id,
      host_email: m.host_email,
      topic: m.topic,
      type: m.type,
      start_time: utc(start),
      timezone: m.timezone,
      duration: 10,
      total_size: files.reduce((n, f) => n + f.file_size, 0),
      recording_count: files.length,
      share_url: `${this.publicUrl}/rec/share/${m.id}`,
      password: m.password,
      files,
    };
    this.data.recordings[m.uuid] = rec;
    return rec;
  }

  /** A recording by numeric meeting id (its latest instance) or instance uuid. */
  recording(idOrUuid: string): TwinRecording | undefined {
    const all = Object.values(this.data.recordings);
    return /^\d+$/.test(idOrUuid) ? all.filter((r) => String(r.id) === idOrUuid).pop() : this.data.recordings[idOrUuid];
  }

  file(fileId: string): { rec: TwinRecording; file: TwinFile } | undefined {
    for (const rec of Object.values(this.data.recordings)) {
      const file = rec.files.find((f) => f.id === fileId);
      if (file) return { rec, file };
    }
    return undefined;
  }

  /** Zoom's JSON for a recording: files with their download URLs (and a download token when asked). */
  recordingJson(rec: TwinRecording, downloadToken?: string) {
    const { files, ...rest } = rec;
    return {
      ...rest,
      recording_files: files.map(({ kind: _kind, ...f }) => ({
        ...f,
        play_url: `${this.publicUrl}/rec/play/${f.id}`,
        download_url: `${this.publicUrl}/rec/download/${f.id}`,
      })),
      ...(downloadToken ? { download_access_token: downloadToken } : {}),
    };
  }
}

import { randomInt } from 'node:crypto';
import type { ZoomApi, ZoomMeeting, ZoomMeetingInput, ZoomRecording } from './zoom-api';

/**
 * The real Zoom adapter: Server-to-Server OAuth (account credentials) and REST v2 over fetch, in Zoom's
 * wire format (developers.zoom.us/docs/api). The local twin (./twin) answers the same requests.
 */

export const ZOOM_API = 'https://api.zoom.us/v2';
export const ZOOM_OAUTH = 'https://zoom.us';

/** How the meeting passcode is chosen: a random 8-digit one we send, or none (Zoom's account default applies). */
export type ZoomPasscodePolicy = 'random' | 'none';

export interface ZoomClientConfig {
  accountId: string;
  clientId: string;
  clientSecret: string;
  apiBase?: string;
  oauthBase?: string;
  waitingRoom: boolean;
  passcode: ZoomPasscodePolicy;
  timeoutMs?: number;
  /** ms clock for the token's lifetime (tests move it). */
  now?: () => number;
}

/** A non-2xx answer from Zoom, with Zoom's own `code`/`message`; `retryable` for 429 and 5xx. */
export class ZoomApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | string | undefined,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ZoomApiError';
  }
}

/** Refresh this long before Zoom's `expires_in` runs out, so a token never expires in flight. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * A uuid goes into a path encoded once, except that Zoom needs it encoded twice when it starts with `/`
 * or contains `//`; numeric meeting ids go as they are.
 */
export function meetingPathId(meetingIdOrUuid: string): string {
  const once = encodeURIComponent(meetingIdOrUuid);
  return meetingIdOrUuid.startsWith('/') || meetingIdOrUuid.includes('//') ? encodeURIComponent(once) : once;
}

/** Zoom's meeting body for create and update (`type: 2` scheduled, local start + zone). */
function meetingBody(input: ZoomMeetingInput) {
  return {
    topic: input.topic.slice(0, 200),
    agenda: input.agenda.slice(0, 2000),
    type: 2,
    start_time: input.startTime,
    timezone: input.timeZone,
    duration: input.durationMinutes,
  };
}

interface Token {
  value: string;
  expiresAt: number;
}

interface MeetingAnswer {
  id: number;
  uuid: string;
  join_url: string;
  password?: string;
}

interface RecordingsPage {
  next_page_token?: string;
  meetings?: ZoomRecording[];
}

export function zoomClient(config: ZoomClientConfig): ZoomApi {
  const apiBase = (config.apiBase || ZOOM_API).replace(/\/$/, '');
  const oauthBase = (config.oauthBase || ZOOM_OAUTH).replace(/\/$/, '');
  const now = config.now ?? Date.now;
  const timeoutMs = config.timeoutMs ?? 20_000;
  let token: Token | null = null;
  let pending: Promise<Token> | null = null;

  async function failure(res: Response, what: string): Promise<ZoomApiError> {
    const text = await res.text().catch(() => '');
    let body: { code?: number | string; message?: string; reason?: string; error?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON: keep the status
    }
    const code = body.code ?? body.error;
    const message = body.message ?? body.reason ?? (text.slice(0, 200) || res.statusText);
    return new ZoomApiError(
      res.status,
      code,
      `Zoom ${what}: ${res.status}${code !== undefined ? ` (${code})` : ''} ${message}`,
      res.status === 429 || res.status >= 500,
    );
  }

  async function fetchToken(): Promise<Token> {
    const url = `${oauthBase}/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(config.accountId)}`;
    const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw await failure(res, 'OAuth token');
    const body = (await res.json()) as { access_token: string; expires_in: number };
    return { value: body.access_token, expiresAt: now() + body.expires_in * 1000 - TOKEN_MARGIN_MS };
  }

  /** The cached token while it lives; concurrent callers share one token request. */
  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > now()) return token.value;
    pending ??= fetchToken().finally(() => (pending = null));
    token = await pending;
    return token.value;
  }

  /** One API call; a 401 (token revoked or expired early) gets one fresh token and one more try. */
  async function call(method: string, path: string, what: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const bearer = await accessToken();
      const res = await fetch(`${apiBase}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        if (token?.value === bearer) token = null;
        continue;
      }
      if (res.ok || res.status === 404) return res;
      throw await failure(res, what);
    }
  }

  const notFound = async (res: Response, what: string) => {
    throw await failure(res, what);
  };

  return {
    async createMeeting(input): Promise<ZoomMeeting> {
      const password = config.passcode === 'random' ? String(randomInt(10_000_000, 100_000_000)) : undefined;
      const res = await call('POST', '/users/me/meetings', 'create meeting', {
        ...meetingBody(input),
        ...(password ? { password } : {}),
        settings: { auto_recording: 'cloud', waiting_room: config.waitingRoom, join_before_host: false },
      });
      if (res.status === 404) return notFound(res, 'create meeting');
      const m = (await res.json()) as MeetingAnswer;
      return { id: String(m.id), uuid: m.uuid, joinUrl: m.join_url, passcode: m.password || null };
    },

    async updateMeeting(meetingId, input) {
      const res = await call('PATCH', `/meetings/${meetingPathId(meetingId)}`, 'update meeting', meetingBody(input));
      if (res.status === 404) return notFound(res, 'update meeting');
      await res.body?.cancel();
    },

    async deleteMeeting(meetingId) {
      const res = await call('DELETE', `/meetings/${meetingPathId(meetingId)}`, 'delete meeting');
      await res.body?.cancel();
    },

    async getRecording(meetingIdOrUuid) {
      const path = `/meetings/${meetingPathId(meetingIdOrUuid)}/recordings?include_fields=download_access_token`;
      const res = await call('GET', path, 'get recording');
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      return (await res.json()) as ZoomRecording;
    },

    async listRecordings(from, to) {
      const all: ZoomRecording[] = [];
      let pageToken = '';
      do {
        const q = new URLSearchParams({ from, to, page_size: '300' });
        if (pageToken) q.set('next_page_token', pageToken);
        const res = await call('GET', `/users/me/recordings?${q}`, 'list recordings');
        if (res.status === 404) return notFound(res, 'list recordings');
        const page = (await res.json()) as RecordingsPage;
        all.push(...(page.meetings ?? []));
        pageToken = page.next_page_token ?? '';
      } while (pageToken);
      return all;
    },
  };
}

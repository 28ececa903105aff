import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { generatedMp4 } from './mp4';
import { chatText, transcriptVtt } from './recording-content';
import { listPage, meetingPage, messagePage } from './twin-pages';
import { TwinError, TwinState, type MeetingFields, type TwinRecording } from './twin-state';
import { WebhookSender, type Delivery } from './webhook';

/**
 * Local twin of Zoom for `npm start` and the tests, on node:http, in Zoom's wire format:
 *
 *   POST   /oauth/token?grant_type=account_credentials&account_id=…   Basic client_id:client_secret
 *   POST   /v2/users/me/meetings                      GET|PATCH|DELETE /v2/meetings/{meetingId}
 *   GET    /v2/meetings/{meetingId|uuid}/recordings[?include_fields=download_access_token]
 *          (a uuid starting with / or containing // must be double URL-encoded, as on Zoom)
 *   GET    /v2/users/me/recordings?from=yyyy-MM-dd&to=yyyy-MM-dd[&page_size=&next_page_token=]
 *   GET    /rec/download/{fileId}    Authorization: Bearer {download token or access token} or ?access_token=;
 *          Range: bytes=… answered 206 (MP4/M4A generated to the exact size, streamed; VTT; chat TXT)
 *   Pages: GET / (meetings, webhook switch)   GET /meetings/{id} ("End meeting")
 *          POST /meetings/{id}/end (form: size)   POST /webhook-switch (form: off=1, back)
 *   Test endpoints (JSON; GET or POST):
 *     /_twin/health
 *     /_twin/end?meetingId=&webhook=0|1&size=  end the meeting, make its recording, send the webhook unless
 *                                              webhook=0 (default: the page's switch); answers
 *                                              {recording, downloadToken, webhook: Delivery|null} after delivery
 *     /_twin/send-webhook?meetingId=           (re)send recording.completed for its latest recording
 *     /_twin/fail-next-download?afterBytes=N   the next download is cut (socket destroyed) after N body bytes
 *     /_twin/expire-tokens                     every download token issued so far stops working (401)
 *     /_twin/revoke-access-tokens              every OAuth access token stops working (API answers 401)
 *     /_twin/meetings                          {meetings: [...]} as stored (deleted ones are gone)
 *     /_twin/deliveries                        webhook deliveries with status, attempts, responseStatus
 *     /_twin/token-requests                    {count} of successful /oauth/token calls
 *     /_twin/reset                             forget everything
 */

export interface ZoomTwinOptions {
  port?: number; // 0 picks a free port
  host?: string;
  publicUrl?: string; // base of join/download URLs; default http://host:port
  accountId: string;
  clientId: string;
  clientSecret: string;
  webhookUrl: string;
  webhookSecret: string;
  dataFile?: string;
  now?: () => number; // ms
  retryDelaysMs?: number[];
  /** Upper bound on `page_size` for the recordings list (tests lower it to exercise pagination). */
  maxPageSize?: number;
  /** Video size when a meeting is ended from its page without one. */
  defaultSize?: number;
}

export interface ZoomTwin {
  url: string;
  port: number;
  state: TwinState;
  deliveries: Delivery[];
  tokenRequests(): number;
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Reply {
  status?: number;
  json?: unknown;
  html?: string;
  redirect?: string;
}

/** Backpressure: wait for the socket to take more, or to be gone (listeners removed either way). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const zoomError = (status: number, code: number, message: string): Reply => ({ status, json: { code, message } });

export async function createZoomTwin(opts: ZoomTwinOptions): Promise<ZoomTwin> {
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? Date.now;
  const state = new TwinState({ dataFile: opts.dataFile, now, accountId: opts.accountId });
  const webhooks = new WebhookSender({
    url: opts.webhookUrl,
    secret: opts.webhookSecret,
    retryDelaysMs: opts.retryDelaysMs ?? [1000, 3000],
    now,
  });
  const maxPage = opts.maxPageSize ?? 300;
  let tokenRequests = 0;
  let failNextAfter: number | null = null;

  function webhookBody(rec: TwinRecording) {
    const object = state.recordingJson(rec);
    return {
      event: 'recording.completed',
      event_ts: now(),
      payload: { account_id: opts.accountId, object },
      download_token: state.issueDownloadToken(),
    };
  }

  function end(meetingId: string, size: number, webhook: boolean) {
    const rec = state.endMeeting(meetingId, size);
    state.save();
    const body = webhook ? webhookBody(rec) : null;
    return { rec, body, delivery: body ? webhooks.send(body) : Promise.resolve(null) };
  }

  function oauth(req: IncomingMessage, url: URL): Reply {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (id !== opts.clientId || secret !== opts.clientSecret)
      return { status: 400, json: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    if (url.searchParams.get('grant_type') !== 'account_credentials')
      return { status: 400, json: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } };
    if (url.searchParams.get('account_id') !== opts.accountId)
      return { status: 400, json: { reason: 'Invalid account_id', error: 'invalid_request' } };
    tokenRequests++;
    return {
      json: {
        access_token: state.issueAccessToken(3599),
        token_type: 'bearer',
        expires_in: 3599,
        scope: 'meeting:write:admin meeting:read:admin recording:read:admin',
        api_url: 'https://api.zoom.us',
      },
    };
  }

  /** A path segment as Zoom reads it: a uuid with / or // only arrives intact when double-encoded. */
  function meetingKey(segment: string): string {
    const once = decodeURIComponent(segment);
    if (once.startsWith('/') || once.includes('//')) return '';
    return once.includes('%') ? decodeURIComponent(once) : once;
  }

  async function api(method: string, path: string, url: URL, body: string): Promise<Reply> {
    const json = (): MeetingFields => {
      try {
        return JSON.parse(body || '{}') as MeetingFields;
      } catch {
        throw new TwinError(400, 300, 'Request Body should be a valid JSON object.');
      }
    };
    if (method === 'POST' && path === '/users/me/meetings') return { status: 201, json: state.createMeeting(json()) };
    if (path === '/users/me/recordings' && method === 'GET') return listRecordings(url);
    const rec = /^\/meetings\/([^/]+)\/recordings$/.exec(path);
    if (rec && method === 'GET') {
      const found = state.recording(meetingKey(rec[1]!));
      if (!found) return zoomError(404, 3301, 'This recording does not exist.');
      const withToken = url.searchParams.get('include_fields')?.split(',').includes('download_access_token');
      return { json: state.recordingJson(found, withToken ? state.issueDownloadToken() : undefined) };
    }
    const meeting = /^\/meetings\/([^/]+)$/.exec(path);
    if (meeting) {
      const id = meetingKey(meeting[1]!);
      if (method === 'GET') return { json: state.meeting(id) };
      if (method === 'PATCH') return (state.updateMeeting(id, json()), { status: 204 });
      if (method === 'DELETE') return (state.deleteMeeting(id), { status: 204 });
    }
    return zoomError(404, 404, `Not found: ${method} ${path}`);
  }

  function listRecordings(url: URL): Reply {
    const day = (offset: number) => new Date(now() + offset).toISOString().slice(0, 10);
    const from = url.searchParams.get('from') ?? day(-86_400_000);
    const to = url.searchParams.get('to') ?? day(0);
    const size = Math.min(Number(url.searchParams.get('page_size') ?? 30) || 30, maxPage);
    const start = Number(Buffer.from(url.searchParams.get('next_page_token') ?? '', 'base64url').toString() || 0);
    const all = Object.values(state.data.recordings)
      .filter((r) => r.start_time.slice(0, 10) >= from && r.start_time.slice(0, 10) <= to)
      .sort((a, b) => b.start_time.localeCompare(a.start_time));
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : '';
    return {
      json: {
        from,
        to,
        page_size: size,
        total_records: all.length,
        next_page_token: next,
        meetings: page.map((r) => state.recordingJson(r)),
      },
    };
  }

  async function twinRoute(path: string, url: URL): Promise<Reply | undefined> {
    const q = url.searchParams;
    switch (path) {
      case '/_twin/health':
        return { json: { ok: true } };
      case '/_twin/end': {
        const id = q.get('meetingId') ?? '';
        const webhook = q.has('webhook') ? q.get('webhook') !== '0' : state.data.sendWebhook;
        const { rec, body, delivery } = end(id, Number(q.get('size') ?? opts.defaultSize ?? 5_000_000), webhook);
        return {
          json: {
            recording: state.recordingJson(rec),
            downloadToken: body?.download_token ?? null,
            webhook: await delivery,
          },
        };
      }
      case '/_twin/send-webhook': {
        const rec = state.recording(q.get('meetingId') ?? '');
        if (!rec) return zoomError(404, 3301, 'This recording does not exist.');
        const body = webhookBody(rec);
        state.save();
        return { json: { downloadToken: body.download_token, webhook: await webhooks.send(body) } };
      }
      case '/_twin/fail-next-download':
        failNextAfter = Math.max(0, Number(q.get('afterBytes') ?? 0) || 0);
        return { json: { afterBytes: failNextAfter } };
      case '/_twin/expire-tokens':
        return { json: { expired: state.expireDownloadTokens() } };
      case '/_twin/revoke-access-tokens':
        return { json: { revoked: state.revokeAccessTokens() } };
      case '/_twin/meetings':
        return { json: { meetings: Object.values(state.data.meetings) } };
      case '/_twin/deliveries':
        return { json: { deliveries: webhooks.deliveries } };
      case '/_twin/token-requests':
        return { json: { count: tokenRequests } };
      case '/_twin/reset':
        await webhooks.idle();
        state.reset();
        webhooks.deliveries.length = 0;
        [tokenRequests, failNextAfter] = [0, null];
        return { json: { ok: true } };
    }
    return undefined;
  }

  async function pages(method: string, path: string, body: string): Promise<Reply> {
    const form = new URLSearchParams(body);
    if (method === 'GET' && path === '/') return { html: listPage(state.data) };
    if (method === 'POST' && path === '/webhook-switch') {
      state.data.sendWebhook = form.get('off') !== '1';
      const back = form.get('back') ?? '/';
      return { redirect: /^\/(meetings\/\d+)?$/.test(back) ? back : '/' };
    }
    const page = /^\/meetings\/(\d+)(\/end)?$/.exec(path);
    if (page && method === 'GET' && !page[2]) {
      const m = state.meeting(page[1]!);
      return { html: meetingPage(state.data, m, state.data.recordings[m.uuid]) };
    }
    if (page && method === 'POST' && page[2]) {
      const size = Number(form.get('size') || opts.defaultSize || 20_000_000);
      // The page answers at once; the webhook goes out (and is retried) in the background.
      end(page[1]!, Number.isFinite(size) ? size : 0, state.data.sendWebhook);
      return { redirect: `/meetings/${page[1]}` };
    }
    const join = /^\/[js]\/(\d+)$/.exec(path);
    if (join) return { html: messagePage('Zoom meeting', `This is the twin's stand-in for meeting ${join[1]}.`) };
    return { status: 404, html: messagePage('Not found', `${method} ${path}`) };
  }

  async function download(req: IncomingMessage, res: ServerResponse, url: URL, fileId: string): Promise<void> {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('access_token');
    const found = state.file(fileId);
    if (!found)
      return void res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 3301, message: 'File does not exist.' }));
    if (!bearer || !state.mayDownload(bearer))
      return void res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 124, message: 'Invalid access token.' }));
    const { file, rec } = found;
    const size = file.file_size;
    const text =
      file.kind === 'vtt'
        ? Buffer.from(transcriptVtt(rec.topic))
        : file.kind === 'chat'
          ? Buffer.from(chatText(rec.topic))
          : null;
    let [start, last] = [0, size - 1];
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (req.headers.range && range && (range[1] || range[2])) {
      if (range[1]) [start, last] = [Number(range[1]), range[2] ? Math.min(Number(range[2]), size - 1) : size - 1];
      else [start, last] = [Math.max(0, size - Number(range[2])), size - 1];
      if (start >= size || start > last) return void res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    }
    const partial = start !== 0 || last !== size - 1;
    const type = {
      mp4: 'video/mp4',
      m4a: 'audio/mp4',
      vtt: 'text/vtt; charset=utf-8',
      chat: 'text/plain; charset=utf-8',
    }[file.kind];
    res.writeHead(partial ? 206 : 200, {
      'content-type': type,
      'content-length': String(last - start + 1),
      'accept-ranges': 'bytes',
      'content-disposition': `attachment; filename="${file.recording_type}.${file.file_extension.toLowerCase()}"`,
      ...(partial ? { 'content-range': `bytes ${start}-${last}/${size}` } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    const source = text ? Readable.from([text.subarray(start, last + 1)]) : generatedMp4(size, start, last);
    const cutAt = failNextAfter;
    failNextAfter = null;
    let sent = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (res.destroyed) break;
      if (cutAt !== null && sent + chunk.length >= cutAt) {
        if (cutAt > sent) res.write(chunk.subarray(0, cutAt - sent));
        await new Promise((r) => setTimeout(r, 20));
        res.destroy(); // the connection drops mid-body, as a flaky CDN does
        source.destroy();
        return;
      }
      sent += chunk.length;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://twin');
    const method = req.method ?? 'GET';
    const dl = /^\/rec\/download\/([\w-]+)$/.exec(url.pathname);
    if (dl && (method === 'GET' || method === 'HEAD')) return download(req, res, url, dl[1]!);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let reply: Reply;
    try {
      if (url.pathname === '/oauth/token' && method === 'POST') reply = oauth(req, url);
      else if (url.pathname.startsWith('/v2/')) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        reply =
          bearer && state.accessTokenValid(bearer)
            ? await api(method, url.pathname.slice(3), url, body)
            : zoomError(401, 124, 'Invalid access token.');
      } else reply = (await twinRoute(url.pathname, url)) ?? (await pages(method, url.pathname, body));
    } catch (err) {
      const e =
        err instanceof TwinError ? err : new TwinError(500, 500, err instanceof Error ? err.message : String(err));
      reply = url.pathname.startsWith('/meetings/')
        ? { status: e.status, html: messagePage('Zoom twin', e.message) }
        : zoomError(e.status, e.code, e.message);
    }
    if (method !== 'GET') state.save();
    if (reply.redirect) res.writeHead(303, { location: reply.redirect }).end();
    else if (reply.html !== undefined)
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/html; charset=utf-8' }).end(reply.html);
    else if (reply.json === undefined) res.writeHead(reply.status ?? 204).end();
    else res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  state.publicUrl = (opts.publicUrl ?? url).replace(/\/$/, '');

  async function close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await Promise.all([stopped, webhooks.idle()]);
    state.save();
  }
  return {
    url,
    port,
    state,
    deliveries: webhooks.deliveries,
    tokenRequests: () => tokenRequests,
    idle: () => webhooks.idle(),
    close,
  };
}

import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { minMp4Size, mp4Head } from './mp4';
import { startTestTwin, TWIN_CREDENTIALS } from './twin-fixture';
import type { ZoomTwin } from './zoom-twin';

let twin: ZoomTwin;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function token(): Promise<string> {
  const basic = Buffer.from(`${TWIN_CREDENTIALS.clientId}:${TWIN_CREDENTIALS.clientSecret}`).toString('base64');
  const res = await fetch(
    `${twin.url}/oauth/token?grant_type=account_credentials&account_id=${TWIN_CREDENTIALS.accountId}`,
    {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    },
  );
  const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3599 });
  return body.access_token;
}

async function meetingId(): Promise<string> {
  const res = await fetch(`${twin.url}/v2/users/me/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      topic: 'Demo',
      type: 2,
      start_time: '2027-01-15T18:00:00',
      timezone: 'Europe/Berlin',
      duration: 60,
    }),
  });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { id: number }).id);
}

/** A webhook receiver that records raw bodies and headers. */
async function receiver(status = 200) {
  const received: { headers: IncomingMessage['headers']; raw: string }[] = [];
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    received.push({ headers: req.headers, raw });
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function start(extra: Parameters<typeof startTestTwin>[0] = {}) {
  twin = await startTestTwin(extra);
  cleanups.push(() => twin.close());
}

describe('Zoom twin', () => {
  it('refuses wrong client credentials or account, and API calls without a valid token', async () => {
    await start();
    const basic = Buffer.from('client-test:nope').toString('base64');
    const bad = await fetch(`${twin.url}/oauth/token?grant_type=account_credentials&account_id=acct-test`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    });
    expect(bad.status).toBe(400);
    const good = Buffer.from('client-test:secret-test').toString('base64');
    const otherAccount = await fetch(`${twin.url}/oauth/token?grant_type=account_credentials&account_id=other`, {
      method: 'POST',
      headers: { authorization: `Basic ${good}` },
    });
    expect(otherAccount.status).toBe(400);
    const noToken = await fetch(`${twin.url}/v2/users/me/recordings`);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ code: 124, message: 'Invalid access token.' });
  });

  it('sends recording.completed signed the way Zoom documents, with the recording and a download token', async () => {
    const hook = await receiver();
    await start({ webhookUrl: hook.url });
    const id = await meetingId();
    const ended = (await (
      await fetch(`${twin.url}/_twin/end?meetingId=${id}&size=300000`, { method: 'POST' })
    ).json()) as {
      webhook: { status: string };
    };
    expect(ended.webhook.status).toBe('delivered');
    const [{ headers, raw }] = hook.received as [(typeof hook.received)[0]];
    const ts = String(headers['x-zm-request-timestamp']);
    const expected = `v0=${createHmac('sha256', 'whsec-test').update(`v0:${ts}:${raw}`).digest('hex')}`;
    expect(headers['x-zm-signature']).toBe(expected);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    const body = JSON.parse(raw) as {
      event: string;
      event_ts: number;
      download_token: string;
      payload: {
        account_id: string;
        object: {
          id: number;
          uuid: string;
          recording_files: { file_type: string; recording_type: string; file_size: number; download_url: string }[];
        };
      };
    };
    expect(body.event).toBe('recording.completed');
    expect(body.payload.account_id).toBe('acct-test');
    expect(String(body.payload.object.id)).toBe(id);
    expect(body.payload.object.recording_files.map((f) => [f.file_type, f.recording_type])).toEqual([
      ['MP4', 'shared_screen_with_speaker_view'],
      ['M4A', 'audio_only'],
      ['TRANSCRIPT', 'audio_transcript'],
      ['CHAT', 'chat_file'],
    ]);
    // The webhook's download token opens the files (as ?access_token= too), until expired.
    const [video, , vtt] = body.payload.object.recording_files as [
      { download_url: string; file_size: number },
      unknown,
      { download_url: string; file_size: number },
    ];
    const transcript = await fetch(`${vtt.download_url}?access_token=${body.download_token}`);
    const text = await transcript.text();
    expect(text).toMatch(/^WEBVTT\n\n1\n00:00:02.000 --> 00:00:10.000\nAda Host: /);
    expect(Buffer.byteLength(text)).toBe(vtt.file_size);
    await fetch(`${twin.url}/_twin/expire-tokens`, { method: 'POST' });
    const expired = await fetch(video.download_url, { headers: { authorization: `Bearer ${body.download_token}` } });
    expect(expired.status).toBe(401);
  });

  it('leaves the webhook out when switched off, and retries a failing receiver', async () => {
    const hook = await receiver(500);
    await start({ webhookUrl: hook.url, retryDelaysMs: [10, 10] });
    const id = await meetingId();
    await fetch(`${twin.url}/_twin/end?meetingId=${id}&webhook=0`);
    expect(hook.received).toHaveLength(0);
    const res = (await (await fetch(`${twin.url}/_twin/send-webhook?meetingId=${id}`)).json()) as {
      webhook: { status: string; attempts: number };
    };
    expect(res.webhook).toMatchObject({ status: 'failed', attempts: 3 });
    expect(hook.received).toHaveLength(3);
  });

  it('serves an MP4 of the exact size asked for, with valid boxes, and honours Range', async () => {
    await start();
    const id = await meetingId();
    const size = 3_000_000;
    const { recording, downloadToken } = (await (
      await fetch(`${twin.url}/_twin/end?meetingId=${id}&size=${size}&webhook=0`)
    ).json()) as {
      recording: { recording_files: { download_url: string; file_size: number }[] };
      downloadToken: null;
    };
    expect(downloadToken).toBeNull();
    const auth = { authorization: `Bearer ${await token()}` };
    const url = recording.recording_files[0]!.download_url;
    const whole = Buffer.from(await (await fetch(url, { headers: auth })).arrayBuffer());
    expect(whole.length).toBe(size);
    // Top-level boxes: ftyp, moov (before the media, so playback starts at once), mdat, free padding to the end.
    const boxes: [string, number][] = [];
    for (let at = 0; at < whole.length;) {
      const n = whole.readUInt32BE(at);
      boxes.push([whole.toString('latin1', at + 4, at + 8), n]);
      at += n;
    }
    expect(boxes.map(([t]) => t)).toEqual(['ftyp', 'moov', 'mdat', 'free']);
    expect(boxes.reduce((n, [, s]) => n + s, 0)).toBe(size);

    const part = await fetch(url, { headers: { ...auth, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 200))).toBe(true);
    const tail = await fetch(url, { headers: { ...auth, range: `bytes=${size - 10}-` } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(size - 10))).toBe(true);
    const beyond = await fetch(url, { headers: { ...auth, range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
  });

  it('cuts the next download after the bytes asked for, then serves the rest by Range', async () => {
    await start();
    const id = await meetingId();
    twin.state.endMeeting(id, 1_000_000);
    const file = twin.state.data.recordings[twin.state.data.meetings[id]!.uuid]!.files[0]!;
    const url = `${twin.url}/rec/download/${file.id}`;
    const auth = { authorization: `Bearer ${await token()}` };
    await fetch(`${twin.url}/_twin/fail-next-download?afterBytes=200000`, { method: 'POST' });
    const res = await fetch(url, { headers: auth });
    let got = 0;
    await expect(
      (async () => {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) got += chunk.length;
      })(),
    ).rejects.toThrow();
    expect(got).toBe(200_000);
    const rest = await fetch(url, { headers: { ...auth, range: `bytes=${got}-` } });
    expect(rest.status).toBe(206);
    expect((await rest.arrayBuffer()).byteLength).toBe(1_000_000 - got);
  });

  it('streams a 2 GB video without holding it in memory', async () => {
    await start();
    const id = await meetingId();
    twin.state.endMeeting(id, 2 * 1024 ** 3);
    const file = twin.state.data.recordings[twin.state.data.meetings[id]!.uuid]!.files[0]!;
    const res = await fetch(`${twin.url}/rec/download/${file.id}`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(res.headers.get('content-length')).toBe(String(2 * 1024 ** 3));
    const before = process.memoryUsage().rss;
    let got = 0;
    let peak = before;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      got += chunk.length;
      if (got % (32 * 1024 * 1024) < chunk.length) peak = Math.max(peak, process.memoryUsage().rss);
      if (got >= 256 * 1024 ** 2) break; // an eighth is enough to see memory stay flat
    }
    expect(got).toBeGreaterThanOrEqual(256 * 1024 ** 2);
    expect(peak - before).toBeLessThan(128 * 1024 ** 2);
  }, 60_000);

  it('the movie is small, one picture a second for ten minutes, every sample pointing into mdat', () => {
    const head = mp4Head();
    expect(minMp4Size()).toBeLessThan(40_000);
    expect(head.toString('latin1', 4, 8)).toBe('ftyp');
    const box = (type: string) => head.indexOf(Buffer.from(type, 'latin1')) - 4;
    const stts = box('stts');
    expect([head.readUInt32BE(stts + 16), head.readUInt32BE(stts + 20)]).toEqual([600, 1000]); // 600 × 1 s
    const stco = box('stco');
    const count = head.readUInt32BE(stco + 12);
    const mdat = box('mdat');
    expect(count).toBe(600);
    const offsets = new Set(Array.from({ length: count }, (_, i) => head.readUInt32BE(stco + 16 + 4 * i)));
    expect([...offsets]).toEqual([mdat + 8]);
    expect(head.readUInt32BE(box('stsz') + 12)).toBe(head.readUInt32BE(mdat) - 8); // the one sample fills mdat
  });
});

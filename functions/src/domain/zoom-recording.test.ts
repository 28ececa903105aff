import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkZoomSignature,
  chooseRecordingFiles,
  ingestJobId,
  meetingKeyOf,
  recordingSeconds,
  zoomSignature,
  zoomUrlValidation,
} from './zoom-recording';

const secret = 'zoom-secret';
const body = '{"event":"recording.completed","payload":{}}';
const now = Date.UTC(2026, 11, 2, 12, 0, 0);
const ts = String(now / 1000);

describe('Zoom webhook signatures', () => {
  it('signs as Zoom documents: v0= HMAC-SHA256 hex of v0:{timestamp}:{body}', () => {
    const expected = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
    expect(zoomSignature(secret, ts, body)).toBe(`v0=${expected}`);
    expect(zoomUrlValidation(secret, 'abc')).toEqual({
      plainToken: 'abc',
      encryptedToken: createHmac('sha256', secret).update('abc').digest('hex'),
    });
  });

  it.each([
    ['a fresh valid signature', { timestamp: ts, signature: zoomSignature(secret, ts, body) }, 'ok'],
    ['no signature', { timestamp: ts, signature: undefined }, 'missing'],
    ['no timestamp', { timestamp: undefined, signature: zoomSignature(secret, ts, body) }, 'missing'],
    ['another secret', { timestamp: ts, signature: zoomSignature('other', ts, body) }, 'invalid'],
    ['another body', { timestamp: ts, signature: zoomSignature(secret, ts, `${body} `) }, 'invalid'],
    ['a truncated signature', { timestamp: ts, signature: zoomSignature(secret, ts, body).slice(0, 20) }, 'invalid'],
    ['a timestamp that is not a number', { timestamp: '12e3', signature: 'v0=x' }, 'invalid'],
    [
      '5 min 1 s old',
      { timestamp: String(now / 1000 - 301), signature: zoomSignature(secret, String(now / 1000 - 301), body) },
      'stale',
    ],
    [
      '5 min 1 s ahead',
      { timestamp: String(now / 1000 + 301), signature: zoomSignature(secret, String(now / 1000 + 301), body) },
      'stale',
    ],
    [
      '4 min 59 s old',
      { timestamp: String(now / 1000 - 299), signature: zoomSignature(secret, String(now / 1000 - 299), body) },
      'ok',
    ],
  ] as const)('%s → %s', (_name, headers, expected) => {
    expect(checkZoomSignature({ secret, rawBody: body, nowMs: now, ...headers })).toBe(expected);
  });

  it('refuses everything when no secret is configured', () => {
    expect(
      checkZoomSignature({
        secret: '',
        rawBody: body,
        nowMs: now,
        timestamp: ts,
        signature: zoomSignature('', ts, body),
      }),
    ).toBe('missing');
  });
});

const file = (id: string, file_type: string, recording_type: string) => ({ id, file_type, recording_type });

describe('chooseRecordingFiles', () => {
  it('keeps the best video layout, the transcript and the chat, and nothing else', () => {
    const chosen = chooseRecordingFiles([
      file('a', 'MP4', 'gallery_view'),
      file('b', 'M4A', 'audio_only'),
      file('c', 'MP4', 'shared_screen_with_speaker_view'),
      file('d', 'MP4', 'speaker_view'),
      file('e', 'TRANSCRIPT', 'audio_transcript'),
      file('f', 'CHAT', 'chat_file'),
      file('g', 'TIMELINE', 'timeline'),
      file('h', 'CC', 'closed_caption'),
    ]);
    expect(chosen.map((c) => [c.role, c.file.id, c.name, c.contentType])).toEqual([
      ['video', 'c', 'video-c.mp4', 'video/mp4'],
      ['transcript', 'e', 'transcript-e.vtt', 'text/vtt'],
      ['chat', 'f', 'chat-f.txt', 'text/plain'],
    ]);
  });

  it.each([
    [['speaker_view', 'gallery_view'], 'speaker_view'],
    [['gallery_view', 'active_speaker'], 'active_speaker'],
    [['something_new', 'gallery_view'], 'gallery_view'],
    [['something_new'], 'something_new'],
  ])('among %j takes %s', (layouts, best) => {
    const chosen = chooseRecordingFiles(layouts.map((l, i) => file(`v${i}`, 'MP4', l)));
    expect(chosen).toHaveLength(1);
    expect(chosen[0]?.file.recording_type).toBe(best);
  });

  it('takes nothing from an audio-only recording', () => {
    expect(chooseRecordingFiles([file('a', 'M4A', 'audio_only')])).toEqual([]);
  });
});

describe('ids and durations', () => {
  it('derives one job id per meeting UUID and file, safe as a document id', () => {
    const uuid = '/ajXp112QmuoKj4854875==';
    expect(ingestJobId(uuid, 'f1')).toBe(ingestJobId(uuid, 'f1'));
    expect(ingestJobId(uuid, 'f1')).not.toBe(ingestJobId(uuid, 'f2'));
    expect(ingestJobId('other==', 'f1')).not.toBe(ingestJobId(uuid, 'f1'));
    expect(meetingKeyOf(uuid)).toMatch(/^[0-9a-f]{32}$/);
    expect(ingestJobId(uuid, 'f1')).toBe(`${meetingKeyOf(uuid)}_f1`);
  });

  it('takes the video span, else the meeting minutes', () => {
    expect(
      recordingSeconds({ recording_start: '2026-01-01T10:00:00Z', recording_end: '2026-01-01T10:59:30Z' }, 60),
    ).toBe(3570);
    expect(recordingSeconds(undefined, 45)).toBe(2700);
    expect(recordingSeconds({ recording_start: 'x' }, undefined)).toBeNull();
  });
});

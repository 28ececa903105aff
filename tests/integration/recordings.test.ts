import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Timestamp } from 'firebase-admin/firestore';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalMediaStorage } from '../../functions/src/adapters/storage/twin/local-storage';
import { publishRecording, recordingMaterialId } from '../../functions/src/recordings/publish-recording';
import type { MaterialBody, MaterialTeaser } from '../../functions/src/shared/materials';
import type { IngestedFile } from '../../functions/src/shared/recordings';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { FUNCTIONS, adminSdk, callFunction, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { createMember, writeEvent, writeMaterial } from '../support/factories';

const { db } = adminSdk();
const storage = new LocalMediaStorage(mkdtempSync(join(tmpdir(), 'commons-rec-')), 'http://127.0.0.1:1/media', 'k');
const NOW = new Date('2026-03-02T18:00:00Z');
const deps = { db, now: () => NOW, storage };

/** Words of the transcript past the first seven (which label the first chapter): never in public HTML. */
const SECRET = 'vault code 7741';

const VTT = [
  'WEBVTT',
  '',
  '1',
  '00:00:02.000 --> 00:00:05.000',
  `Ada Lovelace: Secret words about keyed state and the ${SECRET}.`,
  '',
  '2',
  '00:12:34.000 --> 00:12:40.000',
  'Grace Hopper: Windows come next.',
  '',
].join('\n');

async function store(path: string, content: string, contentType: string): Promise<IngestedFile['size']> {
  await pipeline(Readable.from([Buffer.from(content)]), storage.createWriteStream(path, { contentType }));
  return Buffer.byteLength(content);
}

/** An ended event as the events area stores it (main and up unless `access` says). */
const writeEndedEvent = (id: string, access = 'main') =>
  writeEvent(db, access, {
    id,
    title: 'Keyed state, live',
    summary: 'A live session about keyed state',
    startAt: new Date('2026-03-02T17:00:00Z'),
    publishedAt: NOW,
    updatedAt: NOW,
  });

async function filesOf(eventId: string): Promise<IngestedFile[]> {
  const dir = `media/recordings/${eventId}`;
  return [
    {
      role: 'video',
      name: 'video.mp4',
      path: `${dir}/video.mp4`,
      contentType: 'video/mp4',
      size: await store(`${dir}/video.mp4`, 'mp4', 'video/mp4'),
    },
    {
      role: 'transcript',
      name: 'transcript.vtt',
      path: `${dir}/transcript.vtt`,
      contentType: 'text/vtt',
      size: await store(`${dir}/transcript.vtt`, VTT, 'text/vtt'),
    },
    {
      role: 'chat',
      name: 'chat.txt',
      path: `${dir}/chat.txt`,
      contentType: 'text/plain',
      size: await store(`${dir}/chat.txt`, '00:01:00 From Ada to Everyone: hi', 'text/plain'),
    },
  ];
}

const teaserOf = async (id: string) => (await db.doc(`materials/${id}`).get()).data() as MaterialTeaser<Timestamp>;
const bodyOf = async (id: string) => (await db.doc(`materials/${id}/gated/body`).get()).data() as MaterialBody;

let basic: SignedIn;
let main: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  await db.doc('config/tiers').set(DEFAULT_TIERS);
  [basic, main, admin] = await Promise.all([
    createMember('basic@rec.test', { tier: 'basic' }),
    createMember('main@rec.test', { tier: 'main' }),
    createMember('admin@rec.test', { admin: true }),
  ]);
});

describe('publishRecording', () => {
  it('publishes a material of kind recording with the event access, linked both ways, once', async () => {
    await writeEndedEvent('ev-keyed');
    const files = await filesOf('ev-keyed');
    const input = { eventId: 'ev-keyed', meetingUuid: 'uuid==', files, durationSeconds: 3600 };
    const { materialId } = await publishRecording(deps, input);
    expect(materialId).toBe(recordingMaterialId('ev-keyed'));

    const teaser = await teaserOf(materialId);
    expect(teaser).toMatchObject({
      kind: 'recording',
      title: 'Keyed state, live',
      access: 'main',
      rank: 30,
      status: 'published',
      eventId: 'ev-keyed',
      durationSeconds: 3600,
      readingMinutes: 60,
    });
    expect(teaser.chapters?.[0]).toEqual({ at: 0, label: 'Secret words about keyed state and the…' });
    expect((await db.doc('events/ev-keyed').get()).get('recordingId')).toBe(materialId);
    const body = await bodyOf(materialId);
    expect(body).toMatchObject({ access: 'main', rank: 30, status: 'published', markdown: '' });
    expect(body.files.map((f) => f.role)).toEqual(['video', 'transcript', 'chat']);
    expect(body.transcript).toEqual([
      { at: 2, end: 5, speaker: 'Ada Lovelace', text: `Secret words about keyed state and the ${SECRET}.` },
      { at: 754, end: 760, speaker: 'Grace Hopper', text: 'Windows come next.' },
    ]);
    expect(body.chat).toContain('From Ada');

    // The trigger renders the empty notes to empty HTML (a recording has no markdown of its own).
    const rendered = await eventually(
      () => bodyOf(materialId),
      (b) => b.htmlOf !== undefined,
    );
    expect(rendered.html).toBe('');

    // The same files again (a late webhook after the poller): nothing is written.
    const times = async () =>
      Promise.all([db.doc(`materials/${materialId}`).get(), db.doc(`materials/${materialId}/gated/body`).get()]).then(
        (snaps) => snaps.map((s) => s.updateTime?.toMillis()),
      );
    const before = await times();
    await publishRecording({ ...deps, now: () => new Date(NOW.getTime() + 60_000) }, input);
    expect(await times()).toEqual(before);
    expect((await db.collection('materials').where('eventId', '==', 'ev-keyed').get()).size).toBe(1);
  });

  it('keeps chapters an admin saved when published again', async () => {
    await writeEndedEvent('ev-edit');
    const files = await filesOf('ev-edit');
    const input = { eventId: 'ev-edit', meetingUuid: 'u2', files, durationSeconds: 900 };
    const { materialId } = await publishRecording(deps, input);
    const chapters = [
      { at: 0, label: 'Hello' },
      { at: 600, label: 'Questions' },
    ];
    const saved = await callFunction('saveChapters', { materialId, chapters }, admin.idToken);
    expect(saved.status).toBe(200);
    await publishRecording(deps, input);
    expect((await teaserOf(materialId)).chapters).toEqual(chapters);
  });

  it('publishes concurrent calls as one material', async () => {
    await writeEndedEvent('ev-race');
    const files = await filesOf('ev-race');
    const input = { eventId: 'ev-race', meetingUuid: 'u3', files, durationSeconds: 60 };
    const results = await Promise.all([publishRecording(deps, input), publishRecording(deps, input)]);
    expect(new Set(results.map((r) => r.materialId)).size).toBe(1);
    expect((await db.collection('materials').where('eventId', '==', 'ev-race').get()).size).toBe(1);
  });

  it('keeps a recording without its video a draft, and refuses an unknown event', async () => {
    await writeEndedEvent('ev-novideo');
    const files = (await filesOf('ev-novideo')).filter((f) => f.role !== 'video');
    const { materialId } = await publishRecording(deps, {
      eventId: 'ev-novideo',
      meetingUuid: 'u',
      files,
      durationSeconds: null,
    });
    expect((await teaserOf(materialId)).status).toBe('draft');
    expect((await teaserOf(materialId)).durationSeconds).toBe(760);
    await expect(
      publishRecording(deps, { eventId: 'ev-none', meetingUuid: 'u', files, durationSeconds: 1 }),
    ).rejects.toThrow(/No event/);
    expect((await db.doc('materials/rec-ev-none').get()).exists).toBe(false);
  });

  it("refuses a basic member the main recording's video URL and gives it to a main member", async () => {
    const id = recordingMaterialId('ev-keyed');
    const path = 'media/recordings/ev-keyed/video.mp4';
    const refused = await callFunction('getMediaUrl', { materialId: id, path }, basic.idToken);
    expect(refused.status).toBe(403);
    const given = await callFunction('getMediaUrl', { materialId: id, path }, main.idToken);
    expect(given.status).toBe(200);
  });
});

describe('saveChapters and draftChapters', () => {
  const id = recordingMaterialId('ev-keyed');

  it('refuses chapters past the duration, out of order, too many, or with bad labels', async () => {
    const bad = [
      [
        { at: 0, label: 'a' },
        { at: 3601, label: 'late' },
      ],
      [
        { at: 10, label: 'a' },
        { at: 5, label: 'back' },
      ],
      [{ at: 1.5, label: 'a' }],
      [{ at: 0, label: '' }],
      [{ at: 0, label: 'x'.repeat(121) }],
      Array.from({ length: 101 }, (_, i) => ({ at: i, label: 'c' })),
    ];
    const before = (await teaserOf(id)).chapters;
    for (const chapters of bad) {
      const res = await callFunction('saveChapters', { materialId: id, chapters }, admin.idToken);
      expect(res.status, JSON.stringify(chapters).slice(0, 60)).toBe(400);
    }
    expect((await teaserOf(id)).chapters).toEqual(before);
  });

  it('refuses members and non-recordings', async () => {
    expect((await callFunction('saveChapters', { materialId: id, chapters: [] }, main.idToken)).status).toBe(403);
    expect((await callFunction('draftChapters', { materialId: id }, main.idToken)).status).toBe(403);
    expect((await callFunction('draftChapters', { materialId: 'nope' }, admin.idToken)).status).toBe(404);
  });

  it('drafts chapters from the stored transcript for the admin, without saving them', async () => {
    const res = await callFunction('draftChapters', { materialId: id }, admin.idToken);
    expect(res.status).toBe(200);
    expect(res.result?.chapters).toEqual([
      { at: 0, label: 'Secret words about keyed state and the…' },
      { at: 754, label: 'Windows come next' },
    ]);
  });
});

describe("a recording's public page (server-rendered)", () => {
  it('shows teaser and chapters with VideoObject JSON-LD, never the transcript, chat or a media path', async () => {
    const id = recordingMaterialId('ev-keyed');
    const res = await fetch(`${FUNCTIONS}/ssr/materials/${id}?t=754`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const doc = new JSDOM(html).window.document;
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')?.textContent ?? 'null');
    expect(ld).toMatchObject({
      '@type': 'VideoObject',
      name: 'Keyed state, live',
      duration: 'PT1H',
      isAccessibleForFree: false,
    });
    expect(ld.hasPart).toContainEqual(
      expect.objectContaining({ '@type': 'Clip', startOffset: 754, url: expect.stringMatching(/\?t=754$/) }),
    );
    expect(doc.querySelector('[data-testid="chapters"]')?.textContent).toContain('Windows come next');
    expect(doc.querySelector('[data-testid="paywall"]')).not.toBeNull();
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('From Ada');
    expect(html).not.toContain('media/recordings');
  });
});

describe('the local media function serves byte ranges (the player seeks)', () => {
  it('answers Range with 206 and the bytes, past the end with 416, and the whole file without', async () => {
    const bytes = 'abcdefghijklmnopqrstuvwxyz';
    const up = await fetch(`${FUNCTIONS}/uploadMedia?name=clip.mp4`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.idToken}`, 'content-type': 'video/mp4' },
      body: bytes,
    });
    const { path } = (await up.json()) as { path: string };
    const files = [{ name: 'clip.mp4', path, size: bytes.length, contentType: 'video/mp4', role: 'video' as const }];
    await writeMaterial(db, 'main', { id: 'ranged', kind: 'recording', files });
    const { result } = await callFunction('getMediaUrl', { materialId: 'ranged', path }, main.idToken);
    const url = result?.url ?? '';

    const part = await fetch(url, { headers: { range: 'bytes=2-5' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 2-5/${bytes.length}`);
    expect(await part.text()).toBe('cdef');
    const tail = await fetch(url, { headers: { range: 'bytes=-3' } });
    expect(await tail.text()).toBe('xyz');
    const past = await fetch(url, { headers: { range: 'bytes=999-' } });
    expect(past.status).toBe(416);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(await whole.text()).toBe(bytes);
  });
});

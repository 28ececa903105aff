import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalMediaStorage } from '../adapters/storage/twin/local-storage';
import { generatedMd5, startFakeZoom, type FakeZoom } from '../testing/zoom-recording-server';
import { copyRecordingFile, CopyError, type CopyInput } from './copy-recording-file';

// The worker's streaming core at the wire: a local server speaking Zoom's download format, into the
// storage twin (which, like GCS, shows an object only once its upload finished).

const MB = 1024 * 1024;
let zoom: FakeZoom;
let root: string;
let storage: LocalMediaStorage;
let n = 0;

beforeAll(async () => {
  zoom = await startFakeZoom();
  root = mkdtempSync(join(tmpdir(), 'ingest-'));
  storage = new LocalMediaStorage(root, 'http://127.0.0.1/media', 'k');
});
afterAll(() => zoom.close());

/** A fresh one-file recording of `size` bytes, and the copy input for it. */
function recording(size: number, overrides: Partial<CopyInput> = {}) {
  n += 1;
  const uuid = `uuid-${n}==`;
  const fileId = `file-${n}`;
  zoom.addRecording({
    id: 1000 + n,
    uuid,
    files: [{ id: fileId, file_type: 'MP4', recording_type: 'speaker_view', size, seed: n }],
  });
  const { object, download_token } = zoom.webhookObject(uuid);
  const path = `media/recordings/e${n}/video.mp4`;
  let refreshes = 0;
  const input: CopyInput = {
    source: { url: object.recording_files[0]!.download_url, token: download_token },
    refresh: async () => {
      refreshes += 1;
      const fresh = await zoom.api.getRecording(uuid);
      return { url: fresh!.recording_files[0]!.download_url, token: fresh!.download_access_token ?? null };
    },
    expectedSize: size,
    open: () => storage.createWriteStream(path, { contentType: 'video/mp4' }),
    retryBaseMs: 5,
    ...overrides,
  };
  return { input, path, fileId, md5: generatedMd5(n, size), refreshes: () => refreshes };
}

const downloadsOf = (fileId: string) => zoom.log.downloads.filter((d) => d.fileId === fileId);
const noPartials = () => !existsSync(join(root, '.uploads')) || readdirSync(join(root, '.uploads')).length === 0;
/** An aborted upload's partial file is removed once its stream has closed, a moment after the copy settles. */
const partialsGone = () => vi.waitFor(() => expect(noPartials()).toBe(true), { timeout: 10_000 });

// Longer than the 5 s default: a test may wait up to 10 s for a partial upload to go (`partialsGone`). (A partial
// that never went was the twin's: see storage.test's "leaves no partial file behind".)
describe('copyRecordingFile', { timeout: 20_000 }, () => {
  it('streams the file whole: the stored object has its size and MD5', async () => {
    const r = recording(3 * MB + 17);
    const result = await copyRecordingFile(r.input);
    expect(result).toEqual({ size: 3 * MB + 17, md5: r.md5, resumes: 0 });
    expect(await storage.describe(r.path)).toEqual({ size: 3 * MB + 17, md5: r.md5 });
    expect(downloadsOf(r.fileId)).toEqual([{ fileId: r.fileId, range: null, status: 200 }]);
    expect(r.refreshes()).toBe(0);
  });

  it('fetches a fresh download token when the one it has is expired (401)', async () => {
    const r = recording(MB);
    zoom.expireTokens();
    const result = await copyRecordingFile(r.input);
    expect(result.md5).toBe(r.md5);
    expect(r.refreshes()).toBe(1);
    expect(downloadsOf(r.fileId).map((d) => d.status)).toEqual([401, 200]);
  });

  it('asks for a token first when it has none', async () => {
    const r = recording(1000);
    await copyRecordingFile({ ...r.input, source: { ...r.input.source, token: null } });
    expect(r.refreshes()).toBe(1);
    expect(downloadsOf(r.fileId).map((d) => d.status)).toEqual([200]);
  });

  it('resumes a download that breaks mid-stream with a Range request, into the same upload', async () => {
    const r = recording(5 * MB);
    zoom.failNextDownload(2 * MB + 5);
    const progress: number[] = [];
    const result = await copyRecordingFile({
      ...r.input,
      progressEveryMs: 0,
      onProgress: async (bytes) => void progress.push(bytes),
    });
    expect(result).toEqual({ size: 5 * MB, md5: r.md5, resumes: 1 });
    expect(await storage.describe(r.path)).toEqual({ size: 5 * MB, md5: r.md5 });
    const [first, second] = downloadsOf(r.fileId);
    expect(first).toMatchObject({ range: null, status: 200 });
    expect(second?.status).toBe(206);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(second?.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(2 * MB + 5);
    expect(progress.at(-1)).toBe(5 * MB);
    await partialsGone();
  });

  it('resumes even from a server that ignores Range, skipping the bytes it already has', async () => {
    const r = recording(2 * MB);
    zoom.ignoreRange(true);
    zoom.failNextDownload(MB + 3);
    try {
      const result = await copyRecordingFile(r.input);
      expect(result).toEqual({ size: 2 * MB, md5: r.md5, resumes: 1 });
      expect(downloadsOf(r.fileId).map((d) => d.status)).toEqual([200, 200]);
    } finally {
      zoom.ignoreRange(false);
    }
  });

  it('gives up after too many breaks and leaves no object, not even a partial one', async () => {
    const r = recording(2 * MB);
    let breaks = 0;
    const flaky: typeof fetch = async (url, init) => {
      zoom.failNextDownload(100_000);
      breaks += 1;
      return fetch(url, init);
    };
    const copy = copyRecordingFile({ ...r.input, maxResumes: 2, fetch: flaky });
    await expect(copy).rejects.toBeInstanceOf(CopyError);
    expect(breaks).toBe(3);
    expect(await storage.describe(r.path)).toBeNull();
    await partialsGone();
  });

  it('refuses for good a file Zoom does not have (404), and a file longer than announced', async () => {
    const gone = recording(1000);
    const missing = copyRecordingFile({
      ...gone.input,
      source: { ...gone.input.source, url: `${zoom.url}/rec/download/nope` },
    });
    await expect(missing).rejects.toMatchObject({ retryable: false, message: 'Download answered 404' });
    const longer = recording(MB);
    await expect(copyRecordingFile({ ...longer.input, expectedSize: MB - 1 })).rejects.toMatchObject({
      retryable: false,
    });
    expect(await storage.describe(longer.path)).toBeNull();
    await partialsGone();
  });

  it('stops at once, without resuming, when progress reports a lost lease', async () => {
    const r = recording(3 * MB);
    const lost = new Error('lease lost');
    const copy = copyRecordingFile({ ...r.input, progressEveryMs: 0, onProgress: async () => Promise.reject(lost) });
    await expect(copy).rejects.toBe(lost);
    expect(downloadsOf(r.fileId)).toHaveLength(1);
    expect(await storage.describe(r.path)).toBeNull();
  });
});

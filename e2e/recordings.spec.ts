import { Timestamp } from 'firebase-admin/firestore';
import { expect, test } from '@playwright/test';
import { adminSdk } from '../tests/support/emulators';
import { recordFirestore, shot, signIn } from './support';

// A main recording as publishRecording stores it (chapters at 0 and 12:34, one transcript cue, chat). Plain
// data: Playwright cannot import the functions' CommonJS factories by name.
const files = [
  { role: 'video', name: 'video.mp4', path: 'media/recordings/e2e-rec/video.mp4', size: 10, contentType: 'video/mp4' },
];
const gate = { access: 'main', rank: 30, status: 'published' };
const rec = {
  id: 'rec-e2e-rec',
  teaser: {
    ...gate,
    kind: 'recording',
    title: 'A main session',
    summary: 'What the session was about',
    tags: [],
    author: '',
    readingMinutes: 30,
    eventId: 'e2e-rec',
    durationSeconds: 1800,
    chapters: [
      { at: 0, label: 'Welcome' },
      { at: 754, label: 'Keyed state' },
    ],
  },
  body: {
    ...gate,
    markdown: '',
    files,
    transcript: [{ at: 1, end: 4, speaker: 'Ada', text: 'Secret transcript words' }],
    chat: '00:01:00 From Ada to Everyone: hello',
  },
};
const SECRET = 'Secret transcript words';

test.beforeAll(async () => {
  const { db } = adminSdk();
  const now = Timestamp.now();
  await db.doc(`materials/${rec.id}`).set({ ...rec.teaser, publishedAt: now, updatedAt: now });
  await db.doc(`materials/${rec.id}/gated/body`).set(rec.body);
});

// Leave the seed as the other specs count it (the catalog, the public pages).
test.afterAll(async () => {
  const { db } = adminSdk();
  await db.doc(`materials/${rec.id}/gated/body`).delete();
  await db.doc(`materials/${rec.id}`).delete();
  await db.doc('recordingIngests/e2e_video').delete();
});

test.describe('a recording', () => {
  test('a main member watches from ?t=, with chapters that seek and a searchable transcript', async ({
    page,
  }, info) => {
    const blocked: string[] = [];
    page.on('console', (msg) => {
      if (msg.text().includes('Content Security Policy')) blocked.push(msg.text());
    });
    await signIn(page, 'main@demo.test');
    await page.goto(`/materials/${rec.id}?t=754`);
    const video = page.getByTestId('recording-video');
    await expect(video).toHaveAttribute('src', /media\/recordings\/e2e-rec\/video\.mp4\?expires=/);
    const chapters = page.getByTestId('chapters');
    await expect(chapters.getByRole('link', { name: /Keyed state/ })).toHaveAttribute('aria-current', 'true');
    const transcript = page.getByTestId('transcript');
    await expect(transcript).toContainText(SECRET);
    await page.getByTestId('transcript-filter').fill('nothing like this');
    await expect(transcript).toContainText('Nothing in the transcript matches');
    await page.getByTestId('transcript-filter').fill('secret');
    await expect(transcript.getByRole('button', { name: /Secret transcript words/ })).toBeVisible();
    await chapters.getByRole('link', { name: /Welcome/ }).click();
    await expect(page).toHaveURL(new RegExp(`/materials/${rec.id}$`));
    await expect(page.getByTestId('paywall')).toHaveCount(0);
    // The video's URL (the media twin here, GCS in production) is allowed by media-src.
    expect(blocked).toEqual([]);
    await shot(page, info, 'recording-as-main');
  });

  test('a basic member sees the teaser, the chapters and the paywall; the transcript never reaches the page', async ({
    page,
  }, info) => {
    const responses = recordFirestore(page);
    await signIn(page, 'basic@demo.test');
    await page.goto(`/materials/${rec.id}`);
    await expect(page.getByTestId('paywall')).toContainText(/watch|Main/);
    await expect(page.getByTestId('chapters')).toContainText('Keyed state');
    await expect(page.getByTestId('recording')).toHaveCount(0);
    await expect(page.getByTestId('transcript')).toHaveCount(0);
    expect(await page.content()).not.toContain(SECRET);
    expect(responses.join('\n')).not.toContain(SECRET);
    await shot(page, info, 'recording-as-basic');
  });

  test('the admin sees ingest jobs live, with progress, error and Retry for a failed one', async ({ page }, info) => {
    const { db } = adminSdk();
    const at = Timestamp.now();
    await db.doc('recordingIngests/e2e_video').set({
      eventId: 'e2e-rec',
      name: 'video.mp4',
      role: 'video',
      state: 'failed',
      bytesDone: 256,
      expectedSize: 1024,
      attempts: 5,
      error: 'Download failed: HTTP 401',
      updatedAt: at,
    });
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/recordings');
    const row = page.getByTestId('ingest').filter({ hasText: 'video.mp4' });
    await expect(row.getByTestId('ingest-state')).toHaveText('failed');
    await expect(row.getByTestId('ingest-error')).toContainText('HTTP 401');
    await expect(row.getByTestId('ingest-progress')).toHaveAttribute('value', '25');
    await expect(row.getByRole('button', { name: 'Retry' })).toBeVisible();
    // Live: the worker's progress shows without a reload.
    await db.doc('recordingIngests/e2e_video').update({ state: 'running', bytesDone: 768, error: null });
    await expect(row.getByTestId('ingest-state')).toHaveText('running');
    await expect(row.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await shot(page, info, 'admin-recordings');
  });

  test('the admin drafts chapters from the transcript and saves them', async ({ page }) => {
    await signIn(page, 'admin@demo.test');
    await page.goto(`/admin/materials/${rec.id}`);
    const editor = page.getByTestId('chapters-editor');
    await expect(editor.getByLabel('Label').first()).toHaveValue('Welcome');
    await editor.getByRole('button', { name: 'Draft from transcript' }).click();
    await expect(editor.getByLabel('Label')).toHaveCount(1);
    await expect(editor.getByLabel('Label').first()).toHaveValue('Secret transcript words');
    await editor.getByLabel('Label').first().fill('Opening');
    await editor.getByTestId('save-chapters').click();
    await expect(editor.getByRole('status')).toHaveText('Chapters saved.');
    const { db } = adminSdk();
    expect((await db.doc(`materials/${rec.id}`).get()).get('chapters')).toEqual([{ at: 0, label: 'Opening' }]);
  });
});

// Issue 11's first "Done when", end to end through the real UI, functions and twins: the admin creates a
// main-and-up Zoom event, a basic member is asked to upgrade and never receives the join URL, a main member
// registers (mail with the .ics) and gets Join inside the window, the Zoom twin ends the meeting and the
// recording is published (by the webhook, then with the webhook off by the poller) and plays for main and premium
// while it stays locked for basic.
import { spawnSync } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { Timestamp } from 'firebase-admin/firestore';
import { clientEnv, ROOT, ZOOM_TWIN } from '../scripts/emulators.mjs';
import { adminSdk } from '../tests/support/emulators';
import { inbox } from '../tests/support/inbox';
import { allResponses, asAdmin, shot, signIn } from './support';

const ZONE = 'Europe/Berlin';
/** Recordings small enough to copy in moments: the twin pads its MP4 to this size. */
const VIDEO_BYTES = 3_000_000;
/** Words of the twin's transcript (recording-content.ts) that no chapter label holds (labels are seven words). */
const TRANSCRIPT_WORDS = 'community site afterwards';
/** Words of the twin's chat file. */
const CHAT_WORDS = 'Will the slides be shared?';
const stamp = Date.now().toString(36);
const WEBHOOK_TITLE = `Zoom to recording ${stamp}`;
const POLLER_TITLE = `Zoom to recording, polled ${stamp}`;

test.use({ timezoneId: ZONE });
test.describe.configure({ mode: 'serial' });

/** The wall-clock time of an instant in ZONE, as the editor's datetime-local takes it. */
function wall(instant: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Five to six minutes from now on a whole minute: inside a 15-minute join window. */
function soon(): { start: Date; end: Date } {
  const start = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
  return { start, end: new Date(start.getTime() + 30 * 60_000) };
}

async function twin<T>(path: string): Promise<T> {
  const res = await fetch(`${ZOOM_TWIN.url}${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Made {
  id: string;
  meetingId: string;
  joinUrl: string;
}
const made: { webhook?: Made; poller?: Made } = {};

/** The event's Zoom meeting (written by zoomOnEventChange) and its join URL, once both are there. */
async function zoomOf(id: string): Promise<Made> {
  const { db } = adminSdk();
  let found: Made | undefined;
  await expect
    .poll(
      async () => {
        const sync = (await db.doc(`events/${id}/private/sync`).get()).get('zoom') as
          { meetingId?: string; error?: string } | undefined;
        const url = (await db.doc(`events/${id}/gated/join`).get()).get('url') as string | null | undefined;
        if (sync?.meetingId && url) found = { id, meetingId: String(sync.meetingId), joinUrl: url };
        return found ? 'ready' : (sync?.error ?? 'waiting');
      },
      { timeout: 30_000 },
    )
    .toBe('ready');
  return found!;
}

/** Firestore's listeners keep a request open, so the network never idles: give late reads a moment. */
const settle = (page: Page) => page.waitForTimeout(2_000);

async function memberPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: ZONE });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The recording of the event, once published: `events/{id}.recordingId` and the material it names. */
async function publishedRecording(eventId: string, log = ''): Promise<string> {
  const { db } = adminSdk();
  let recordingId = '';
  await expect
    .poll(
      async () => {
        recordingId = ((await db.doc(`events/${eventId}`).get()).get('recordingId') as string | null) ?? '';
        return recordingId;
      },
      { timeout: 60_000, intervals: [1_000], message: `events/${eventId}.recordingId ${log.slice(-3000)}` },
    )
    .not.toBe('');
  const material = (await db.doc(`materials/${recordingId}`).get()).data();
  expect(material).toMatchObject({ kind: 'recording', status: 'published', access: 'main', eventId });
  return recordingId;
}

/** Main and premium watch: the video decodes and plays, with chapters and the transcript beside it. */
async function expectPlays(browser: Browser, recordingId: string, email: string, shotName: string, from?: string) {
  const page = await memberPage(browser, email);
  if (from) {
    // The ended event's page leads to its recording.
    await page.goto(from);
    await page.getByTestId('event-recording').click();
    await expect(page).toHaveURL(new RegExp(`/materials/${recordingId}$`));
  } else {
    await page.goto(`/materials/${recordingId}`);
  }
  const video = page.getByTestId('recording-video');
  await expect(video).toHaveAttribute('src', /\/media\/recordings\//);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 })
    .toBeGreaterThan(0.2);
  expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
  await expect(page.getByTestId('chapters').getByRole('link').first()).toBeVisible();
  await expect(page.getByTestId('transcript')).toContainText(TRANSCRIPT_WORDS);
  await expect(page.getByTestId('paywall')).toHaveCount(0);
  await shot(page, test.info(), shotName);
  await page.context().close();
}

/** Basic sees the teaser, the chapters and the paywall; no video, transcript, chat or media path reaches it. */
async function expectLocked(browser: Browser, recordingId: string, eventId: string, shotName: string) {
  const context = await browser.newContext({ timezoneId: ZONE });
  const page = await context.newPage();
  const responses = allResponses(page);
  await signIn(page, 'basic@demo.test');
  await page.goto(`/materials/${recordingId}`);
  await expect(page.getByTestId('paywall')).toBeVisible();
  await expect(page.getByTestId('chapters')).toBeVisible();
  await expect(page.getByTestId('recording')).toHaveCount(0);
  await expect(page.getByTestId('recording-video')).toHaveCount(0);
  await expect(page.getByTestId('transcript')).toHaveCount(0);
  await settle(page);
  await shot(page, test.info(), shotName);
  expect(responses.length).toBeGreaterThan(3);
  for (const { url, body } of responses) {
    expect(body, url).not.toContain(TRANSCRIPT_WORDS);
    expect(body, url).not.toContain(CHAT_WORDS);
    expect(body, url).not.toContain(`media/recordings/${eventId}`);
  }
  await context.close();
}

test('the admin creates and publishes a main-and-up Zoom event; its Zoom meeting appears', async ({ page }, info) => {
  test.setTimeout(120_000);
  const { start, end } = soon();
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/events/new');
  await page.getByLabel('Title').fill(WEBHOOK_TITLE);
  await page.getByLabel('Teaser (shown to everyone)').fill('A live session that becomes a recording by itself.');
  await page.getByLabel('Kind').selectOption('zoom');
  await page.getByLabel('Who can join').selectOption('main');
  await page.getByLabel('Time zone').selectOption(ZONE);
  await page.getByLabel('Starts').fill(wall(start));
  await page.getByLabel('Ends').fill(wall(end));
  await page.getByLabel('Join details open (minutes before the start)').fill('15');
  await page.getByTestId('publish-event').click();
  // The first call of a run loads the functions (cold start): slow on a shared machine.
  await expect(page.getByText('Published.')).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/\/admin\/events\/[^/]+$/);
  const id = page.url().split('/').pop()!;

  const stored = (await adminSdk().db.doc(`events/${id}`).get()).data()!;
  expect(stored).toMatchObject({ kind: 'zoom', access: 'main', status: 'published', joinWindowMinutes: 15 });
  expect((stored.startAt as Timestamp).toMillis()).toBe(start.getTime());

  made.webhook = await zoomOf(id);
  const { meetings } = await twin<{ meetings: { id: number | string; topic: string; join_url: string }[] }>(
    '/_twin/meetings',
  );
  const meeting = meetings.find((m) => String(m.id) === made.webhook!.meetingId);
  expect(meeting).toMatchObject({ topic: WEBHOOK_TITLE, join_url: made.webhook.joinUrl });
  const zoomRow = page.getByTestId('event-mirrors').locator('tr', { hasText: 'Zoom' });
  await expect(zoomRow).toContainText(made.webhook.meetingId);
  await expect(zoomRow).toContainText('Yes');
  await shot(page, info, 'admin-zoom-event');
});

test('a basic member sees it on the calendar with "Upgrade to join", and the join URL reaches them nowhere', async ({
  browser,
}, info) => {
  const { id, joinUrl } = made.webhook!;
  const context = await browser.newContext({ timezoneId: ZONE });
  const page = await context.newPage();
  const responses = allResponses(page);
  await signIn(page, 'basic@demo.test');
  await page.goto('/events');
  await page.getByRole('link', { name: WEBHOOK_TITLE }).first().click();
  await expect(page).toHaveURL(new RegExp(`/events/${id}$`));
  const upgrade = page.getByTestId('event-upgrade');
  await expect(upgrade).toHaveText('Upgrade to join');
  await expect(upgrade).toHaveAttribute(
    'href',
    new RegExp(`^/pricing\\?plan=main&returnTo=(%2F|/)events(%2F|/)${id}$`),
  );
  await expect(page.getByTestId('event-join')).toHaveCount(0);
  await settle(page);
  await shot(page, info, 'basic-upgrade');
  const passcode = new URL(joinUrl).searchParams.get('pwd') ?? joinUrl;
  expect(responses.length).toBeGreaterThan(5);
  for (const { url, body } of responses) {
    expect(body, url).not.toContain(joinUrl);
    expect(body, url).not.toContain(passcode);
  }
  await context.close();
});

test('a main member registers, gets the mail with the .ics, and sees Join inside the window', async ({
  browser,
}, info) => {
  const { id, joinUrl } = made.webhook!;
  const page = await memberPage(browser, 'main@demo.test');
  await page.goto(`/events/${id}`);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByTestId('event-registered')).toHaveText('Registered');
  await expect(page.getByTestId('event-join')).toHaveAttribute('href', joinUrl);
  await shot(page, info, 'main-join');
  await page.context().close();

  let mail: Awaited<ReturnType<typeof inbox>>[number] | undefined;
  await expect
    .poll(
      async () => {
        mail = (await inbox('main@demo.test')).find((m) => m.subject === `You're registered: ${WEBHOOK_TITLE}`);
        return !!mail;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const ics = mail!.attachments?.find((a) => a.filename.endsWith('.ics'));
  expect(ics?.contentType).toMatch(/^text\/calendar/);
  expect(ics!.content).toContain('METHOD:REQUEST');
  expect(ics!.content).toMatch(new RegExp(`UID:${id}@`));
  expect(ics!.content).toContain(`SUMMARY:${WEBHOOK_TITLE}`);
  // Calendar files never carry the join details (they are forwarded and synced everywhere).
  expect(ics!.content.replace(/\r\n /g, '')).not.toContain(joinUrl);
  expect(mail!.text).not.toContain(joinUrl);
});

test('the twin ends the meeting; the webhook gets the recording published, playing for main and premium only', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { id, meetingId } = made.webhook!;
  const ended = await twin<{ webhook: { responseStatus?: number } | null }>(
    `/_twin/end?meetingId=${meetingId}&webhook=1&size=${VIDEO_BYTES}`,
  );
  expect(ended.webhook?.responseStatus).toBe(200);
  const recordingId = await publishedRecording(id);
  await expectPlays(browser, recordingId, 'main@demo.test', 'recording-main');
  await expectPlays(browser, recordingId, 'premium@demo.test', 'recording-premium');
  await expectLocked(browser, recordingId, id, 'recording-basic');
});

test('with the webhook off, the poller publishes the recording', async ({ browser }) => {
  test.setTimeout(180_000);
  const { start, end } = soon();
  const { id } = await asAdmin<{ id: string }>('saveEvent', {
    event: {
      title: POLLER_TITLE,
      summary: 'The same session, with Zoom’s webhook never arriving.',
      description: '',
      kind: 'zoom',
      status: 'published',
      access: 'main',
      start: wall(start),
      end: wall(end),
      timeZone: ZONE,
      capacity: null,
      joinWindowMinutes: 15,
      place: null,
      joinUrl: null,
      details: '',
    },
  });
  made.poller = await zoomOf(id);
  const { meetingId } = made.poller;
  const ended = await twin<{ webhook: unknown }>(`/_twin/end?meetingId=${meetingId}&webhook=0&size=${VIDEO_BYTES}`);
  expect(ended.webhook).toBeNull();
  // The poller asks Zoom only about events whose end has passed. Rather than wait half an hour, the event is moved
  // to when its meeting ran (the twin's recording covers the last ten minutes), so it has ended now.
  const { db } = adminSdk();
  await db.doc(`events/${id}`).update({
    startAt: Timestamp.fromMillis(Date.now() - 10 * 60_000),
    endAt: Timestamp.fromMillis(Date.now() - 1_000),
  });
  expect((await db.doc(`events/${id}`).get()).get('recordingId') ?? null).toBeNull();

  // One run of the scheduled job, as dev-cron runs it under `npm start` (the emulator never fires onSchedule).
  const run = spawnSync('npx', ['tsx', 'functions/src/scripts/dev-cron.ts', '--once', 'ingestRecordingsEveryMinute'], {
    cwd: ROOT,
    env: { ...process.env, ...clientEnv() },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

  const recordingId = await publishedRecording(id, `after the poller ran:\n${run.stdout}\n${run.stderr}`);
  // No webhook was ever sent for this meeting: the poller did it.
  const { deliveries } = await twin<{ deliveries: { meetingId: number }[] }>('/_twin/deliveries');
  expect(deliveries.map((d) => String(d.meetingId))).not.toContain(meetingId);
  expect(deliveries.map((d) => String(d.meetingId))).toContain(made.webhook!.meetingId);
  await expectPlays(browser, recordingId, 'main@demo.test', 'polled-recording-main', `/events/${id}`);
  await expectPlays(browser, recordingId, 'premium@demo.test', 'polled-recording-premium');
  await expectLocked(browser, recordingId, id, 'polled-recording-basic');
});

import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import type Stripe from 'stripe';
import {
  announcementChannelsFromEnv,
  slackScimFromEnv,
  type AnnouncementChannel,
  type SlackScim,
} from '../adapters/chat';
import { gitHubApi, type GitHubRepo } from '../adapters/github/github-api';
import { calendarMirrorFromEnv, type CalendarMirror } from '../adapters/gcal';
import { lumaFromEnv, type LumaApi } from '../adapters/luma';
import { createMailTransport, type MailTransport } from '../adapters/mail';
import { mediaStorage, type MediaStorage } from '../adapters/storage';
import { stripeClient } from '../adapters/stripe/stripe-client';
import type { ZoomApi } from '../adapters/zoom/zoom-api';
import { zoomFromEnv } from '../adapters/zoom/zoom-from-env';
import { adminApp, auth, db } from './firebase';
import { cloudTaskQueue, type TaskQueue } from './task-queue';
import { paramEnv, type Env } from './params';
import { settingsFrom, type Settings } from './settings';

/**
 * The composition root: every dependency of every area, built once per instance and only when first
 * used (a function that never mails opens no SMTP pool, one without the Stripe secret builds no client).
 * Areas declare narrow `XDeps` interfaces that this object satisfies, so tests hand them fakes.
 * Do not spread it: that would build everything.
 */
export interface AppDeps {
  readonly db: Firestore;
  readonly auth: Auth;
  readonly now: () => Date;
  readonly stripe: Stripe;
  readonly transport: MailTransport;
  /** Announcement channels configured (Slack, Telegram); none is valid. */
  readonly channels: AnnouncementChannel[];
  /** Slack SCIM, when configured, deactivates and reactivates community seats. */
  readonly seats: SlackScim | null;
  readonly storage: MediaStorage;
  readonly settings: Settings;
  /** Zoom (meetings, recordings) when ZOOM_ACCOUNT_ID and the client secret are set; null runs without it. */
  readonly zoom: ZoomApi | null;
  /** The community's Google Calendar, or null when not configured (the mirror is skipped). */
  readonly calendarMirror: CalendarMirror | null;
  /** The community's Luma calendar, or null when not configured. */
  readonly luma: LumaApi | null;
  /** Task-queue functions (recording ingest). */
  readonly tasks: TaskQueue;
  /** The course repository on GitHub (GITHUB_REPO with GITHUB_TOKEN), or null when not configured. */
  readonly github: GitHubRepo | null;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** A chat secret: empty or "none" turns that part off. */
const chatSecret = (value: string) => (value && value !== 'none' ? value : undefined);

/** The whole graph from settings: `deps()` reads Firebase params; dev-cron and the CLIs pass a plain map. */
export function depsFromEnv(env: Env): AppDeps {
  const stripe = once(() => stripeClient(env('STRIPE_SECRET_KEY'), env('STRIPE_API_BASE')));
  const transport = once(() => {
    const key = env('MAIL_API_KEY');
    const url = new URL(env('SMTP_URL'));
    if (url.username && !url.password && key) url.password = key;
    return createMailTransport({
      MAIL_TRANSPORT: env('MAIL_TRANSPORT'),
      SMTP_URL: url.toString(),
      POSTMARK_SERVER_TOKEN: key,
    });
  });
  const chatEnv = once(() => ({
    SLACK_WEBHOOK_URL: env('SLACK_WEBHOOK_URL'),
    TELEGRAM_CHAT_ID: env('TELEGRAM_CHAT_ID'),
    TELEGRAM_API_BASE: env('TELEGRAM_API_BASE'),
    TELEGRAM_BOT_TOKEN: chatSecret(env('TELEGRAM_BOT_TOKEN')),
    SLACK_SCIM_TOKEN: chatSecret(env('SLACK_SCIM_TOKEN')),
    SLACK_API_BASE: env('SLACK_API_BASE'),
  }));
  const channels = once(() => announcementChannelsFromEnv(chatEnv()));
  const seats = once(() => slackScimFromEnv(chatEnv()));
  const zoom = once(() =>
    zoomFromEnv({
      ZOOM_ACCOUNT_ID: env('ZOOM_ACCOUNT_ID'),
      ZOOM_CLIENT_ID: env('ZOOM_CLIENT_ID'),
      ZOOM_CLIENT_SECRET: env('ZOOM_CLIENT_SECRET'),
      ZOOM_API_BASE: env('ZOOM_API_BASE'),
      ZOOM_OAUTH_BASE: env('ZOOM_OAUTH_BASE'),
      ZOOM_WAITING_ROOM: env('ZOOM_WAITING_ROOM'),
      ZOOM_PASSCODE: env('ZOOM_PASSCODE'),
    }),
  );
  const calendarMirror = once(() =>
    calendarMirrorFromEnv({
      GOOGLE_CALENDAR_ID: env('GOOGLE_CALENDAR_ID'),
      GOOGLE_SERVICE_ACCOUNT_KEY: env('GOOGLE_SERVICE_ACCOUNT_KEY'),
      GOOGLE_API_BASE: env('GOOGLE_API_BASE'),
      GOOGLE_TOKEN_URL: env('GOOGLE_TOKEN_URL'),
    }),
  );
  const luma = once(() => lumaFromEnv({ LUMA_API_KEY: env('LUMA_API_KEY'), LUMA_API_BASE: env('LUMA_API_BASE') }));
  const settings = settingsFrom(env);
  const tasks = once(() => cloudTaskQueue(adminApp()));
  const github = once(() =>
    env('GITHUB_REPO').trim()
      ? gitHubApi({ repo: env('GITHUB_REPO').trim(), token: env('GITHUB_TOKEN'), apiBase: env('GITHUB_API_BASE') })
      : null,
  );
  return {
    get db() {
      return db();
    },
    get auth() {
      return auth();
    },
    now: () => new Date(),
    get stripe() {
      return stripe();
    },
    get transport() {
      return transport();
    },
    get channels() {
      return channels();
    },
    get seats() {
      return seats();
    },
    get storage() {
      return mediaStorage(adminApp());
    },
    settings,
    get zoom() {
      return zoom();
    },
    get calendarMirror() {
      return calendarMirror();
    },
    get luma() {
      return luma();
    },
    get tasks() {
      return tasks();
    },
    get github() {
      return github();
    },
  };
}

let instance: AppDeps | undefined;

/** This instance's dependencies, from the deployed function's params and secrets. */
export function deps(): AppDeps {
  instance ??= depsFromEnv(paramEnv);
  return instance;
}

import { logger } from 'firebase-functions';
import type { SecretParam } from 'firebase-functions/params';
import type { AppDeps } from '../app/deps';
import { CHAT_SECRETS, MAIL_SECRETS, MIRROR_SECRETS, STRIPE_SECRET_KEY, ZOOM_SECRETS } from '../app/params';
import { retryPendingAnnouncements } from '../announcements/announcement-store';
import { checkBillingDeadlines } from '../billing/billing-deadlines';
import { reconcileSubscriptions } from '../billing/reconcile';
import { sendEventReminders } from '../calendar/event-reminders';
import { reconcileUpcomingEvents } from '../events/reconcile-events';
import { announceCohortStarts } from '../courses/cohorts/cohort-start';
import { resumeAccountDeletions } from '../deletion/account-deletion';
import { retryQueuedMail } from '../mail/outbox';
import { refreshLeaderboards } from '../courses/projects/leaderboard-store';
import { runReviewRounds } from '../courses/projects/review-rounds';
import { expireGrants } from '../members/member-store';
import { dispatchNewsletters } from '../newsletters/newsletter-sender';
import { ingestDepsOf } from '../recordings/ingest-deps';
import { pollEndedMeetings, sweepIngests } from '../recordings/ingest-poller';
import { scoreDueHomework } from '../courses/homework/score-due-homework';
import { closeDuePolls } from '../polls/poll-store';
import { takeOverviewSnapshot } from '../overview/overview-snapshot';

/** Every so many minutes, or once a day at a UTC time ("04:00"). */
export type Schedule = { everyMinutes: number } | { dailyAtUtc: string };

export interface ScheduledJob {
  schedule: Schedule;
  /** Secrets `run` reads (the deployed function must declare them). */
  secrets?: SecretParam[];
  timeoutSeconds?: number;
  run(deps: AppDeps): Promise<unknown>;
}

/**
 * Every scheduled job, by the name of its exported function. Cloud Scheduler runs them in production
 * (schedules/scheduled-functions.ts); under `npm start` dev-cron runs them, as the emulator cannot.
 */
export const SCHEDULED_JOBS = {
  expireGrantsHourly: {
    schedule: { everyMinutes: 60 },
    run: async (deps) => {
      const expired = await expireGrants(deps);
      logger.info(`expired ${expired.length} complimentary grants`, { uids: expired });
    },
  },
  /** Heal any drift between Stripe and members (a lost webhook, a manual change in the dashboard). */
  reconcileBillingDaily: {
    schedule: { dailyAtUtc: '04:00' },
    secrets: [STRIPE_SECRET_KEY],
    timeoutSeconds: 540,
    run: (deps) => reconcileSubscriptions(deps),
  },
  /** Grace periods that ran out end on time; trial-ending and yearly-renewal reminders (no Stripe call). */
  billingDeadlinesHourly: {
    schedule: { everyMinutes: 60 },
    timeoutSeconds: 300,
    run: (deps) => checkBillingDeadlines(deps),
  },
  /** Starts due issues and resumes batches whose worker died. */
  dispatchNewslettersEveryMinute: {
    schedule: { everyMinutes: 1 },
    secrets: MAIL_SECRETS,
    timeoutSeconds: 540,
    run: (deps) => dispatchNewsletters(deps),
  },
  retryMailEveryMinute: {
    schedule: { everyMinutes: 1 },
    secrets: MAIL_SECRETS,
    run: (deps) => retryQueuedMail(deps),
  },
  retryAnnouncementsEveryMinute: {
    schedule: { everyMinutes: 1 },
    secrets: CHAT_SECRETS,
    run: (deps) => retryPendingAnnouncements(deps),
  },
  /** Queues the 24 h and 1 h event reminders that are due (idempotent: each mail's key names its member). */
  sendEventRemindersEvery5Minutes: {
    schedule: { everyMinutes: 5 },
    timeoutSeconds: 300,
    run: async (deps) => {
      const { events, queued } = await sendEventReminders(deps);
      if (queued) logger.info(`event reminders: ${queued} mails for ${events} events`);
    },
  },
  /** Zoom meetings, Google Calendar and Luma in step with upcoming events (healing failed syncs); Luma guests imported. */
  reconcileEventsEvery5Minutes: {
    schedule: { everyMinutes: 5 },
    secrets: [...ZOOM_SECRETS, ...MIRROR_SECRETS],
    timeoutSeconds: 540,
    run: async (deps) => {
      const result = await reconcileUpcomingEvents(deps);
      if (result.events)
        logger.info(`events reconciled: ${result.events} upcoming, ${result.imported} Luma guests imported`);
    },
  },
  /** Recordings whose webhook never came (poller), lost ingest tasks and failed publications (sweep). */
  ingestRecordingsEveryMinute: {
    schedule: { everyMinutes: 1 },
    secrets: ZOOM_SECRETS,
    timeoutSeconds: 300,
    run: async (deps) => {
      const ingest = ingestDepsOf(deps);
      const polled = await pollEndedMeetings(ingest);
      const swept = await sweepIngests(ingest);
      if (polled.length || swept.redispatched.length || swept.published.length)
        logger.info('recording ingest', { polled, ...swept });
    },
  },
  /** Account deletions a crash or a failed step left unfinished, and closing erased ones (seat done, mail out). */
  resumeAccountDeletionsEvery10Minutes: {
    schedule: { everyMinutes: 10 },
    secrets: [STRIPE_SECRET_KEY, ...CHAT_SECRETS],
    timeoutSeconds: 300,
    run: async (deps) => {
      const result = await resumeAccountDeletions(deps);
      if (result.resumed.length || result.closed.length || result.failed.length)
        logger.info('account deletions', result);
    },
  },
  /** Homework whose cohort deadline passed: unscored submissions scored with the key, points with them (resumable). */
  scoreDueHomeworkEvery5Minutes: {
    schedule: { everyMinutes: 5 },
    timeoutSeconds: 300,
    run: async (deps) => {
      const result = await scoreDueHomework(deps);
      if (result.scored || result.completed.length || !result.finished) logger.info('homework scored', result);
    },
  },
  /** Course projects: peers assigned when a cohort's project deadline passes, outcomes and points when reviews close. */
  runReviewRoundsEvery10Minutes: {
    schedule: { everyMinutes: 10 },
    timeoutSeconds: 300,
    run: async (deps) => {
      const result = await runReviewRounds(deps);
      if (result.assigned.length || result.finalized.length) logger.info('course review rounds', result);
    },
  },
  /** Course leaderboards of courses whose enrollments changed since their last build. */
  refreshLeaderboardsEvery5Minutes: {
    schedule: { everyMinutes: 5 },
    timeoutSeconds: 300,
    run: async (deps) => {
      const rebuilt = await refreshLeaderboards(deps);
      if (rebuilt.length) logger.info('course leaderboards rebuilt', { rebuilt });
    },
  },
  /** "Your cohort has started" to each enrolled member (idempotent: each mail's key names cohort and member). */
  announceCohortStartsHourly: {
    schedule: { everyMinutes: 60 },
    timeoutSeconds: 300,
    run: async (deps) => {
      const { cohorts, queued } = await announceCohortStarts(deps);
      if (queued) logger.info(`cohort starts: ${queued} mails for ${cohorts} cohorts`);
    },
  },
  /** Polls past their closing time close (after-close results appear). */
  closeDuePollsEvery5Minutes: {
    schedule: { everyMinutes: 5 },
    run: async (deps) => {
      const closed = await closeDuePolls(deps);
      if (closed.length) logger.info(`closed ${closed.length} polls`, { ids: closed });
    },
  },
  /** The admin overview's snapshot of the day (UTC), late so the day is nearly whole; a rerun replaces it. */
  overviewSnapshotDaily: {
    schedule: { dailyAtUtc: '23:50' },
    timeoutSeconds: 540,
    run: async (deps) => {
      const { day, members } = await takeOverviewSnapshot(deps);
      logger.info(`overview snapshot ${day}: ${members.total} members`);
    },
  },
} satisfies Record<string, ScheduledJob>;

export type JobName = keyof typeof SCHEDULED_JOBS;

/** The schedule in Cloud Scheduler's syntax. */
export function cronOf(schedule: Schedule): string {
  return 'dailyAtUtc' in schedule ? `every day ${schedule.dailyAtUtc}` : `every ${schedule.everyMinutes} minutes`;
}

const intervalMinutes = (schedule: Schedule) => ('dailyAtUtc' in schedule ? 24 * 60 : schedule.everyMinutes);

/**
 * dev-cron's plan: which jobs run in its `minute`-th tick (one tick a minute since it started). Every job
 * runs at start, then at its own interval; a daily job runs once a day after start, not at its hour.
 */
export function jobsDueAt<N extends string>(jobs: Record<N, { schedule: Schedule }>, minute: number): N[] {
  return (Object.keys(jobs) as N[]).filter((name) => minute % intervalMinutes(jobs[name].schedule) === 0);
}

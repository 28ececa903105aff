import { onSchedule } from 'firebase-functions/v2/scheduler';
import { deps } from '../app/deps';
import { cronOf, SCHEDULED_JOBS, type ScheduledJob } from './jobs';

/** The Cloud Scheduler function of a registry job. */
function scheduled(job: ScheduledJob) {
  return onSchedule(
    {
      schedule: cronOf(job.schedule),
      ...('dailyAtUtc' in job.schedule ? { timeZone: 'UTC' } : {}),
      secrets: job.secrets ?? [],
      ...(job.timeoutSeconds ? { timeoutSeconds: job.timeoutSeconds } : {}),
    },
    async () => {
      await job.run(deps());
    },
  );
}

// One export per registry job (index.ts re-exports them; jobs.test.ts fails when one is missing).
export const expireGrantsHourly = scheduled(SCHEDULED_JOBS.expireGrantsHourly);
export const reconcileBillingDaily = scheduled(SCHEDULED_JOBS.reconcileBillingDaily);
export const billingDeadlinesHourly = scheduled(SCHEDULED_JOBS.billingDeadlinesHourly);
export const dispatchNewslettersEveryMinute = scheduled(SCHEDULED_JOBS.dispatchNewslettersEveryMinute);
export const retryMailEveryMinute = scheduled(SCHEDULED_JOBS.retryMailEveryMinute);
export const retryAnnouncementsEveryMinute = scheduled(SCHEDULED_JOBS.retryAnnouncementsEveryMinute);
export const sendEventRemindersEvery5Minutes = scheduled(SCHEDULED_JOBS.sendEventRemindersEvery5Minutes);
export const reconcileEventsEvery5Minutes = scheduled(SCHEDULED_JOBS.reconcileEventsEvery5Minutes);
export const ingestRecordingsEveryMinute = scheduled(SCHEDULED_JOBS.ingestRecordingsEveryMinute);
export const resumeAccountDeletionsEvery10Minutes = scheduled(SCHEDULED_JOBS.resumeAccountDeletionsEvery10Minutes);
export const scoreDueHomeworkEvery5Minutes = scheduled(SCHEDULED_JOBS.scoreDueHomeworkEvery5Minutes);

export const runReviewRoundsEvery10Minutes = scheduled(SCHEDULED_JOBS.runReviewRoundsEvery10Minutes);
export const refreshLeaderboardsEvery5Minutes = scheduled(SCHEDULED_JOBS.refreshLeaderboardsEvery5Minutes);

export const announceCohortStartsHourly = scheduled(SCHEDULED_JOBS.announceCohortStartsHourly);
export const closeDuePollsEvery5Minutes = scheduled(SCHEDULED_JOBS.closeDuePollsEvery5Minutes);

export const overviewSnapshotDaily = scheduled(SCHEDULED_JOBS.overviewSnapshotDaily);

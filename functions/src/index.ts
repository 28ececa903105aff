// Entry points only: each lives beside the code its tests exercise; scheduled jobs come from one registry.
export { onUserCreate } from './auth/before-user-created';
export { onUserSignIn } from './auth/before-user-signed-in';
export { resendVerification, sendVerificationOnJoin } from './auth/verification-functions';
export { grantComplimentary, revokeComplimentary } from './members/grant-callables';
export { getMediaUrl, getCourseMediaUrl, media, uploadMedia } from './media/media-functions';
export { renderMaterialBody, indexMaterialSearch } from './materials/material-functions';
export { createCheckoutSession, createPortalSession } from './billing/billing-callables';
export { stripeWebhook } from './billing/stripe-webhook';
export {
  saveNewsletterDraft as saveNewsletter,
  sendNewsletter,
  sendNewsletterTest,
  cancelScheduledNewsletter as cancelNewsletter,
  sendNewsletterBatch,
} from './newsletters/newsletter-functions';
export { deliverOutboxMail, unsubscribe } from './mail/mail-functions';
export { postmarkWebhook, liftSuppression } from './mail/suppression-functions';
export {
  announce,
  retryAnnouncementNow as retryAnnouncement,
  postAnnouncement,
} from './announcements/announcement-functions';
export { communityOnPlanChange, completeCommunitySeat } from './community/community-functions';
export { subscribeVisitor, confirmSubscription } from './signup/signup-functions';
export { ssr } from './public-pages/ssr-function';
export { calendarFeed, getCalendarFeed, rotateCalendarFeed } from './calendar/calendar-functions';
export { mailOnRegistration, mailOnEventChange } from './calendar/event-mail-functions';
export { saveEvent, duplicateEvent, cancelEvent, registerForEvent, cancelRegistration } from './events/event-functions';
export { createZoomMeeting, zoomOnEventChange } from './events/zoom-functions';
export { saveChapters, draftChapters } from './recordings/chapter-functions';
export {
  expireGrantsHourly,
  reconcileBillingDaily,
  billingDeadlinesHourly,
  dispatchNewslettersEveryMinute,
  retryMailEveryMinute,
  retryAnnouncementsEveryMinute,
  sendEventRemindersEvery5Minutes,
  reconcileEventsEvery5Minutes,
  ingestRecordingsEveryMinute,
  resumeAccountDeletionsEvery10Minutes,
  scoreDueHomeworkEvery5Minutes,
  runReviewRoundsEvery10Minutes,
  refreshLeaderboardsEvery5Minutes,
  announceCohortStartsHourly,
} from './schedules/scheduled-functions';
export { mirrorEventChange } from './events/mirror-functions';
export { zoomWebhook, ingestRecordingFile, retryIngest } from './recordings/ingest-functions';
export { deleteMyAccount, deleteMember } from './deletion/deletion-functions';
export { submitHomework, scoreFreeText, getHomeworkResults } from './courses/homework/homework-functions';

export {
  submitProject,
  submitReview,
  setLeaderboardProfile,
  claimCertificate,
  revokeCertificate,
  certificatePdf,
} from './courses/projects/projects-functions';

export { githubWebhook, syncCourseRepo } from './courses/sync/course-sync-functions';

export { enrollInCourse, markUnitDone, openUnit } from './courses/learning/learning-functions';
export { cohortSessionsToEvents } from './courses/cohorts/cohort-functions';

export { notifyOnMaterial, notifyOnEvent, notifyOnCourse, notifyOnPoll } from './notifications/notification-functions';
export { submitShowcaseProject, withdrawShowcaseProject, moderateShowcaseProject } from './showcase/showcase-functions';
export {
  savePoll,
  setPollStatus,
  castVote,
  proposeOption,
  moderateProposal,
  linkPollCourse,
  refreshPollResults,
} from './polls/poll-functions';
export { closeDuePollsEvery5Minutes } from './schedules/scheduled-functions';
export { refreshOverview, exportCsv, indexMemberSearchOnChange } from './overview/overview-functions';
export { overviewSnapshotDaily } from './schedules/scheduled-functions';
export { requestPasswordReset, sendSignInLink, requestEmailChange } from './auth/account-functions';
// Find things (issue 15): the newsletter archive on the web.
export { archiveSentNewsletter } from './newsletters/newsletter-functions';

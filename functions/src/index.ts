// Entry points only: each lives beside the code its tests exercise.
export { onUserCreate } from './auth/before-user-created';
export { grantComplimentary, revokeComplimentary } from './members/grant-callables';
export { expireGrantsHourly } from './members/expire-grants-schedule';
export { getMediaUrl, media, uploadMedia } from './media/media-functions';
export { createCheckoutSession, createPortalSession } from './billing/billing-callables';
export { stripeWebhook } from './billing/stripe-webhook';
export { reconcileBillingDaily } from './billing/reconcile-schedule';
export {
  saveNewsletterDraft as saveNewsletter,
  sendNewsletter,
  sendNewsletterTest,
  cancelScheduledNewsletter as cancelNewsletter,
  sendNewsletterBatch,
  dispatchNewslettersEveryMinute,
} from './newsletters/newsletter-functions';
export { deliverOutboxMail, retryMailEveryMinute, unsubscribe } from './mail/mail-functions';
export {
  announce,
  retryAnnouncementNow as retryAnnouncement,
  postAnnouncement,
  retryAnnouncementsEveryMinute,
} from './announcements/announcement-functions';
export { communityOnPlanChange, completeCommunitySeat } from './community/community-functions';
export { subscribeVisitor, confirmSubscription } from './signup/signup-functions';

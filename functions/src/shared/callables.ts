import type { BillingRedirect, CheckoutRequest } from './billing';
import type { CommunityState } from './community';
import type { ChannelState } from './announcements';
import type { NewsletterInput, NewsletterStatus } from './newsletters';
import type { EventDraft } from './event-schema';
import type { RegistrationStatus, RepeatEvery } from './events';
import type { Chapter } from './recordings';
import type { DeletionState } from './account-deletion';
import type { Answer, HomeworkResults, HomeworkScore } from './course-homework';

import type { EnrollmentAnswer } from './course-learning';
import type { ShowcaseInputData } from './showcase-schema';
import type { ShowcaseStatus } from './showcase';
import type { PollStatus } from './polls';
import type { PollInput } from './poll-schema';

/**
 * Every callable function by name, with what it takes and what it answers: the web's `callFunction`
 * and the functions' `callable()` wrapper are both typed by this map, so a wrong payload or a renamed
 * callable fails to compile on either side. Request types are the *input* of each entry point's zod
 * schema (defaults may be omitted); the schemas themselves live beside their area in shared/.
 */
export interface Callables {
  grantComplimentary: {
    request: { uid?: string; email?: string; tier: string; endsAt?: string | null; note?: string };
    response: { uid: string; tier: string; endsAt: string | null };
  };
  revokeComplimentary: { request: { uid: string }; response: { uid: string; tier: string } };
  getMediaUrl: { request: { materialId: string; path: string }; response: { url: string; expiresAt: string } };
  createCheckoutSession: { request: CheckoutRequest; response: BillingRedirect };
  createPortalSession: { request: Record<string, never>; response: BillingRedirect };
  saveNewsletter: {
    request: {
      id?: string;
      newsletter: Partial<NewsletterInput> & Pick<NewsletterInput, 'subject' | 'sections' | 'audience'>;
    };
    response: { id: string };
  };
  sendNewsletter: {
    request: { id: string; at?: string | null };
    response: { id: string; status: Extract<NewsletterStatus, 'scheduled' | 'sending'>; scheduledAt: string | null };
  };
  sendNewsletterTest: { request: { id: string }; response: { to: string } };
  cancelNewsletter: { request: { id: string }; response: { id: string } };
  /** Exactly one of `materialId` and `eventId`: the published item to post to Slack and Telegram. */
  announce: { request: { materialId?: string; eventId?: string }; response: { id: string } };
  retryAnnouncement: {
    request: { id: string };
    response: { id: string; channels: Record<string, ChannelState> | { retrying: 'pending' } };
  };
  completeCommunitySeat: { request: { uid: string }; response: { uid: string; state: CommunityState } };
  subscribeVisitor: { request: { email: string; materialId?: string }; response: { message: string } };
  /** `verified`: the address is verified by now (no mail); `sent`: another verification mail is queued. */
  resendVerification: { request: Record<string, never>; response: { verified: boolean; sent: boolean } };

  // Events (shared/events.ts, shared/event-schema.ts)
  /** Creates (no id) or updates an event; `repeat` on create makes a series, `ids` in order. */
  saveEvent: {
    request: { id?: string; event: EventDraft; repeat?: { every: RepeatEvery; count: number } | null };
    response: { id: string; ids: string[] };
  };
  /** A draft copy of the event, a week later, without registrations or mirrors. */
  duplicateEvent: { request: { id: string }; response: { id: string } };
  /** Cancels the event; registered members are mailed unless `notify` is false. */
  cancelEvent: { request: { id: string; notify?: boolean }; response: { id: string } };
  /** Creates (or returns) the event's Zoom meeting. */
  createZoomMeeting: { request: { id: string }; response: { meetingId: string; joinUrl: string } };
  /** Registers the signed-in member (waitlisted past capacity); registering twice answers the same status. */
  registerForEvent: { request: { id: string }; response: { status: RegistrationStatus } };
  /** Withdraws the member's registration; the first waitlisted member moves up (`promoted` is their uid). */
  cancelRegistration: { request: { id: string }; response: { promoted: string | null } };
  /** A new secret URL for the member's calendar feed; the old one stops working. */
  rotateCalendarFeed: { request: Record<string, never>; response: { url: string } };
  /** The member's current calendar feed URL (it is signed, so only the functions can spell it). */
  getCalendarFeed: { request: Record<string, never>; response: { url: string } };

  // Recordings (shared/recordings.ts)
  saveChapters: { request: { materialId: string; chapters: Chapter[] }; response: { materialId: string } };
  /** Chapters proposed from the transcript, for the admin to edit and save. */
  draftChapters: { request: { materialId: string }; response: { chapters: Chapter[] } };
  /** Queues a failed ingest job again. */
  retryIngest: { request: { id: string }; response: { id: string } };

  // Mail (shared/suppressions.ts)
  /** Lifts an address from the suppression list; `lifted` is false when it was not suppressed. */
  liftSuppression: { request: { id: string }; response: { id: string; email: string; lifted: boolean } };
  // Account deletion (shared/account-deletion.ts)
  /** The signed-in member deletes their own account, typing their address to confirm. */
  deleteMyAccount: { request: { email: string }; response: { state: DeletionState } };
  /** An admin deletes another member's account (their own is refused: they use deleteMyAccount). */
  deleteMember: { request: { uid: string }; response: { uid: string; state: DeletionState } };

  // Course homework (shared/course-homework.ts)
  /** Saves the member's answers (editable until the deadline); self-paced: scored at once, then final. */
  submitHomework: {
    request: { courseId: string; homeworkId: string; answers: Record<string, Answer>; links: string[] };
    response: { status: 'submitted' | 'scored'; deadline: string | null; score: HomeworkScore | null };
  };
  /** An admin scores a free-text answer (at most the question's points) with feedback. */
  scoreFreeText: {
    request: {
      courseId: string;
      homeworkId: string;
      uid: string;
      questionId: string;
      points: number;
      feedback: string;
    };
    response: { score: HomeworkScore };
  };
  /** The correct answers and the member's score: after the deadline, or once a self-paced submission is scored. */
  getHomeworkResults: { request: { courseId: string; homeworkId: string }; response: HomeworkResults };

  // Course projects, leaderboards, certificates (shared/course-projects.ts)
  /** Submits or replaces the member's project (repository pinned to a commit) before the cohort's deadline. */
  submitProject: { request: { courseId: string; repoUrl: string; commit: string }; response: { deadline: string } };
  /** The assigned reviewer scores every criterion; editable until the review deadline. */
  submitReview: {
    request: { courseId: string; authorUid: string; scores: Record<string, number>; comment: string };
    response: { reviewDeadline: string };
  };
  setLeaderboardProfile: {
    request: { courseId: string; displayName: string; showOnLeaderboard: boolean };
    response: { courseId: string };
  };
  /** The member's certificate for the course and cohort; `issued` is false when it existed already. */
  claimCertificate: { request: { courseId: string }; response: { id: string; issued: boolean } };
  revokeCertificate: { request: { id: string; reason: string }; response: { id: string } };

  // Courses: learning (shared/course-learning.ts)
  /** Enrolls the member in a cohort or self-paced (`cohortId: null`); enrolling again answers the same. */
  enrollInCourse: { request: { courseId: string; cohortId: string | null }; response: EnrollmentAnswer };
  /** Ticks (or unticks) a unit the member has open; answers the units done. */
  markUnitDone: {
    request: { courseId: string; unitId: string; done: boolean };
    response: { completedUnits: string[] };
  };
  /** Sets the resume point to the unit the member opened. */
  openUnit: { request: { courseId: string; unitId: string }; response: { lastUnitId: string } };
  /** A signed URL for a unit's `file` video or attachment, for readers who may read the unit. */
  getCourseMediaUrl: {
    request: { courseId: string; unitId: string; path: string };
    response: { url: string; expiresAt: string };
  };

  // Project showcase (shared/showcase.ts)
  /** Submits a project for review (`id` null) or edits the member's own pending one. */
  submitShowcaseProject: { request: ShowcaseInputData & { id: string | null }; response: { id: string } };
  /** The member withdraws their own pending submission. */
  withdrawShowcaseProject: { request: { id: string }; response: { id: string } };
  /** An admin approves a pending project or rejects one (with a reason). */
  moderateShowcaseProject: {
    request: { id: string; decision: 'approve' | 'reject'; reason: string };
    response: { id: string; status: ShowcaseStatus };
  };
  // Polls (shared/polls.ts, shared/poll-schema.ts)
  /** Creates a draft poll (no id) or saves an edit; options keep their ids. */
  savePoll: { request: { id?: string; poll: PollInput }; response: { id: string } };
  setPollStatus: { request: { id: string; status: PollStatus }; response: { id: string; status: PollStatus } };
  /** The member's whole ballot (empty withdraws it); answers it as stored. */
  castVote: { request: { pollId: string; optionIds: string[] }; response: { optionIds: string[] } };
  proposeOption: { request: { pollId: string; label: string }; response: { id: string } };
  /** Approving makes the proposal an option (its id the proposal's); answers that id, or null when rejected. */
  moderateProposal: {
    request: { pollId: string; proposalId: string; decision: 'approve' | 'reject'; label?: string };
    response: { optionId: string | null };
  };
  linkPollCourse: {
    request: { pollId: string; courseSlug: string | null };
    response: { pollId: string; courseSlug: string | null };
  };
  // Admin overview (shared/overview.ts)
  /** Takes today's overview snapshot now (as the daily job does); answers its day, `YYYY-MM-DD`. */
  refreshOverview: { request: Record<string, never>; response: { day: string } };
  // Accounts (shared/account-schema.ts): the same answer whether or not the address is a member's
  /** "Forgot password": a member gets a reset link by mail; `next` is where the reset page lands. */
  requestPasswordReset: { request: { email: string; next?: string }; response: { message: string } };
  /** "Email me a sign-in link": a member gets a link landing on `next` (`/account` when absent). */
  sendSignInLink: { request: { email: string; next?: string }; response: { message: string } };
  /** Change the caller's address (signed in within minutes): a confirmation link goes to the new address. */
  requestEmailChange: { request: { newEmail: string }; response: { message: string } };
}

export type CallableName = keyof Callables;
export type CallableRequest<K extends CallableName> = Callables[K]['request'];
export type CallableResponse<K extends CallableName> = Callables[K]['response'];

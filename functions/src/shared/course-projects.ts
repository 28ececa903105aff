// Projects with peer review, leaderboards and certificates of a course (docs/architecture.md, "Courses";
// words in CONTEXT.md). Functions write every document here; clients read under firestore.rules.
import { z } from 'zod';
import { docId } from './fields';
import { CERTIFICATE_ID } from './public-certificates';

/** `courses/{slug}/projects/{uid}`: one member's project; the member reads their own. */
export const COURSE_PROJECTS = 'projects';
/** `courses/{slug}/reviews/{reviewerUid}_{authorUid}`: one assignment; only its reviewer reads it. */
export const COURSE_REVIEWS = 'reviews';
/** `courses/{slug}/projectRounds/{cohortId}`: where a cohort's review round stands; functions only. */
export const COURSE_PROJECT_ROUNDS = 'projectRounds';
/** `courses/{slug}/leaderboards/{cohortId|all}`: public, opted-in members only. */
export const COURSE_LEADERBOARDS = 'leaderboards';
/** `courses/{slug}/certificateOwners/{cohortKey}_{uid}`: which certificate a member holds; functions only. */
export const COURSE_CERTIFICATE_OWNERS = 'certificateOwners';
/** `certificates/{id}`: public by id (the id is a 20-character random secret); admins list. */
export const CERTIFICATES = 'certificates';

/** The leaderboard of every member of the course, cohorts and self-paced together. */
export const ALL_COHORTS = 'all';
/** The cohort key of self-paced members (certificate owners). */
export const SELF_PACED = 'self-paced';
/** Reviews are open this long after the project deadline; then outcomes are computed and authors see reviews. */
export const REVIEW_DAYS = 7;
/** The most rows a leaderboard document carries (so it stays far below Firestore's 1 MiB). */
export const LEADERBOARD_MAX_ROWS = 1000;

export type ProjectStatus = 'submitted' | 'in-review' | 'passed' | 'failed';

/** A review as its author sees it after the review deadline: no reviewer. */
export interface ReceivedReview {
  scores: Record<string, number>;
  total: number;
  comment: string;
}

export interface ProjectOutcome {
  passed: boolean;
  /** Average received score (sum over criteria), 0 without reviews. */
  averageScore: number;
  reviewsGiven: number;
  reviewsReceived: number;
  /** What went into `enrollment.points.project`: average score + pointsPerReview × reviews given. */
  points: number;
  /** Why it failed, worded for the member; empty when passed. */
  reasons: string[];
}

/** `courses/{slug}/projects/{uid}`. */
export interface CourseProject<Time = unknown> {
  uid: string;
  cohortId: string;
  repoUrl: string;
  /** 40 hex characters, lower case: what reviewers look at. */
  commit: string;
  status: ProjectStatus;
  submittedAt: Time;
  updatedAt: Time;
  /** Set when the review round ends. */
  outcome: ProjectOutcome | null;
  reviews: ReceivedReview[];
}

/** `courses/{slug}/reviews/{reviewerUid}_{authorUid}`: written by the assignment job, scored by `submitReview`. */
export interface ProjectReview<Time = unknown> {
  reviewerUid: string;
  authorUid: string;
  cohortId: string;
  /** The project as it was at the deadline. */
  repoUrl: string;
  commit: string;
  /** null until the reviewer submits. */
  scores: Record<string, number> | null;
  comment: string;
  assignedAt: Time;
  reviewDeadline: Time;
  submittedAt: Time | null;
}

/** `courses/{slug}/projectRounds/{cohortId}`. */
export interface ProjectRound<Time = unknown> {
  assignedAt: Time | null;
  participants: number;
  reviewDeadline: Time;
  finalizedAt: Time | null;
}

export interface LeaderboardRow {
  displayName: string;
  total: number;
  homework: number;
  links: number;
  project: number;
}

/** `courses/{slug}/leaderboards/{cohortId|all}`: rows by total, highest first. */
export interface Leaderboard<Time = unknown> {
  rows: LeaderboardRow[];
  /** Members shown (opted in); rows stop at LEADERBOARD_MAX_ROWS. */
  shown: number;
  updatedAt: Time;
}

/** `certificates/{id}`: everything here is public to whoever has the id. */
export interface Certificate<Time = unknown> {
  name: string;
  courseTitle: string;
  courseSlug: string;
  /** null: self-paced. */
  cohortId: string | null;
  issuedAt: Time;
  points: number;
  revokedAt: Time | null;
  revokeReason: string | null;
}

/** `courses/{slug}/certificateOwners/{cohortKey}_{uid}`. */
export interface CertificateOwner<Time = unknown> {
  uid: string;
  certificateId: string;
  issuedAt: Time;
}

export const certificateOwnerId = (cohortId: string | null, uid: string) => `${cohortId ?? SELF_PACED}_${uid}`;
export const reviewId = (reviewerUid: string, authorUid: string) => `${reviewerUid}_${authorUid}`;

// ---------------------------------------------------------------------------------------------------------------
// Requests.

export { CERTIFICATE_ID };
export const certificateId = z.string().regex(CERTIFICATE_ID, 'must be a certificate id (20 letters and digits)');

export const MAX_REPO_URL_LENGTH = 300;
export const MAX_REVIEW_COMMENT_LENGTH = 5000;
export const MAX_DISPLAY_NAME_LENGTH = 40;
export const MAX_REVOKE_REASON_LENGTH = 500;

/** An https repository URL: a host and at least an owner and a name, no credentials, query or fragment. */
export function repoUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL';
  }
  if (url.protocol !== 'https:') return 'must start with https://';
  if (url.username || url.password) return 'must not hold credentials';
  if (url.search || url.hash) return 'must not have a query or fragment';
  if (url.pathname.split('/').filter(Boolean).length < 2) return 'must name a repository (https://host/owner/name)';
  return null;
}

export const repoUrl = z
  .string()
  .trim()
  .max(MAX_REPO_URL_LENGTH, `must be at most ${MAX_REPO_URL_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const reason = repoUrlProblem(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

export const commitSha = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{40}$/, 'must be a full commit SHA (40 hex characters)')
  .transform((s) => s.toLowerCase());

/** Letters (any script), digits, spaces and `.'-_`; no leading or trailing space. */
export const displayName = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(MAX_DISPLAY_NAME_LENGTH, `must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u, "may hold letters, digits, spaces and . ' _ - only");

export const submitProjectSchema = z.object({ courseId: docId, repoUrl, commit: commitSha }).strict();

export const submitReviewSchema = z
  .object({
    courseId: docId,
    authorUid: docId,
    scores: z
      .record(docId, z.number().int('must be a whole number').min(0).max(1000))
      .refine((s) => Object.keys(s).length <= 50, 'must have at most 50 criteria'),
    comment: z
      .string()
      .trim()
      .max(MAX_REVIEW_COMMENT_LENGTH, `must be at most ${MAX_REVIEW_COMMENT_LENGTH} characters`),
  })
  .strict();

export const setLeaderboardProfileSchema = z
  .object({ courseId: docId, displayName, showOnLeaderboard: z.boolean() })
  .strict();

export const courseIdSchema = z.object({ courseId: docId }).strict();

export const revokeCertificateSchema = z
  .object({
    id: certificateId,
    reason: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_REVOKE_REASON_LENGTH, `must be at most ${MAX_REVOKE_REASON_LENGTH} characters`),
  })
  .strict();

/** The PDF's parameters: `?id=` or the rewritten path `/certificates/{id}.pdf`. */
export const certificatePdfSchema = z
  .object({
    id: certificateId.optional(),
    path: z.string().max(200),
  })
  .strict();

// Courses: the contract web and functions share (see docs/architecture.md, "Courses"; words in CONTEXT.md).
//
// Authors write a course as files in a Git repository (`examples/courses/` is the sample). The format parser
// turns the files into a `CourseSpec` (plain data, every problem reported with file and line); the sync turns a
// spec into the documents below (`courseDocs` in domain/course-docs.ts) and writes only what changed. Ids of
// units, homework and questions come from the files' front matter, so renaming or moving a file keeps members'
// progress and answers. Like materials and events, anything with a preview is a public teaser plus gated
// documents repeating `access` and `rank`.

/** `courses/{courseId}`: the public teaser (catalog card, course page, syllabus). The id is the course's slug. */
export const COURSES = 'courses';
/** `courses/{courseId}/units/{unitId}`: a unit's body, gated by rank (a preview unit has access `public`). */
export const COURSE_UNITS = 'units';
/** `courses/{courseId}/homework/{homeworkId}`: questions without their answers, gated by rank. */
export const COURSE_HOMEWORK = 'homework';
/** `courses/{courseId}/homework/{homeworkId}/private/key`: the answers; functions only. */
export const COURSE_PRIVATE = 'private';
export const HOMEWORK_KEY = 'key';
/** `courses/{courseId}/cohorts/{cohortId}`: public (dates, capacity, the enrolled counter). */
export const COURSE_COHORTS = 'cohorts';
/** `courses/{courseId}/enrollments/{uid}`: one member's enrollment and progress; written by functions only. */
export const COURSE_ENROLLMENTS = 'enrollments';
/** `courseSyncs/{id}`: one report per sync (local folder or GitHub push); admins read them. */
export const COURSE_SYNCS = 'courseSyncs';

export const COURSE_KINDS = ['course', 'mini'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];
/** `archived`: removed from the repository; kept (never deleted) so members' progress and answers stay. */
export const COURSE_STATUSES = ['published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const VIDEO_PROVIDERS = ['youtube', 'loom', 'vimeo', 'file'] as const;
export type VideoProvider = (typeof VIDEO_PROVIDERS)[number];

export const QUESTION_TYPES = ['choice', 'checkboxes', 'number', 'integer', 'exact', 'contains', 'free'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

// ---------------------------------------------------------------------------------------------------------------
// The parsed repository: what the format parser returns and the sync consumes. Paths are repository-relative.

export interface InstructorSpec {
  name: string;
  bio: string;
  url: string | null;
}

export interface CohortSessionSpec {
  title: string;
  /** ISO 8601 instants with offset or `Z`. */
  start: string;
  end: string;
}

export interface CohortSpec {
  id: string;
  title: string;
  /** ISO 8601 instants. */
  enrollmentOpens: string;
  enrollmentCloses: string;
  start: string;
  end: string;
  /** null: no limit. */
  capacity: number | null;
  /** Per homework id (and `project`): the submission deadline, ISO 8601. */
  deadlines: Record<string, string>;
  /** Live sessions, published as events on the calendar. */
  sessions: CohortSessionSpec[];
}

export interface VideoSpec {
  provider: VideoProvider;
  /** The provider's video id (YouTube, Vimeo, Loom) or the file's repository path (`file`). */
  ref: string;
}

export interface AttachmentSpec {
  title: string;
  /** Repository path of the file. */
  path: string;
}

export interface UnitSpec {
  /** Stable id from the front matter (`id:`): progress and answers hang on it. */
  id: string;
  title: string;
  preview: boolean;
  video: VideoSpec | null;
  attachments: AttachmentSpec[];
  /** Drip: days after the member's start (enrollment, or the cohort's start) before the unit opens. */
  availableAfterDays: number;
  markdown: string;
  sourcePath: string;
}

export interface QuestionSpec {
  id: string;
  type: QuestionType;
  /** Markdown. */
  text: string;
  /** choice and checkboxes only. */
  options: string[];
  /**
   * The correct answer, per type: choice: the option's index; checkboxes: the indexes (sorted); number: the
   * value, with `tolerance`; integer: the value; exact: the text (compared trimmed, case-insensitive); contains:
   * the text the answer must contain (case-insensitive); free: null (scored by an admin).
   */
  answer: number | number[] | string | null;
  /** number only: |given - answer| <= tolerance scores. */
  tolerance: number;
  points: number;
}

export interface LinksSpec {
  /** "Learning in public": points per valid link, up to `maxLinks` links. */
  pointsPerLink: number;
  maxLinks: number;
}

export interface HomeworkSpec {
  id: string;
  title: string;
  /** Markdown shown above the questions. */
  description: string;
  questions: QuestionSpec[];
  links: LinksSpec | null;
  sourcePath: string;
}

export interface ModuleSpec {
  /** From `module.yaml` (`id:`), else the folder name without its numeric prefix. */
  id: string;
  title: string;
  units: UnitSpec[];
  homework: HomeworkSpec[];
}

export interface ReviewCriterionSpec {
  id: string;
  title: string;
  /** Markdown: what a reviewer checks. */
  description: string;
  maxPoints: number;
}

export interface ProjectSpec {
  title: string;
  description: string;
  /** How many peers review each project, and how many reviews each participant must give. */
  reviewsRequired: number;
  /** Points a participant earns per review given. */
  pointsPerReview: number;
  criteria: ReviewCriterionSpec[];
  /** The project passes when its average review score (sum of criteria) reaches it. */
  passScore: number;
}

export interface CourseSpec {
  /** The folder name and the URL: `/courses/{slug}`; the course document's id. */
  slug: string;
  title: string;
  summary: string;
  /** An `https` URL or a repository path (uploaded by the sync). */
  cover: string | null;
  instructors: InstructorSpec[];
  /** A tier id or `public`. */
  access: string;
  kind: CourseKind;
  /** The poll that chose this mini-course (polls issue), if any. */
  pollId: string | null;
  /** Points (homework + links + project) needed for a certificate. */
  passPoints: number;
  project: ProjectSpec | null;
  cohorts: CohortSpec[];
  modules: ModuleSpec[];
  sourcePath: string;
}

/** One problem the validator found; nothing is written when there is any. */
export interface FormatProblem {
  path: string;
  /** 1-based; 0 when the problem is the file as a whole (missing, unreadable). */
  line: number;
  message: string;
}

/** A file of the repository as the parser reads it (text files; binary assets are only listed). */
export interface RepoFile {
  path: string;
  /** UTF-8 text for `.md`/`.yaml`/`.yml` files; null for assets (videos, attachments, images). */
  text: string | null;
  size: number;
}

export type ParseResult = { ok: true; courses: CourseSpec[] } | { ok: false; problems: FormatProblem[] };

// ---------------------------------------------------------------------------------------------------------------
// Documents.

export interface SyllabusUnit {
  id: string;
  title: string;
  preview: boolean;
  hasVideo: boolean;
  availableAfterDays: number;
}

export interface SyllabusHomework {
  id: string;
  title: string;
  points: number;
}

export interface SyllabusModule {
  id: string;
  title: string;
  units: SyllabusUnit[];
  homework: SyllabusHomework[];
}

/** `courses/{slug}`: public while published (titles only: no body, video or answer). */
export interface CourseTeaser<Time = unknown> {
  title: string;
  summary: string;
  /** Absolute URL, or a `media/` storage path uploaded by the sync; null: the default card. */
  cover: string | null;
  instructors: InstructorSpec[];
  kind: CourseKind;
  access: string;
  rank: number;
  status: CourseStatus;
  syllabus: SyllabusModule[];
  unitCount: number;
  /** Sum of the homework points, the links' caps and the project's best score: the most a member can earn. */
  maxPoints: number;
  passPoints: number;
  /** The project's public part (no criteria weights are secret: reviewers see them). */
  project: ProjectSpec | null;
  pollId: string | null;
  /** The commit (or folder sync) that last wrote it. */
  commit: string;
  updatedAt: Time;
}

/** `courses/{slug}/units/{unitId}`: gated by rank; archived units keep their document. */
export interface CourseUnit<Time = unknown> {
  access: string;
  rank: number;
  status: CourseStatus;
  moduleId: string;
  /** Position in the course (0-based, over all modules): "next unit" and resume follow it. */
  order: number;
  title: string;
  preview: boolean;
  /** The markdown rendered and sanitized once by the sync (`renderMarkdownHtml`). */
  html: string;
  video: VideoSpec | null;
  /** `file` videos and attachments: `media/` storage paths once uploaded. */
  attachments: { title: string; path: string; size: number }[];
  availableAfterDays: number;
  /** `markdownHash` of the source: the sync rewrites the unit only when it changed. */
  sourceHash: string;
  sourcePath: string;
  updatedAt: Time;
}

/** A question as members see it: no answer. */
export interface PublicQuestion {
  id: string;
  type: QuestionType;
  /** Sanitized HTML of the question's markdown. */
  html: string;
  options: string[];
  points: number;
}

/** `courses/{slug}/homework/{homeworkId}`: gated by rank. */
export interface CourseHomework<Time = unknown> {
  access: string;
  rank: number;
  status: CourseStatus;
  moduleId: string;
  order: number;
  title: string;
  descriptionHtml: string;
  questions: PublicQuestion[];
  links: LinksSpec | null;
  sourceHash: string;
  sourcePath: string;
  updatedAt: Time;
}

/** `courses/{slug}/homework/{homeworkId}/private/key`: functions only. */
export interface HomeworkKey {
  answers: Record<
    string,
    { type: QuestionType; answer: number | number[] | string | null; tolerance: number; points: number }
  >;
}

/** `courses/{slug}/cohorts/{cohortId}`: public. */
export interface CourseCohort<Time = unknown> {
  title: string;
  status: CourseStatus;
  enrollmentOpensAt: Time;
  enrollmentClosesAt: Time;
  startAt: Time;
  endAt: Time;
  capacity: number | null;
  /** Kept by the enrollment callable in the same transaction as the enrollment. */
  enrolled: number;
  /** Per homework id (and `project`). */
  deadlines: Record<string, Time>;
  sessions: CohortSessionSpec[];
  updatedAt: Time;
}

/** `courses/{slug}/enrollments/{uid}`: the member reads their own; functions write it. */
export interface CourseEnrollment<Time = unknown> {
  uid: string;
  /** null: self-paced. */
  cohortId: string | null;
  enrolledAt: Time;
  /** Drip counts from here: the enrollment, or the cohort's start. */
  startsAt: Time;
  completedUnits: string[];
  /** The unit to resume at. */
  lastUnitId: string | null;
  /** Public name on the leaderboard; `showOnLeaderboard: false` keeps the member off the public board. */
  displayName: string;
  showOnLeaderboard: boolean;
  points: { homework: number; links: number; project: number; total: number };
  updatedAt: Time;
}

/** `courseSyncs/{id}`: what one sync did. */
export interface CourseSyncReport<Time = unknown> {
  source: 'folder' | 'github';
  /** The pushed commit, or `local` for a folder sync. */
  commit: string;
  /** `failed`: validation problems or an error; nothing was written. */
  status: 'running' | 'succeeded' | 'failed';
  added: string[];
  changed: string[];
  archived: string[];
  errors: FormatProblem[];
  /** Firestore documents written. */
  writes: number;
  startedAt: Time;
  finishedAt: Time | null;
}

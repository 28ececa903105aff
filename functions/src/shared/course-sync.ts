// The sync's own names beside the contract (shared/courses.ts): where its lease lives and what a report lists.

/** `courseSyncLocks/repo`: the lease that keeps two syncs (a push and a local run) from interleaving; functions only. */
export const COURSE_SYNC_LOCKS = 'courseSyncLocks';
export const COURSE_SYNC_LOCK_ID = 'repo';

/** The most paths (added, changed, archived) and problems a report lists; the rest is summed up in one line. */
export const MAX_REPORT_PATHS = 500;

/** Where the sync stores a course's repository files (cover, video files, attachments). */
export const courseMediaPrefix = (slug: string) => `media/courses/${slug}`;

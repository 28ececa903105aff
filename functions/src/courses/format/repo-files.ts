// What the course format counts as a text file, and the limits of a course repository. Shared by the folder
// reader and the GitHub fetcher so both hand `parseCourseRepo` the same `RepoFile`s.

/** Markdown and YAML are read as text; every other file (videos, images, attachments) is only listed. */
export const isTextPath = (path: string): boolean => /\.(md|ya?ml)$/i.test(path);

export const FORMAT_LIMITS = {
  /** Files in the whole repository (the bench's 50 courses of 40 units are about 2,200). */
  maxFiles: 10_000,
  /** One markdown or YAML file, in bytes: a unit's HTML must fit a Firestore document (1 MiB) with room. */
  maxTextBytes: 200_000,
  /** One asset (video, attachment, cover), in bytes: GitHub's API serves blobs up to 100 MB. */
  maxAssetBytes: 100 * 1024 * 1024,
} as const;

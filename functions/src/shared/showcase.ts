// The project showcase: the contract web and functions share (see docs/architecture.md, "Showcase").
//
// Glossary: a *showcase project* (`showcase/{id}`) is a member's own project, submitted to be shown on the site.
// It is `pending` until an admin approves it (listed from then on) or rejects it with a reason; the member
// edits or withdraws it while it is pending. Like a material it is two documents: the teaser (title, summary,
// images, author's name) that anyone reads once approved, and `showcase/{id}/gated/links` (repository and
// demo URLs) that repeats `access`, `rank`, `status` and `uid`, readable from that rank up. Only callables
// write either. No zod here: this module reaches the web's public bundle (the schemas are in showcase-schema.ts).

export const SHOWCASE = 'showcase';
export const SHOWCASE_GATED = 'gated';
export const SHOWCASE_LINKS = 'links';
/** `config/showcase`: `{ access }`, the plan (and up) that may submit projects. */
export const SHOWCASE_CONFIG_DOC = 'showcase';

export const SHOWCASE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ShowcaseStatus = (typeof SHOWCASE_STATUSES)[number];

export const MAX_SHOWCASE_IMAGES = 4;
export const MAX_SHOWCASE_URL_LENGTH = 500;
/** A member has at most this many submissions waiting for review at once. */
export const MAX_PENDING_SHOWCASE = 5;
export const SHOWCASE_PAGE_SIZE = 24;

/** `config/showcase`: which plan (and up) may submit; absent means the seed default (`DEFAULT_SHOWCASE_ACCESS`). */
export interface ShowcaseConfig {
  access: string;
}

/** `showcase/{id}`: the teaser. Anyone reads an approved one; the author reads their own; admins read all. */
export interface ShowcaseProject<Time = unknown> {
  uid: string;
  /** The author's name as shown on the project (the member's name when submitted). */
  authorName: string;
  title: string;
  summary: string;
  /** https image URLs, at most MAX_SHOWCASE_IMAGES. */
  images: string[];
  /** Who may see the repository and demo (a tier id or `public`), and its rank. */
  access: string;
  rank: number;
  status: ShowcaseStatus;
  /** Why an admin rejected it; null otherwise. */
  reason: string | null;
  submittedAt: Time;
  updatedAt: Time;
  approvedAt: Time | null;
}

/** `showcase/{id}/gated/links`: the project's URLs, readable at `rank` once approved (and by the author, admins). */
export interface ShowcaseLinks {
  uid: string;
  access: string;
  rank: number;
  status: ShowcaseStatus;
  repoUrl: string;
  /** Empty when the project has no demo. */
  demoUrl: string;
}

/** What a member submits (the callable's request without the id). */
export interface ShowcaseInput {
  title: string;
  summary: string;
  repoUrl: string;
  demoUrl: string;
  images: string[];
  access: string;
}

/** The two documents of a submission, so both always agree on access, rank, status and author. */
export function showcaseDocs<Time>(
  input: ShowcaseInput,
  author: { uid: string; name: string },
  rank: number,
  times: { submittedAt: Time; updatedAt: Time },
): { teaser: ShowcaseProject<Time>; links: ShowcaseLinks } {
  return {
    teaser: {
      uid: author.uid,
      authorName: author.name,
      title: input.title,
      summary: input.summary,
      images: [...input.images],
      access: input.access,
      rank,
      status: 'pending',
      reason: null,
      submittedAt: times.submittedAt,
      updatedAt: times.updatedAt,
      approvedAt: null,
    },
    links: {
      uid: author.uid,
      access: input.access,
      rank,
      status: 'pending',
      repoUrl: input.repoUrl,
      demoUrl: input.demoUrl,
    },
  };
}

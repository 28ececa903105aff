// The seam between the web's server entry (web/src/entry-server.ts) and the `ssr` function: what a
// public page may be rendered from. The server reads with admin rights, so "public teaser fields only"
// is enforced here, by a list of fields, not by the rules.
import type { CatalogFilters } from './catalog';
import type { PublicPoll } from './public-polls';
import type { SyllabusModule, VideoSpec } from './courses';
import type { MaterialFile, MaterialTeaser } from './materials';
import type { EventListQuery, PublicEvent } from './public-events';
import type { CourseListQuery, PublicCourse, PublicCoursePage } from './public-courses';

import type { PublicCertificate } from './public-certificates';
import type { PublicShowcasePage, PublicShowcaseProject } from './public-showcase';
import type { PublicIssue, PublicIssuePage } from './newsletter-archive';
import type { TiersConfig } from './tiers';

export const SITE_NAME = 'Commons';
export const SITE_DESCRIPTION = 'Tutorials, worked examples and downloads for data engineers, by plan.';

/** The teaser fields a public page shows; everything else (search keys, future fields) stays out. */
export const PUBLIC_TEASER_FIELDS = [
  'kind',
  'title',
  'summary',
  'tags',
  'access',
  'rank',
  'status',
  'author',
  'readingMinutes',
  'publishedAt',
  'updatedAt',
  // Recordings: public because the page's chapter list and its VideoObject's Clips show them.
  'eventId',
  'durationSeconds',
  'chapters',
  // Links: the source always; the URL only on a public link's teaser (a gated one's is in the body alone).
  'source',
  'url',
] as const satisfies readonly (keyof MaterialTeaser)[];

/** A published teaser as public pages carry it, with its id; times are milliseconds on the wire. */
export type PublicTeaser<Time = number> = Pick<MaterialTeaser<Time>, (typeof PUBLIC_TEASER_FIELDS)[number]> & {
  id: string;
};

/** Only the public fields of a stored teaser, times converted by `time` (a copy: the input is untouched). */
export function publicTeaser<In, Out>(
  id: string,
  data: MaterialTeaser<In>,
  time: (value: In) => Out,
): PublicTeaser<Out> {
  // Fields a teaser does not have (a recording's, on an article) stay absent rather than undefined.
  const picked = Object.fromEntries(
    PUBLIC_TEASER_FIELDS.filter((f) => data[f] !== undefined).map((f) => [f, data[f]]),
  ) as PublicTeaser<In>;
  // A link's URL is public only on a public link (the rules refuse it on a gated teaser; this holds regardless).
  if (data.rank !== 0) delete picked.url;
  return {
    ...picked,
    id,
    tags: [...data.tags],
    ...(data.chapters ? { chapters: data.chapters.map((c) => ({ at: c.at, label: c.label })) } : {}),
    publishedAt: data.publishedAt === null ? null : time(data.publishedAt),
    updatedAt: time(data.updatedAt),
  };
}

/**
 * The body of a material anyone may read (access `public`, published), as its page shows it: the HTML
 * functions rendered and sanitized at save time, and the files. Rendering it on the server puts the
 * article's text in the first paint instead of after a read.
 */
export interface PublicBody {
  html: string;
  files: MaterialFile[];
}

/** What the server may read for a public page: published teasers, public bodies and the plans, nothing per reader. */
export interface PublicReader {
  /** Up to `limit` published teasers for these filters, newest first. */
  catalog(filters: CatalogFilters, limit: number): Promise<PublicTeaser[]>;
  /** A published material's teaser; null when it does not exist or is a draft. */
  material(id: string): Promise<PublicTeaser | null>;
  /**
   * The body of a published material whose access is `public` (rank 0) with HTML rendered from its current
   * markdown; null for any other (a gated body is never read, so it cannot be rendered by mistake).
   */
  publicBody(id: string): Promise<PublicBody | null>;
  tiers(): Promise<TiersConfig>;
  /** Events: published or cancelled teasers (public fields only, no description), a page of them at `now` (ms). */
  events(query: EventListQuery, now: number, limit: number): Promise<PublicEvent[]>;
  /** A published or cancelled event with its description; null for a draft or no such event. */
  event(id: string): Promise<PublicEvent | null>;
  /** Courses: published teasers (public fields only: titles, never a unit body, homework or key), by title. */
  courses(query: CourseListQuery): Promise<PublicCourse[]>;
  /** A published course with its published cohorts; null for an archived course or no such course. */
  course(slug: string): Promise<PublicCoursePage | null>;

  /** A certificate by its id (revoked ones too: the page says so); null for anything that is not one. */
  certificate(id: string): Promise<PublicCertificate | null>;

  /** A published course's preview unit (its access is `public`); null for any other unit. */
  previewUnit(courseId: string, unitId: string): Promise<PublicPreviewUnit | null>;

  /** Approved showcase projects (public fields only), newest approval first. */
  showcase(limit: number): Promise<PublicShowcaseProject[]>;
  /** An approved project, with its links only when its access is `public`; null for any other. */
  showcaseProject(id: string): Promise<PublicShowcasePage | null>;
  /** Polls: open and closed ones (public fields only, never a ballot or proposal), latest closing date first. */
  polls(): Promise<PublicPoll[]>;
  /** An open or closed poll; null for a draft or no such poll. */
  poll(id: string): Promise<PublicPoll | null>;
  // Find things (issue 15): related materials and the newsletter archive.
  /** Up to RELATED_COUNT published materials sharing tags with this one (`pickRelated`); public teaser fields only. */
  related(material: Pick<PublicTeaser, 'id' | 'tags'>): Promise<PublicTeaser[]>;
  /** Archived (sent) newsletter issues, newest first: teasers only. */
  newsletters(limit: number): Promise<PublicIssue[]>;
  /** An archived issue with the HTML of its public sections only (a gated section is never read); null if none. */
  newsletter(id: string): Promise<PublicIssuePage | null>;
}

/**
 * A course's preview unit (access `public`) of a published course, as its page shows it to anyone: the HTML the
 * sync rendered and sanitized, the video, and the course's syllabus for the sidebar. Gated units never appear.
 */
export interface PublicPreviewUnit {
  courseId: string;
  unitId: string;
  course: { title: string; access: string; rank: number; syllabus: SyllabusModule[] };
  title: string;
  html: string;
  video: VideoSpec | null;
  attachments: { title: string; path: string; size: number }[];
}

export interface RenderRequest {
  /** Path and query, e.g. `/materials/intro?x=1`. */
  url: string;
  /** The canonical origin (APP_URL's first entry), for canonical and Open Graph URLs. */
  origin: string;
  reader: PublicReader;
}

export interface RenderedPage {
  status: number;
  /** The whole document. */
  html: string;
}

/** The server bundle's export (`functions/ssr/entry-server.cjs`, built by `npm run build -w web`). */
export type RenderPage = (request: RenderRequest) => Promise<RenderedPage>;

/** The id of the `<script type="application/json">` holding the state the page was rendered from. */
export const SSR_STATE_ID = 'ssr-state';

/**
 * Public pages and feeds: browsers keep them a minute, the CDN five minutes, and may serve a stale copy
 * for a day while fetching a fresh one. A publish shows within `s-maxage` (5 minutes) without a purge.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';

/** JSON for an inline `<script>`: `<` escaped, so no `</script>` or `<!--` can end or change the element. */
export const inlineJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

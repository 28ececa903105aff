// The site search's documents (`/search-index.json`, the `/search` page): titles, summaries and tags of everything a
// visitor may see, built on the server from the PublicReader, so only public teaser fields can enter it (never a
// body, a description, a gated document). `access` and `rank` ride along, so the results show their locks.
// A new kind of content is one more `SearchSource` in SEARCH_SOURCES.
import type { PublicReader, PublicTeaser } from './public-pages';
import type { PublicEvent } from './public-events';
import type { PublicCourse } from './public-courses';
import { ARCHIVE_LIMIT, type PublicIssue } from './newsletter-archive';
import type { PublicPoll } from './public-polls';
import type { PublicShowcaseProject } from './public-showcase';
import { EMPTY_FILTERS } from './catalog';

/** One searchable thing, as the index file carries it. */
export interface SearchDoc {
  /** `kind:id`, unique across kinds. */
  id: string;
  /** What it is, for the result's badge: "Tutorial", "Event", "Course", "Newsletter". */
  kind: string;
  title: string;
  summary: string;
  tags: string[];
  access: string;
  rank: number;
  /** The page's path, e.g. `/materials/intro`. */
  url: string;
}

/** The fields the index is built of, and their order in a document; the file carries nothing else. */
export const SEARCH_DOC_FIELDS = ['id', 'kind', 'title', 'summary', 'tags', 'access', 'rank', 'url'] as const;

/** Materials in the index (newest first): enough for a community's catalog; the file stays around 1 MB at most. */
export const SEARCH_MATERIALS = 2_000;
const SEARCH_EVENTS = 500;
const SEARCH_SHOWCASE = 500;

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const path = (section: string, id: string) => `/${section}/${encodeURIComponent(id)}`;

/** A search document with exactly the index's fields (a copy: nothing else of `doc` passes). */
export function searchDoc(doc: SearchDoc): SearchDoc {
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary,
    tags: [...doc.tags],
    access: doc.access,
    rank: doc.rank,
    url: doc.url,
  };
}

export const materialSearchDoc = (m: PublicTeaser): SearchDoc =>
  searchDoc({ ...m, id: `material:${m.id}`, kind: capitalized(m.kind), url: path('materials', m.id) });

export const eventSearchDoc = (e: PublicEvent): SearchDoc =>
  searchDoc({ ...e, id: `event:${e.id}`, kind: 'Event', tags: [], url: path('events', e.id) });

export const courseSearchDoc = (c: PublicCourse): SearchDoc =>
  searchDoc({
    ...c,
    id: `course:${c.id}`,
    kind: c.kind === 'mini' ? 'Mini-course' : 'Course',
    tags: [],
    url: path('courses', c.id),
  });

/** An archived newsletter: its subject and preview are public whatever its sections' plans. */
export const issueSearchDoc = (i: PublicIssue): SearchDoc =>
  searchDoc({
    id: `newsletter:${i.id}`,
    kind: 'Newsletter',
    title: i.subject,
    summary: i.preview,
    tags: [],
    access: 'public',
    rank: 0,
    url: path('newsletters', i.id),
  });

/** A poll (open or closed): its question and description are its public teaser. */
export const pollSearchDoc = (p: PublicPoll): SearchDoc =>
  searchDoc({
    id: `poll:${p.id}`,
    kind: 'Poll',
    title: p.question,
    summary: p.description,
    tags: [],
    access: p.access,
    rank: p.rank,
    url: path('polls', p.id),
  });

/** An approved showcase project (its links stay on its page, behind its access level). */
export const projectSearchDoc = (p: PublicShowcaseProject): SearchDoc =>
  searchDoc({ ...p, id: `showcase:${p.id}`, kind: 'Project', tags: [], url: path('showcase', p.id) });

/** Where search documents come from: one small function per kind, reading public teasers only. */
export type SearchSource = (reader: PublicReader, now: number) => Promise<SearchDoc[]>;

export const SEARCH_SOURCES: SearchSource[] = [
  async (reader) => (await reader.catalog(EMPTY_FILTERS, SEARCH_MATERIALS)).map(materialSearchDoc),
  async (reader, now) => {
    const [upcoming, past] = await Promise.all([
      reader.events({ when: 'upcoming', access: '' }, now, SEARCH_EVENTS),
      reader.events({ when: 'past', access: '' }, now, SEARCH_EVENTS),
    ]);
    return [...upcoming, ...past].filter((e) => e.status === 'published').map(eventSearchDoc);
  },
  async (reader) => (await reader.courses({ kind: '' })).map(courseSearchDoc),
  async (reader) => (await reader.newsletters(ARCHIVE_LIMIT)).map(issueSearchDoc),
  async (reader) => (await reader.polls()).map(pollSearchDoc),
  async (reader) => (await reader.showcase(SEARCH_SHOWCASE)).map(projectSearchDoc),
];

/** Every search document, from every source. */
export async function searchDocs(reader: PublicReader, now: number, sources = SEARCH_SOURCES): Promise<SearchDoc[]> {
  return (await Promise.all(sources.map((source) => source(reader, now)))).flat();
}

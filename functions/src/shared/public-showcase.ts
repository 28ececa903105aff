// Showcase projects on public pages (`/showcase`, `/showcase/{id}`, the sitemap): which fields the `ssr` function
// may render. The server reads with admin rights, so this list, not the rules, keeps the rest out: the author's
// uid, a rejection's reason, and the gated links of a project whose access is not `public`.
import type { ShowcaseLinks, ShowcaseProject } from './showcase';

/** The teaser fields a card and a project page show. */
export const PUBLIC_SHOWCASE_FIELDS = [
  'title',
  'summary',
  'images',
  'authorName',
  'access',
  'rank',
  'approvedAt',
  'updatedAt',
] as const satisfies readonly (keyof ShowcaseProject)[];

/** An approved project as public pages carry it, with its id; times are milliseconds on the wire. */
export type PublicShowcaseProject<Time = number> = Pick<
  ShowcaseProject<Time>,
  Exclude<(typeof PUBLIC_SHOWCASE_FIELDS)[number], 'approvedAt'>
> & { id: string; approvedAt: Time };

/** A project page: the teaser, and its URLs only when anyone may see them (access `public`). */
export interface PublicShowcasePage<Time = number> {
  project: PublicShowcaseProject<Time>;
  links: Pick<ShowcaseLinks, 'repoUrl' | 'demoUrl'> | null;
}

/** Only the public fields of an approved project (a copy), times converted by `time`. */
export function publicShowcaseProject<In, Out>(
  id: string,
  data: ShowcaseProject<In>,
  time: (value: In) => Out,
): PublicShowcaseProject<Out> {
  return {
    id,
    title: data.title,
    summary: data.summary,
    images: [...data.images],
    authorName: data.authorName,
    access: data.access,
    rank: data.rank,
    approvedAt: time((data.approvedAt ?? data.updatedAt) as In),
    updatedAt: time(data.updatedAt),
  };
}

/** The URLs of a public project's links document, nothing else of it. */
export const publicShowcaseLinks = (links: ShowcaseLinks): PublicShowcasePage['links'] => ({
  repoUrl: links.repoUrl,
  demoUrl: links.demoUrl,
});

// The heads of the showcase pages (apart from public-heads.ts, as the courses' are, so the catalog's first route
// does not carry them): a project is `SoftwareSourceCode` (its repository only when public), the listing an
// `ItemList`. The curated links' head (`linksHead`) is in public-heads.ts, beside the catalog's.
import type { PublicShowcasePage, PublicShowcaseProject } from '@shared/public-showcase';
import type { PageHead } from './page-head';

export const showcasePath = (id: string) => `/showcase/${encodeURIComponent(id)}`;

/** A project page: its first image as the link preview; the repository and demo only when anyone may see them. */
export function showcaseProjectHead(origin: string, page: PublicShowcasePage): PageHead {
  const { project, links } = page;
  const url = `${origin}${showcasePath(project.id)}`;
  return {
    title: project.title,
    description: project.summary,
    path: showcasePath(project.id),
    type: 'article',
    ...(project.images[0] ? { image: project.images[0] } : {}),
    jsonLd: {
      '@type': 'SoftwareSourceCode',
      name: project.title,
      description: project.summary,
      url,
      author: { '@type': 'Person', name: project.authorName },
      datePublished: new Date(project.approvedAt).toISOString(),
      dateModified: new Date(project.updatedAt).toISOString(),
      ...(project.images.length ? { image: project.images } : {}),
      ...(links?.repoUrl ? { codeRepository: links.repoUrl } : {}),
      ...(links?.demoUrl ? { sameAs: links.demoUrl } : {}),
      isAccessibleForFree: project.rank === 0,
    },
  };
}

/** The showcase listing: the approved projects in the page's order. */
export function showcaseHead(origin: string, projects: PublicShowcaseProject[]): PageHead {
  return {
    title: 'Showcase',
    description: 'Projects built by members of the community.',
    path: '/showcase',
    jsonLd: {
      '@type': 'ItemList',
      name: 'Showcase',
      itemListElement: projects.map((p, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        url: `${origin}${showcasePath(p.id)}`,
        name: p.title,
      })),
    },
  };
}

// The newsletter archive on the web (`/newsletters`, `/newsletters/:id`), like Ghost's: every sent issue as a public
// teaser (subject, preview, date, which plan each section is for) and one gated document per section, holding its
// HTML with the section's `access` and `rank`, so the rules decide who reads it (the teaser + gated pattern).
// Written by functions only, when an issue is sent (`archiveNewsletter`).
import type { NewsletterDoc } from './newsletters';
import { EVERYONE } from './newsletters';
import { rankOf, tierById, type TiersConfig } from './tiers';

export const NEWSLETTER_ARCHIVE = 'newsletterArchive';
export const ARCHIVE_SECTIONS = 'sections';
/** Issues the archive page lists (newest first) and the sitemap names. */
export const ARCHIVE_LIMIT = 100;
/** The rank of a section whose level no longer exists: nobody reaches it (sectionsFor says "locked" too). */
export const UNREACHABLE_RANK = 1_000_000;

/** Which section an archived issue has and for whom; its text is in `sections/{id}`. */
export interface ArchivedSectionRef {
  id: string;
  access: string;
  rank: number;
}

/** `newsletterArchive/{id}` (same id as `newsletters/{id}`): the public teaser of a sent issue. */
export interface ArchivedIssue<Time = unknown> {
  subject: string;
  /** The preheader, the issue's summary. */
  preview: string;
  /** Who it was sent to: `everyone` or a tier id (and above). */
  audience: string;
  sentAt: Time;
  sections: ArchivedSectionRef[];
}

/** `newsletterArchive/{id}/sections/{sNN}`: one section's HTML (rendered and sanitized by functions), gated by rank. */
export interface ArchivedSection {
  access: string;
  rank: number;
  position: number;
  html: string;
}

export const archiveSectionId = (position: number) => `s${String(position).padStart(2, '0')}`;

/** The archive's documents for a sent issue; `renderHtml` is the site's markdown renderer and sanitizer. */
export function archiveDocs<Time>(
  issue: Pick<NewsletterDoc, 'subject' | 'preview' | 'audience' | 'sections'>,
  tiers: TiersConfig,
  sentAt: Time,
  renderHtml: (markdown: string) => string,
): { teaser: ArchivedIssue<Time>; sections: Record<string, ArchivedSection> } {
  const sections: Record<string, ArchivedSection> = {};
  const refs = issue.sections.map((s, position) => {
    const id = archiveSectionId(position);
    const rank = rankOf(tiers, s.access) ?? UNREACHABLE_RANK;
    sections[id] = { access: s.access, rank, position, html: renderHtml(s.markdown) };
    return { id, access: s.access, rank };
  });
  return {
    teaser: { subject: issue.subject, preview: issue.preview, audience: issue.audience, sentAt, sections: refs },
    sections,
  };
}

/** An archived issue as public pages carry it: its id, times in milliseconds, nothing but the teaser's fields. */
export interface PublicIssue {
  id: string;
  subject: string;
  preview: string;
  audience: string;
  sentAt: number;
  sections: ArchivedSectionRef[];
}

/** An issue's page for a visitor: the teaser and the HTML of its public sections (rank 0) by section id. */
export interface PublicIssuePage {
  issue: PublicIssue;
  html: Record<string, string>;
}

/** Only the teaser's fields of a stored archive document (a copy, field by field). */
export function publicIssue<In>(id: string, data: ArchivedIssue<In>, time: (value: In) => number): PublicIssue {
  return {
    id,
    subject: data.subject,
    preview: data.preview,
    audience: data.audience,
    sentAt: time(data.sentAt),
    sections: data.sections.map((s) => ({ id: s.id, access: s.access, rank: s.rank })),
  };
}

/** "Sent to everyone" / "Sent to Main members and up". */
export function audienceLabel(tiers: TiersConfig, audience: string): string {
  if (audience === EVERYONE) return 'Sent to every member';
  const tier = tierById(tiers, audience);
  return tier ? `Sent to ${tier.name} members and up` : 'Sent to members';
}

import { sectionsFor } from '../domain/newsletter';
import type { NewsletterSection } from '../shared/newsletters';
import type { TiersConfig } from '../shared/tiers';
import { escapeHtml } from '../shared/html';
import { renderMarkdownHtml } from '../app/markdown-html';
import { buttonBlock, postalAddressLine, renderEmail } from '../mail/email-html';

export interface NewsletterLinks {
  appUrl: string;
  /** Where the member manages email preferences. */
  preferencesUrl: string;
  material: { title: string; url: string } | null;
  /** The community's postal address for the footer (`Settings.postalAddress`). */
  postalAddress?: string;
}

export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
}

/** Stands in for each recipient's own unsubscribe URL; rendering once per rank, not per member. */
export const UNSUBSCRIBE_PLACEHOLDER = '%%UNSUBSCRIBE_URL%%';

/**
 * The issue as a reader of `rank` receives it: open sections rendered with the site's sanitizer, an
 * upgrade prompt in place of each section above the reader's plan (its text never enters the email).
 * The text part is the same HTML as plain text (html-to-text), never the markdown source.
 */
export function renderNewsletter(
  issue: { subject: string; preview: string; sections: NewsletterSection[] },
  rank: number,
  tiers: TiersConfig,
  links: NewsletterLinks,
): RenderedIssue {
  const html: string[] = [`<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(issue.subject)}</h1>`];
  for (const view of sectionsFor(issue.sections, rank, tiers)) {
    if (view.kind === 'open') {
      html.push(renderMarkdownHtml(view.markdown));
      continue;
    }
    const name = view.tier?.name ?? 'a higher plan';
    const url = `${links.appUrl}/pricing${view.tier ? `?plan=${encodeURIComponent(view.tier.id)}` : ''}`;
    html.push(
      `<div style="border:1px dashed #9aa3b5;border-radius:8px;padding:16px;margin:20px 0;background:#f7f8fb">` +
        `<p style="margin:0 0 8px"><strong>This part is for ${escapeHtml(name)} members.</strong></p>` +
        `<p style="margin:0"><a class="action" href="${escapeHtml(url)}">Upgrade to ${escapeHtml(name)} to read it</a></p></div>`,
    );
  }
  if (links.material) html.push(buttonBlock(`Read “${links.material.title}”`, links.material.url));
  const footer = [
    'You receive this because you are a member of Commons with newsletters on.',
    `<a class="action" href="${escapeHtml(links.preferencesUrl)}">Email preferences</a>`,
    `<a class="action" href="${UNSUBSCRIBE_PLACEHOLDER}">Unsubscribe</a>`,
    ...postalAddressLine(links.postalAddress),
  ];
  return {
    subject: issue.subject,
    ...renderEmail({ title: issue.subject, preview: issue.preview, blocks: html, footer }),
  };
}

/** One recipient's copy: their unsubscribe link in the body and the RFC 8058 one-click headers. */
export function personalize(issue: RenderedIssue, unsubscribeUrl: string) {
  const fill = (s: string, url: string) => s.split(UNSUBSCRIBE_PLACEHOLDER).join(url);
  return {
    subject: issue.subject,
    html: fill(issue.html, escapeHtml(unsubscribeUrl)),
    text: fill(issue.text, unsubscribeUrl),
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

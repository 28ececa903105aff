import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import { renderMarkdownHtml } from '../app/markdown-html';
import { readTiers } from '../app/tiers-config';
import { ARCHIVE_SECTIONS, archiveDocs, NEWSLETTER_ARCHIVE } from '../shared/newsletter-archive';
import { NEWSLETTERS, type NewsletterDoc } from '../shared/newsletters';

/**
 * Writes a sent issue into the web archive: the public teaser `newsletterArchive/{id}` and one gated document per
 * section with its HTML (rendered and sanitized here, as emails are). Nothing for an issue that is not `sent`.
 * Idempotent: the same issue writes the same documents, so a retried trigger or the seed changes nothing.
 */
export async function archiveNewsletter(deps: { db: Firestore }, id: string): Promise<boolean> {
  const issue = (await deps.db.collection(NEWSLETTERS).doc(id).get()).data() as NewsletterDoc<Timestamp> | undefined;
  if (issue?.status !== 'sent') return false;
  const tiers = await readTiers(deps.db);
  const { teaser, sections } = archiveDocs(issue, tiers, issue.finishedAt ?? issue.updatedAt, renderMarkdownHtml);
  const ref = deps.db.collection(NEWSLETTER_ARCHIVE).doc(id);
  const batch = deps.db.batch();
  batch.set(ref, teaser);
  for (const [sectionId, section] of Object.entries(sections))
    batch.set(ref.collection(ARCHIVE_SECTIONS).doc(sectionId), section);
  await batch.commit();
  return true;
}

/** Archives every sent issue (`npm run admin -- archive-newsletters`): issues sent before the archive existed. */
export async function archiveSentNewsletters(deps: { db: Firestore }): Promise<number> {
  const sent = await deps.db.collection(NEWSLETTERS).where('status', '==', 'sent').select().get();
  for (const doc of sent.docs) await archiveNewsletter(deps, doc.id);
  return sent.size;
}

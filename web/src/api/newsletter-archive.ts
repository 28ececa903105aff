// The newsletter archive when the server did not render it (a navigation inside the app): archived issues' teasers
// and public sections (Firestore lite, public reads), and a member's sections live through the rules (full SDK).
import type { Timestamp } from 'firebase/firestore/lite';
import {
  ARCHIVE_LIMIT,
  ARCHIVE_SECTIONS,
  NEWSLETTER_ARCHIVE,
  publicIssue,
  type ArchivedIssue,
  type ArchivedSection,
  type PublicIssue,
  type PublicIssuePage,
} from '@shared/newsletter-archive';
import { PUBLIC_RANK } from '@shared/tiers';
import { liveDoc } from '@/composables/live-sources';
import { firestoreLite } from '@/lib/firebase';

const ms = (t: Timestamp) => t.toMillis();

/** Sent issues, newest first. */
export async function readIssues(): Promise<PublicIssue[]> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDocs(
    sdk.query(sdk.collection(db, NEWSLETTER_ARCHIVE), sdk.orderBy('sentAt', 'desc'), sdk.limit(ARCHIVE_LIMIT)),
  );
  return snap.docs.map((d) => publicIssue(d.id, d.data() as ArchivedIssue<Timestamp>, ms));
}

/** An archived issue with its public sections' HTML, as the server renders it; null when there is none. */
export async function readIssuePage(id: string): Promise<PublicIssuePage | null> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, NEWSLETTER_ARCHIVE, id));
  if (!snap.exists()) return null;
  const issue = publicIssue(id, snap.data() as ArchivedIssue<Timestamp>, ms);
  const html: Record<string, string> = {};
  for (const s of issue.sections.filter((s) => s.rank === PUBLIC_RANK)) {
    const section = (await sdk.getDoc(sdk.doc(db, NEWSLETTER_ARCHIVE, id, ARCHIVE_SECTIONS, s.id))).data() as
      ArchivedSection | undefined;
    if (section) html[s.id] = section.html;
  }
  return { issue, html };
}

/** A section the reader's plan reaches (the rules check it), followed live. */
export const sectionSource = (issueId: string, sectionId: string) =>
  liveDoc(
    (sdk, fdb) => sdk.doc(fdb, NEWSLETTER_ARCHIVE, issueId, ARCHIVE_SECTIONS, sectionId),
    (_id, data) => data as ArchivedSection,
  );

// Newsletters in /admin: admins read `newsletters` directly (the rules allow admin get/list); every
// write goes through the callables, which validate with the same schema and own status and stats.
import type { QueryDocumentSnapshot } from 'firebase/firestore';
import { MEMBERS } from '@shared/members';
import { NEWSLETTERS, type NewsletterInput } from '@shared/newsletters';
import { pageOf, type PageSource } from '@/composables/usePagedQuery';
import { callFunction } from '@/lib/firebase';
import { fullFirestore, liveDoc } from '@/composables/live-sources';
import { newsletterView, type NewsletterView } from '@/lib/newsletter-form';

/** Newsletters, newest first, `pageSize` at a time. */
export function newsletterPages(pageSize = 50): PageSource<NewsletterView, QueryDocumentSnapshot> {
  return async (after) => {
    const [{ collection, getDocs, limit, orderBy, query, startAfter }, db] = await fullFirestore();
    const constraints = [orderBy('createdAt', 'desc'), ...(after ? [startAfter(after)] : []), limit(pageSize + 1)];
    const snap = await getDocs(query(collection(db, NEWSLETTERS), ...constraints));
    return pageOf(snap.docs, pageSize, (d) => newsletterView(d.id, d.data()));
  };
}

/** `newsletters/{id}` live (status and progress move while it sends). */
export const liveNewsletter = (id: string) => liveDoc((sdk, db) => sdk.doc(db, NEWSLETTERS, id), newsletterView);

/** Creates (no id) or updates a draft; returns its id. */
export async function saveNewsletter(id: string | null, newsletter: NewsletterInput): Promise<string> {
  return (await callFunction('saveNewsletter', id ? { id, newsletter } : { newsletter })).id;
}

/** `at`: an ISO time with offset in the future, or null for now. */
export const sendNewsletter = (id: string, at: string | null) => callFunction('sendNewsletter', { id, at });

/** Sends the rendered issue to the calling admin, as the highest tier; returns the address. */
export const sendNewsletterTest = (id: string) => callFunction('sendNewsletterTest', { id });

/** Scheduled -> draft. */
export const cancelNewsletter = (id: string) => callFunction('cancelNewsletter', { id });

/**
 * How many members an issue for an audience of `minRank` would go to now: newsletters on, at or above that rank
 * (the sender's own query, newsletter-sender.ts), counted by a count aggregation (one read per 1,000 members).
 */
export async function countRecipients(minRank: number): Promise<number> {
  const [{ collection, getCountFromServer, query, where }, db] = await fullFirestore();
  const members = query(
    collection(db, MEMBERS),
    where('emailPrefs.newsletter', '==', true),
    where('rank', '>=', minRank),
  );
  return (await getCountFromServer(members)).data().count;
}

import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { QueryDocumentSnapshot } from 'firebase/firestore';
import { NEWSLETTER_CALLABLES, NEWSLETTERS, type NewsletterInput, type NewsletterStatus } from '@shared/newsletters';
import { callFunction, errorMessage, liveFirestore } from '@/lib/firebase';
import { newsletterView, type NewsletterView } from '@/lib/newsletter-form';

/** The full Firestore SDK (listeners), loaded with the admin pages that use it, never by the catalog. */
const firestore = () => Promise.all([import('firebase/firestore'), liveFirestore()]);

export interface SendResult {
  id: string;
  status: NewsletterStatus;
  scheduledAt: string | null;
}

/**
 * Newsletters in /admin: admins read `newsletters` directly (the rules allow admin get/list); every write
 * goes through the callables, which validate with the same schema and own status and stats.
 */
export const useNewslettersStore = defineStore('newsletters', () => {
  /** The newsletter open in the composer, kept current by a snapshot listener (status, progress). */
  const current = shallowRef<NewsletterView | null>(null);
  /** Why the listener stopped, if it did. */
  const listenError = ref('');
  let currentId: string | null = null;
  /** Bumped by every open/close, so a listener started for an earlier open is never kept. */
  let generation = 0;
  let opening: Promise<NewsletterView | null> | null = null;
  let stopListening: (() => void) | undefined;

  async function list(after?: QueryDocumentSnapshot, pageSize = 50) {
    const [{ collection, getDocs, limit, orderBy, query, startAfter }, db] = await firestore();
    const constraints = [orderBy('createdAt', 'desc'), ...(after ? [startAfter(after)] : []), limit(pageSize)];
    const snap = await getDocs(query(collection(db, NEWSLETTERS), ...constraints));
    return {
      rows: snap.docs.map((d) => newsletterView(d.id, d.data())),
      last: snap.docs[snap.docs.length - 1],
      more: snap.docs.length === pageSize,
    };
  }

  /** Starts following `newsletters/{id}`; resolves with its first snapshot (null when it does not exist). */
  function open(id: string): Promise<NewsletterView | null> {
    if (id === currentId && opening) return opening;
    close();
    currentId = id;
    const mine = ++generation;
    opening = firestore().then(
      ([{ doc, onSnapshot }, db]) =>
        new Promise<NewsletterView | null>((resolve, reject) => {
          if (mine !== generation) return resolve(null); // closed while the SDK loaded
          let first = true;
          stopListening = onSnapshot(
            doc(db, NEWSLETTERS, id),
            (snap) => {
              const data = snap.data();
              const view = data ? newsletterView(id, data) : null;
              if (mine === generation) current.value = view;
              if (first) resolve(view);
              first = false;
            },
            (err) => {
              if (mine === generation) listenError.value = `Live updates stopped: ${errorMessage(err)}`;
              if (first) reject(err);
              first = false;
            },
          );
        }),
    );
    return opening;
  }

  /** Stops the listener (leaving the composer). */
  function close() {
    stopListening?.();
    stopListening = undefined;
    generation++;
    currentId = null;
    opening = null;
    current.value = null;
    listenError.value = '';
  }

  /** Creates (no id) or updates a draft; returns its id. */
  async function save(id: string | null, newsletter: NewsletterInput): Promise<string> {
    const req = id ? { id, newsletter } : { newsletter };
    return (await callFunction<typeof req, { id: string }>(NEWSLETTER_CALLABLES.save, req)).id;
  }

  /** `at`: an ISO time with offset in the future, or null for now. */
  const send = (id: string, at: string | null) =>
    callFunction<{ id: string; at: string | null }, SendResult>(NEWSLETTER_CALLABLES.send, { id, at });

  /** Sends the rendered issue to the calling admin, as the highest tier; returns the address. */
  const sendTest = (id: string) => callFunction<{ id: string }, { to: string }>(NEWSLETTER_CALLABLES.test, { id });

  /** Scheduled -> draft. */
  const cancel = (id: string) => callFunction<{ id: string }, { id: string }>(NEWSLETTER_CALLABLES.cancel, { id });

  return { current, listenError, list, open, close, save, send, sendTest, cancel };
});

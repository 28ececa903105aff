import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import {
  ANNOUNCEMENT_CALLABLES,
  ANNOUNCEMENTS,
  announcementView,
  type AnnouncementView,
  type ChannelState,
} from '@/lib/announcements';
import { callFunction, errorMessage, liveFirestore } from '@/lib/firebase';

/** The full Firestore SDK (listeners), loaded with the admin pages that use it, never by the catalog. */
const firestore = () => Promise.all([import('firebase/firestore'), liveFirestore()]);

/**
 * Announcements of materials to Slack and Telegram: admins follow `announcements` live (delivery state
 * per channel); announcing and retrying go through callables.
 */
export const useAnnouncementsStore = defineStore('announcements', () => {
  const rows = shallowRef<AnnouncementView[]>([]);
  /** True until the first snapshot (or an error). */
  const loading = ref(false);
  const error = ref('');
  let stopListening: (() => void) | undefined;
  /** Bumped by every follow/unfollow, so a listener started for an earlier visit is never kept. */
  let generation = 0;

  /** Follows the latest announcements, newest first. */
  async function follow(pageSize = 50) {
    unfollow();
    const mine = generation;
    loading.value = true;
    try {
      const [{ collection, limit, onSnapshot, orderBy, query }, db] = await firestore();
      if (mine !== generation) return; // left the page while the SDK loaded
      stopListening = onSnapshot(
        query(collection(db, ANNOUNCEMENTS), orderBy('createdAt', 'desc'), limit(pageSize)),
        (snap) => {
          if (mine !== generation) return;
          rows.value = snap.docs.map((d) => announcementView(d.id, d.data()));
          error.value = '';
          loading.value = false;
        },
        (err) => {
          if (mine !== generation) return;
          error.value = `Live updates stopped: ${errorMessage(err)}`;
          loading.value = false;
        },
      );
    } catch (err) {
      if (mine !== generation) return;
      error.value = errorMessage(err);
      loading.value = false;
    }
  }

  function unfollow() {
    stopListening?.();
    stopListening = undefined;
    generation++;
    loading.value = false;
  }

  /** Queues the teaser of a published material for every configured channel. */
  const announce = (materialId: string) =>
    callFunction<{ materialId: string }, { id: string }>(ANNOUNCEMENT_CALLABLES.announce, { materialId });

  /** Puts the failed channels back in the queue and tries them at once (the list follows the outcome). */
  const retry = (id: string) =>
    callFunction<{ id: string }, { id: string; channels: Record<string, ChannelState> | { retrying: 'pending' } }>(
      ANNOUNCEMENT_CALLABLES.retry,
      { id },
    );

  return { rows, loading, error, follow, unfollow, announce, retry };
});

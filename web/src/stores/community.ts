import { defineStore } from 'pinia';
import { doc, getDoc } from 'firebase/firestore/lite';
import { CONFIG } from '@shared/members';
import {
  COMMUNITY,
  COMMUNITY_DOC,
  COMPLETE_SEAT,
  communityConfigOf,
  SEATED_STATES,
  seatRow,
  sortSeats,
  type CommunityConfig,
  type CommunityState,
  type PendingState,
  type SeatRow,
} from '@/lib/community';
import { callFunction, db, liveFirestore } from '@/lib/firebase';

/** The full Firestore SDK, loaded with the admin page that uses it (never by the catalog). */
const firestore = () => Promise.all([import('firebase/firestore'), liveFirestore()]);

/**
 * The community: `config/community` (members of its plan and up read the invite links; admins edit it)
 * and `community/{uid}` seats (admins read; "Mark done" goes through `completeCommunitySeat`).
 */
export const useCommunityStore = defineStore('community', () => {
  /**
   * `config/community` with Firestore lite (already loaded). Rejects with permission-denied when the
   * reader's plan is below the community's: the caller shows the upsell, not an error. Null when unset.
   */
  async function readConfig(): Promise<CommunityConfig | null> {
    const snap = await getDoc(doc(db, CONFIG, COMMUNITY_DOC));
    return snap.exists() ? communityConfigOf(snap.data()) : null;
  }

  /** Admins write the whole document (the rules check its keys and that `rank` matches `config/tiers`). */
  async function saveConfig(config: CommunityConfig): Promise<void> {
    const [{ doc: ref, setDoc }, live] = await firestore();
    const { access, rank, slackInviteUrl, telegramInviteUrl } = config;
    await setDoc(ref(live, CONFIG, COMMUNITY_DOC), { access, rank, slackInviteUrl, telegramInviteUrl });
  }

  /**
   * Seats waiting for an admin, longest waiting first. Sorted here rather than by the query, so that
   * an equality filter alone needs no composite index; `more` says the page was full.
   */
  async function listPending(state: PendingState, pageSize = 100): Promise<{ rows: SeatRow[]; more: boolean }> {
    const [{ collection, getDocs, limit, query, where }, live] = await firestore();
    const snap = await getDocs(query(collection(live, COMMUNITY), where('state', '==', state), limit(pageSize)));
    return { rows: sortSeats(snap.docs.map((d) => seatRow(d.id, d.data()))), more: snap.size === pageSize };
  }

  /** Everyone holding a seat (one aggregation query, no seat downloaded). */
  async function countSeated(): Promise<number> {
    const [{ collection, getCountFromServer, query, where }, live] = await firestore();
    const snap = await getCountFromServer(query(collection(live, COMMUNITY), where('state', 'in', SEATED_STATES)));
    return snap.data().count;
  }

  /** The admin carried out the pending deactivation or reactivation in Slack. */
  const completeSeat = (uid: string) =>
    callFunction<{ uid: string }, { uid: string; state: CommunityState }>(COMPLETE_SEAT, { uid });

  return { readConfig, saveConfig, listPending, countSeated, completeSeat };
});

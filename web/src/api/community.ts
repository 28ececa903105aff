// The community's documents: the public level `config/community` and the gated links under it (see
// @shared/community), and `community/{uid}` seats (admins read; "Mark done" goes through a callable).
import {
  COMMUNITY,
  COMMUNITY_DOC,
  COMMUNITY_GATED,
  COMMUNITY_LINKS_DOC,
  type CommunityLevel,
  type CommunityLinks,
  type PendingSeatState,
} from '@shared/community';
import { CONFIG } from '@shared/members';
import { communityLevelOf, communityLinksOf, SEATED_STATES, seatRow, sortSeats, type SeatRow } from '@/lib/community';
import { callFunction, firestoreLite } from '@/lib/firebase';
import { fullFirestore } from '@/composables/live-sources';

const LINKS_PATH = [CONFIG, COMMUNITY_DOC, COMMUNITY_GATED, COMMUNITY_LINKS_DOC] as const;

/** `config/community` (everyone may read it, with Firestore lite); null when unset. */
export async function readCommunityLevel(): Promise<CommunityLevel | null> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, CONFIG, COMMUNITY_DOC));
  return communityLevelOf(snap.data());
}

/**
 * `config/community/gated/links`. Rejects with permission-denied below the community's rank (callers
 * ask only when the reader is entitled); null when unset.
 */
export async function readCommunityLinks(): Promise<CommunityLinks | null> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDoc(sdk.doc(db, ...LINKS_PATH));
  return communityLinksOf(snap.data());
}

/** Both documents in one batch, so the level and who may read the links never disagree. */
export async function saveCommunity({ level, links }: { level: CommunityLevel; links: CommunityLinks }) {
  const [{ doc: ref, writeBatch }, live] = await fullFirestore();
  const batch = writeBatch(live);
  batch.set(ref(live, CONFIG, COMMUNITY_DOC), level);
  batch.set(ref(live, ...LINKS_PATH), links);
  await batch.commit();
}

/**
 * Seats waiting for an admin, longest waiting first. Sorted here rather than by the query, so that an
 * equality filter alone needs no composite index; `more` says the page was full.
 */
export async function pendingSeats(
  state: PendingSeatState,
  pageSize = 100,
): Promise<{ rows: SeatRow[]; more: boolean }> {
  const [{ collection, getDocs, limit, query, where }, live] = await fullFirestore();
  const snap = await getDocs(query(collection(live, COMMUNITY), where('state', '==', state), limit(pageSize)));
  return { rows: sortSeats(snap.docs.map((d) => seatRow(d.id, d.data()))), more: snap.size === pageSize };
}

/** Everyone holding a seat (one aggregation query, no seat downloaded). */
export async function countSeated(): Promise<number> {
  const [{ collection, getCountFromServer, query, where }, live] = await fullFirestore();
  const snap = await getCountFromServer(query(collection(live, COMMUNITY), where('state', 'in', SEATED_STATES)));
  return snap.data().count;
}

/** The admin carried out the pending deactivation or reactivation in Slack. */
export const completeSeat = (uid: string) => callFunction('completeCommunitySeat', { uid });

import type { Firestore } from 'firebase-admin/firestore';
import { memberSearchKeys, MEMBER_SEARCH_FIELD } from '../shared/member-search';
import { MEMBERS } from '../shared/members';

/**
 * Makes `members/{uid}.searchKeys` agree with the member's address and name as they are now (in a
 * transaction, so a later rename is never overwritten by an older one). Writes nothing when they agree,
 * so its own write ends the chain. Returns whether it wrote.
 */
export async function indexMemberSearch(db: Firestore, uid: string): Promise<boolean> {
  const ref = db.collection(MEMBERS).doc(uid);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return false;
    const keys = memberSearchKeys(String(snap.get('email') ?? ''), String(snap.get('name') ?? ''));
    const stored = snap.get(MEMBER_SEARCH_FIELD) as unknown;
    if (Array.isArray(stored) && stored.length === keys.length && stored.every((k, i) => k === keys[i])) return false;
    tx.update(ref, { [MEMBER_SEARCH_FIELD]: keys });
    return true;
  });
}

import type { Firestore } from 'firebase-admin/firestore';
import { isStaleClaims } from '../domain/claims';
import { MEMBERS } from '../shared/members';

/**
 * Whether a callable must refuse this ID token (`isStaleClaims`): issued before the member's last
 * downgrade (as the rules' `currentToken()`) and claiming more than the member holds now. An old token
 * that claims no more still works, so a call right after a downgrade fails only where claims matter.
 */
export async function isStaleToken(db: Firestore, uid: string, token: Record<string, unknown>): Promise<boolean> {
  return isStaleClaims(token, (await db.collection(MEMBERS).doc(uid).get()).data());
}

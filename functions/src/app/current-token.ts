import type { Firestore } from 'firebase-admin/firestore';
import { MEMBERS } from '../shared/members';

/**
 * Whether an ID token issued at `iat` (Unix seconds) is still current: issued after the member's last
 * downgrade (`members/{uid}.tokensValidAfter`, stamped in members/member-store.ts). The same check as
 * `currentToken()` in firestore.rules, for the functions that trust a token's claims.
 */
export async function isCurrentToken(db: Firestore, uid: string, iat: unknown): Promise<boolean> {
  const validAfter = (await db.collection(MEMBERS).doc(uid).get()).get('tokensValidAfter') as unknown;
  return typeof validAfter !== 'number' || (typeof iat === 'number' && iat > validAfter);
}

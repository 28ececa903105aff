import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { addressHash } from '../domain/account-deletion';
import { ACCOUNT_DELETIONS } from '../shared/account-deletion';

/**
 * Whether this address belonged to an account its member deleted and has no account now: paths that make
 * accounts on someone else's word (a Luma guest import) must not bring them back. A person who signs up
 * again themselves has an account, so this is false for them.
 */
export async function deletedAndGone(deps: { db: Firestore; auth: Auth }, email: string): Promise<boolean> {
  const deleted = await deps.db
    .collection(ACCOUNT_DELETIONS)
    .where('emailHash', '==', addressHash(email))
    .limit(1)
    .get();
  if (deleted.empty) return false;
  return deps.auth.getUserByEmail(email).then(
    () => false,
    (err: { code?: string }) => {
      if (err.code === 'auth/user-not-found') return true;
      throw err;
    },
  );
}

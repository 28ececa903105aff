import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { isStaleToken } from './current-token';

/**
 * Who calls an admin-only HTTP function, from `Authorization: Bearer <Firebase ID token>`: 401 without a
 * valid token, or with one minted before a downgrade that still claims more (`isStaleToken`, the
 * callables' rule); 403 for a member who is not an admin; else the admin's uid.
 */
export async function adminOfRequest(
  deps: { auth: Auth; db: Firestore },
  authorization: string | undefined,
): Promise<{ status: 401 | 403; error: string } | { uid: string }> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token) return { status: 401, error: 'Sign in: send your ID token as Authorization: Bearer' };
  const decoded = await deps.auth.verifyIdToken(token).catch((err: unknown) => {
    logger.warn('ID token refused', { error: String(err) });
    return null;
  });
  if (!decoded) return { status: 401, error: 'Your sign-in has expired: sign in again' };
  if (await isStaleToken(deps.db, decoded.uid, decoded)) {
    return { status: 401, error: 'Your access changed since you signed in: reload the page' };
  }
  if (decoded.admin !== true) return { status: 403, error: 'Only admins can export' };
  return { uid: decoded.uid };
}

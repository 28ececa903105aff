import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, Timestamp, type DocumentData, type DocumentReference } from 'firebase-admin/firestore';

/** One Admin SDK app per process; entry points and scripts share it. */
export function adminApp() {
  return getApps()[0] ?? initializeApp();
}

export const db = () => getFirestore(adminApp());
export const auth = () => getAuth(adminApp());

/** gRPC status Firestore answers a create() with when the document is already there. */
const ALREADY_EXISTS = 6;

export function isAlreadyExists(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === ALREADY_EXISTS;
}

/** create() that leaves an existing document as it is (a retry, an import); true when it created it. */
export async function createIfAbsent(ref: DocumentReference, data: DocumentData): Promise<boolean> {
  try {
    await ref.create(data);
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}

/** A stored time as a Date (Firestore answers Timestamps; tests may write Dates). */
export const dateOf = (value: unknown): Date => (value instanceof Timestamp ? value.toDate() : (value as Date));

import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';

/** One Admin SDK app per process; entry points and scripts share it. */
export function adminApp() {
  return getApps()[0] ?? initializeApp();
}

export const db = () => getFirestore(adminApp());
export const auth = () => getAuth(adminApp());

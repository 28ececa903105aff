// Firestore listeners as sources for composables/useLive. The full SDK (listeners) loads on the first
// listener, never with the catalog's first page, which reads with Firestore lite only.
import type { DocumentData, DocumentReference, Firestore, Query } from 'firebase/firestore';
import { liveFirestore } from '@/lib/firebase';
import type { Source } from './useLive';

type Sdk = typeof import('firebase/firestore');
/** The full Firestore SDK and the app's instance, loaded once. */
export const fullFirestore = (): Promise<[Sdk, Firestore]> =>
  Promise.all([import('firebase/firestore'), liveFirestore()]);

/** Follows one document; `null` while it does not exist. */
export function liveDoc<T>(
  ref: (sdk: Sdk, db: Firestore) => DocumentReference,
  map: (id: string, data: DocumentData) => T,
): Source<T | null> {
  return async (next, fail) => {
    const [sdk, db] = await fullFirestore();
    return sdk.onSnapshot(
      ref(sdk, db),
      (snap) => {
        const data = snap.data();
        next(data ? map(snap.id, data) : null);
      },
      fail,
    );
  };
}

/** Follows a query's documents, in its order. */
export function liveQuery<T>(
  query: (sdk: Sdk, db: Firestore) => Query,
  map: (id: string, data: DocumentData) => T,
): Source<T[]> {
  return async (next, fail) => {
    const [sdk, db] = await fullFirestore();
    return sdk.onSnapshot(query(sdk, db), (snap) => next(snap.docs.map((d) => map(d.id, d.data()))), fail);
  };
}

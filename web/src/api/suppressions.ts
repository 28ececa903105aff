// The suppression list for admins: entries that are suppressed, followed live (written by the bounce
// webhook, admin-readable), and lifting one through the callable (the rules let no client write).
import { SUPPRESSIONS } from '@shared/suppressions';
import { liveQuery } from '@/composables/live-sources';
import { callFunction } from '@/lib/firebase';
import { suppressionRow } from '@/lib/suppressions';

/** Suppressed addresses, most recent first, live. */
export const liveSuppressions = (max = 200) =>
  liveQuery(
    ({ collection, limit, orderBy, query, where }, db) =>
      query(collection(db, SUPPRESSIONS), where('suppressed', '==', true), orderBy('suppressedAt', 'desc'), limit(max)),
    suppressionRow,
  );

/** Mail may go to the address again (the live list drops it). */
export const liftSuppression = (id: string) => callFunction('liftSuppression', { id });

import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import type { LumaApi } from '../adapters/luma';
import { memberForEmail } from '../members/member-store';
import { deletedAndGone } from '../members/deleted-accounts';
import { EVENTS, REGISTRATIONS } from '../shared/events';
import { registerGuest } from './registration-store';

/**
 * Luma guests become members and registrations: people who find a public event on the community's Luma
 * calendar are members here too. For each approved guest without a registration yet, `memberForEmail` (the
 * one path that makes accounts from functions, also used by visitor signup) finds or creates the member on
 * the lowest tier, with the address unverified (Luma, not us, saw it: the verification mail goes out as for
 * any unverified member, and mail from the outbox waits for it), and `registerGuest` (the registration
 * store's, same seats and counters as the site) writes the registration with source `luma`.
 */

export interface LumaImportDeps {
  db: Firestore;
  auth: Auth;
  now: () => Date;
  luma: LumaApi;
}

/** Guests Luma counts as coming; pending, invited, declined and Luma's own waitlist are not imported. */
const IMPORTED_STATUSES = new Set(['approved']);

/** Imports the approved guests of one mirrored event; returns how many registrations it wrote. */
export async function importLumaGuests(deps: LumaImportDeps, eventId: string, lumaEventId: string): Promise<number> {
  const guests = await deps.luma.listGuests(lumaEventId);
  const registered = await deps.db.collection(EVENTS).doc(eventId).collection(REGISTRATIONS).select('email').get();
  const known = new Set(registered.docs.map((d) => String(d.get('email') ?? '').toLowerCase()));
  let imported = 0;
  for (const guest of guests) {
    const email = guest.email.trim().toLowerCase();
    if (!IMPORTED_STATUSES.has(guest.approvalStatus) || known.has(email)) continue;
    known.add(email);
    try {
      // A member who deleted their account stays deleted, though Luma still lists them as a guest.
      if (await deletedAndGone(deps, email)) {
        logger.info(`Luma guest ${guest.id} of event ${eventId} not imported: the account was deleted`);
        continue;
      }
      const uid = await memberForEmail(deps, { email, name: guest.name.slice(0, 80), emailVerified: false });
      const outcome = await registerGuest(deps, eventId, { uid, email, name: guest.name.slice(0, 80) }, 'luma');
      if (outcome === 'registered' || outcome === 'waitlisted') imported++;
      if (outcome === 'closed') break;
    } catch (err) {
      logger.warn(`Luma guest ${guest.id} of event ${eventId} not imported`, { error: String(err) });
    }
  }
  return imported;
}

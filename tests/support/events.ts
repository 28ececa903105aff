// Registrations written straight to the emulators with the Admin SDK (the registration callables are the
// events area's); events themselves: writeEvent in ./factories.
import type { Firestore } from 'firebase-admin/firestore';
import type { Registration, RegistrationStatus } from '../../functions/src/shared/events';

/** Writes a member's registration as the registration callables do (status, source web). */
export async function writeRegistration(
  db: Firestore,
  eventId: string,
  member: { uid: string; email: string },
  status: RegistrationStatus = 'registered',
  createdAt = new Date(),
): Promise<void> {
  const registration: Registration<Date> = {
    uid: member.uid,
    email: member.email,
    name: member.email.split('@')[0] ?? member.email,
    status,
    source: 'web',
    createdAt,
  };
  await db.doc(`events/${eventId}/registrations/${member.uid}`).set(registration);
}

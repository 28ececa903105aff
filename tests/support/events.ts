// Events written straight to the emulators with the Admin SDK (the event callables are the events area's);
// built on the pure `eventFixture` of functions/src/testing/factories.ts.
import type { Firestore } from 'firebase-admin/firestore';
import type { Registration, RegistrationStatus } from '../../functions/src/shared/events';
import { eventFixture } from '../../functions/src/testing/factories';

const HOUR = 3_600_000;

/** Writes `events/{id}` (see eventFixture) starting `hoursAhead` from now, and returns its id. */
export async function writeEventFixture(
  db: Firestore,
  access: string,
  over: Parameters<typeof eventFixture>[1] & { hoursAhead?: number } = {},
): Promise<string> {
  const { hoursAhead = 72, ...rest } = over;
  const startAt = rest.startAt ?? new Date(Date.now() + hoursAhead * HOUR);
  const { id, teaser } = eventFixture(access, {
    ...rest,
    startAt,
    endAt: rest.endAt ?? new Date(startAt.getTime() + HOUR),
  });
  await db.doc(`events/${id}`).set(teaser);
  return id;
}

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

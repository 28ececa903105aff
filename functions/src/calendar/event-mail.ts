import { logger } from 'firebase-functions';
import { FieldPath, type DocumentSnapshot, type Firestore, type Timestamp } from 'firebase-admin/firestore';
import type { Settings } from '../app/settings';
import { queueMail, type QueuedMail } from '../mail/queue-mail';
import { mailWanted, notificationPrefsOf } from '../shared/notifications';
import type { EventMailData } from '../mail/mail-templates';
import {
  EVENT_CHANGES,
  EVENTS,
  REGISTRATIONS,
  type EventChange,
  type EventTeaser,
  type Registration,
} from '../shared/events';
import { MAIL, type MailAttachment } from '../shared/mail';
import { MEMBERS, type MemberDoc } from '../shared/members';
import { appHost, icsEventOf } from './calendar-feed';
import { eventWhen } from './event-time';
import { calendarIcs, parseMailbox, type IcsMethod } from './ics';

// Event mails through the outbox: the registration confirmation (with the invitation), the waitlist
// notice, "you're in" when promoted, the update on a reschedule and the cancellation, each keyed by the
// change it announces so a retried trigger queues nothing twice. Confirmation, waitlist and promotion
// answer the member's own request and always go out; updates, cancellations and reminders go only to
// members who keep event emails on (`emailPrefs.events`). The outbox skips unverified addresses.

export interface EventMailDeps {
  db: Firestore;
  now: () => Date;
  settings: Pick<Settings, 'appUrl' | 'from'>;
}

type StoredTeaser = EventTeaser<Timestamp>;
type StoredRegistration = Registration<Timestamp>;
type Member = MemberDoc<Timestamp>;

/** Registrations read per page when a change or a reminder goes to everyone registered. */
const PAGE = 300;

export function eventMailData(deps: EventMailDeps, id: string, teaser: StoredTeaser): EventMailData {
  const event = icsEventOf(id, teaser, deps.settings.appUrl);
  return { title: event.title, when: eventWhen(event.startAt, event.endAt, event.timeZone), pageUrl: event.pageUrl };
}

/** The event's `.ics` as an invitation to one member (REQUEST) or its withdrawal (CANCEL). */
export function invitation(
  deps: EventMailDeps,
  id: string,
  teaser: StoredTeaser,
  method: Exclude<IcsMethod, 'PUBLISH'>,
  attendee: { name: string; email: string },
): MailAttachment {
  const organizer = parseMailbox(deps.settings.from);
  const content = calendarIcs([icsEventOf(id, teaser, deps.settings.appUrl)], {
    method,
    host: appHost(deps.settings.appUrl),
    stamp: deps.now(),
    attendee,
    ...(organizer ? { organizer } : {}),
  });
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  };
}

const millis = (t: Timestamp | null | undefined) => (t && typeof t.toMillis === 'function' ? t.toMillis() : 0);
// The member's event channel (notifications preferences, falling back to the older `emailPrefs.events`).
const emailPrefsOn = (member: Member) => mailWanted(notificationPrefsOf(member), 'event');

type RegistrationTemplate = 'event-registered' | 'event-waitlisted' | 'event-promoted';

/** Which mail a registration's write calls for, if any. */
export function registrationMail(
  before: Pick<Registration, 'status'> | undefined,
  after: Pick<Registration, 'status' | 'source'> | undefined,
): RegistrationTemplate | null {
  if (!after) return null;
  if (!before) {
    // Guests imported from Luma got Luma's confirmation and calendar entry already.
    if (after.source === 'luma') return null;
    return after.status === 'registered' ? 'event-registered' : 'event-waitlisted';
  }
  return before.status === 'waitlisted' && after.status === 'registered' ? 'event-promoted' : null;
}

/**
 * The mail for a registration that was created or changed: queued in a transaction with the event as it
 * is now, under a key of the registration (its creation time, so registering again later mails again).
 */
export async function mailRegistrationChange(
  deps: EventMailDeps,
  eventId: string,
  uid: string,
  before: StoredRegistration | undefined,
  after: StoredRegistration | undefined,
): Promise<string | null> {
  const template = registrationMail(before, after);
  if (!template || !after) return null;
  const key = `${template}-${eventId}-${uid}-${millis(after.createdAt)}`;
  const eventRef = deps.db.collection(EVENTS).doc(eventId);
  const registrationRef = eventRef.collection(REGISTRATIONS).doc(uid);
  return deps.db.runTransaction(async (tx) => {
    const [mail, event, registration, member] = await tx.getAll(
      deps.db.collection(MAIL).doc(key),
      eventRef,
      registrationRef,
      deps.db.collection(MEMBERS).doc(uid),
    );
    if (mail!.exists) return null;
    const teaser = event!.data() as StoredTeaser | undefined;
    const current = registration!.data() as StoredRegistration | undefined;
    // Withdrawn or moved on since this write, or the event is gone or not open: nothing to announce.
    if (!teaser || teaser.status !== 'published' || !current || current.status !== after.status) {
      logger.info(`event mail ${key}: skipped, the registration or event changed since`);
      return null;
    }
    if (teaser.endAt.toMillis() <= deps.now().getTime()) return null;
    const to = (member!.data() as Member | undefined)?.email ?? after.email;
    const data = eventMailData(deps, eventId, teaser);
    const attachments =
      template === 'event-waitlisted'
        ? []
        : [invitation(deps, eventId, teaser, 'REQUEST', { name: after.name || to, email: to })];
    queueMail(deps.db, tx, { key, to, uid, template, data, attachments }, deps.now());
    return key;
  });
}

/**
 * Queues one mail per registration of the event that `pick` chooses (in pages, only the mails not queued
 * yet, so a run that died halfway resumes where it stopped). Members with event emails off are skipped.
 */
export async function queueForRegistrations(
  deps: EventMailDeps,
  eventId: string,
  pick: (registration: StoredRegistration & { uid: string }, member: Member) => QueuedMail | null,
): Promise<number> {
  const registrations = deps.db.collection(EVENTS).doc(eventId).collection(REGISTRATIONS);
  let queued = 0;
  let last: DocumentSnapshot | undefined;
  for (;;) {
    let page = registrations.orderBy(FieldPath.documentId()).limit(PAGE);
    if (last) page = page.startAfter(last);
    const snap = await page.get();
    if (snap.empty) break;
    last = snap.docs[snap.docs.length - 1];
    const members = await deps.db.getAll(...snap.docs.map((d) => deps.db.collection(MEMBERS).doc(d.id)));
    const mails = snap.docs
      .map((d, i) => {
        const member = members[i]!.data() as Member | undefined;
        if (!member || !emailPrefsOn(member)) return null;
        return pick({ ...(d.data() as StoredRegistration), uid: d.id }, member);
      })
      .filter((m): m is QueuedMail => m !== null);
    if (mails.length > 0) {
      const existing = await deps.db.getAll(...mails.map((m) => deps.db.collection(MAIL).doc(m.key)));
      const batch = deps.db.batch();
      let count = 0;
      mails.forEach((mail, i) => {
        if (existing[i]!.exists) return;
        queueMail(deps.db, batch, mail, deps.now());
        count++;
      });
      // A concurrent run that queued one of these first fails this batch: the trigger's retry skips it.
      if (count > 0) await batch.commit();
      queued += count;
    }
    if (snap.size < PAGE) break;
  }
  return queued;
}

/**
 * Mails registrants about a change of the event (`events/{id}/changes/{sequence}`): the new time with
 * the updated invitation (same UID, higher SEQUENCE) on a reschedule, the cancellation (METHOD:CANCEL for
 * those who had the invitation) when the admin chose to notify. The files describe the event as it is now.
 */
export async function mailEventChange(deps: EventMailDeps, eventId: string, changeId: string): Promise<number> {
  const eventRef = deps.db.collection(EVENTS).doc(eventId);
  const [changeSnap, eventSnap] = await deps.db.getAll(eventRef.collection(EVENT_CHANGES).doc(changeId), eventRef);
  const change = changeSnap!.data() as EventChange<Timestamp> | undefined;
  const teaser = eventSnap!.data() as StoredTeaser | undefined;
  if (!change || !teaser) {
    logger.info(`event change ${eventId}/${changeId}: the change or the event is gone`);
    return 0;
  }
  const data = eventMailData(deps, eventId, teaser);
  const attendee = (r: StoredRegistration, m: Member) => ({ name: r.name || m.email, email: m.email });
  if (change.kind === 'rescheduled') {
    // Cancelled since: the cancellation mail says it all. Already over: nobody needs the new time.
    if (teaser.status !== 'published' || teaser.endAt.toMillis() <= deps.now().getTime()) return 0;
    return queueForRegistrations(deps, eventId, (r, m) =>
      r.status !== 'registered'
        ? null
        : {
            key: `event-update-${eventId}-${changeId}-${r.uid}`,
            to: m.email,
            uid: r.uid,
            template: 'event-rescheduled',
            data,
            attachments: [invitation(deps, eventId, teaser, 'REQUEST', attendee(r, m))],
          },
    );
  }
  if (change.kind === 'cancelled' && change.notify) {
    return queueForRegistrations(deps, eventId, (r, m) => {
      const invite = r.status === 'registered';
      return {
        key: `event-cancelled-${eventId}-${changeId}-${r.uid}`,
        to: m.email,
        uid: r.uid,
        template: 'event-cancelled',
        data: { ...data, invite },
        attachments: invite
          ? [invitation(deps, eventId, { ...teaser, status: 'cancelled' }, 'CANCEL', attendee(r, m))]
          : [],
      };
    });
  }
  return 0;
}

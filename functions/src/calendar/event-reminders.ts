import { logger } from 'firebase-functions';
import { Timestamp } from 'firebase-admin/firestore';
import { EVENTS, type EventTeaser } from '../shared/events';
import { EVENT_REMINDERS, type EventReminderLead } from '../shared/event-reminders';
import { eventMailData, queueForRegistrations, type EventMailDeps } from './event-mail';

// Reminders 24 hours and 1 hour before an event, to its registered members who keep event emails on.
// The job (schedules/jobs.ts) looks at published events starting within the next 24 hours: before the
// last hour it is the 24 h reminder's turn, in the last hour the 1 h one's. Each mail's key names event,
// reminder and member, so a run that dies halfway resumes and nobody gets one twice; once every member is
// queued, `eventReminders/{eventId}_{lead}` records it and later runs skip the event.

const HOUR = 3_600_000;
export const REMINDER_LEADS: Record<EventReminderLead, number> = { '24h': 24 * HOUR, '1h': HOUR };
/** Events looked at per run (soonest first); more wait for the next run. */
const MAX_EVENTS = 100;

type StoredTeaser = EventTeaser<Timestamp>;

/** Which reminder is due for an event starting at `startAt`, at `now`; null outside the 24 hours before. */
export function dueReminder(startAt: number, now: number): EventReminderLead | null {
  if (now >= startAt || now < startAt - REMINDER_LEADS['24h']) return null;
  return now >= startAt - REMINDER_LEADS['1h'] ? '1h' : '24h';
}

export async function sendEventReminders(deps: EventMailDeps): Promise<{ events: number; queued: number }> {
  const now = deps.now().getTime();
  const upcoming = await deps.db
    .collection(EVENTS)
    .where('status', '==', 'published')
    .where('startAt', '>', Timestamp.fromMillis(now))
    .where('startAt', '<=', Timestamp.fromMillis(now + REMINDER_LEADS['24h']))
    .orderBy('startAt')
    .limit(MAX_EVENTS)
    .get();
  let queued = 0;
  let events = 0;
  for (const doc of upcoming.docs) {
    const teaser = doc.data() as StoredTeaser;
    const startAt = teaser.startAt.toMillis();
    const lead = dueReminder(startAt, now);
    if (!lead) continue;
    const marker = deps.db.collection(EVENT_REMINDERS).doc(`${doc.id}_${lead}`);
    if ((await marker.get()).exists) continue;
    const data = { ...eventMailData(deps, doc.id, teaser), lead };
    // The day-before reminder is for those registered by then; later registrants just had their confirmation.
    const registeredBy = lead === '24h' ? startAt - REMINDER_LEADS['24h'] : Infinity;
    try {
      const count = await queueForRegistrations(deps, doc.id, (r, member) =>
        r.status === 'registered' && (r.createdAt?.toMillis?.() ?? 0) <= registeredBy
          ? {
              key: `event-reminder-${doc.id}-${lead}-${r.uid}`,
              to: member.email,
              uid: r.uid,
              template: 'event-reminder',
              data,
            }
          : null,
      );
      await marker.set({ eventId: doc.id, lead, queued: count, at: Timestamp.fromMillis(now) });
      queued += count;
      events++;
    } catch (err) {
      // One event failing must not hold up the others; the next run resumes it (the keys skip what is queued).
      logger.warn(`event reminders ${doc.id} ${lead}: failed, the next run resumes`, err);
    }
  }
  return { events, queued };
}

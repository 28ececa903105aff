/**
 * `eventReminders/{eventId}_{lead}`: written by the reminder job once every registered member has the
 * reminder queued, so later runs skip the event. Functions only; no client access.
 */
export const EVENT_REMINDERS = 'eventReminders';
export const EVENT_REMINDER_LEADS = ['24h', '1h'] as const;
export type EventReminderLead = (typeof EVENT_REMINDER_LEADS)[number];

export interface EventReminderRecord<Time = unknown> {
  eventId: string;
  lead: EventReminderLead;
  /** Mails this run queued (earlier, interrupted runs may have queued others). */
  queued: number;
  at: Time;
}

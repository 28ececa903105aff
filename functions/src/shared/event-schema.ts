import { z } from 'zod';
import { docId, levelId } from './fields';
import { EVENT_KINDS, MAX_SERIES_OCCURRENCES, REPEAT_EVERY, DEFAULT_JOIN_WINDOW_MINUTES } from './events';

// Kept apart from events.ts so the public calendar bundle does not carry zod.

/** A wall-clock time without zone, as an <input type="datetime-local"> gives it: 2027-01-14T18:00. */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a date and time like 2027-01-14T18:00');

/** An IANA time zone the runtime knows (Europe/Berlin, UTC). */
export const timeZoneId = z
  .string()
  .min(1, 'Choose a time zone')
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');

/** What an admin submits from the event editor; ranks, instants, counters and sequence are derived. */
export const eventInputSchema = z.strictObject({
  title: z.string().trim().min(3, 'Title is too short').max(160),
  summary: z.string().trim().min(10, 'Write a teaser of at least 10 characters').max(600),
  description: z.string().max(50_000, 'The description is too long (50,000 characters at most)'),
  kind: z.enum(EVENT_KINDS),
  /** Drafts and published events are saved; cancelling goes through `cancelEvent`. */
  status: z.enum(['draft', 'published']),
  access: levelId('Choose who can join'),
  start: localDateTime,
  end: localDateTime,
  timeZone: timeZoneId,
  capacity: z.number().int().min(1).max(100_000).nullable(),
  joinWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(DEFAULT_JOIN_WINDOW_MINUTES),
  place: z.string().trim().max(200).nullable(),
  /** External link events: the https URL to join; Zoom events get theirs from Zoom. */
  joinUrl: z.string().trim().max(2000).nullable(),
  /** Markdown shown with the join link: room, address, instructions. */
  details: z.string().max(10_000),
});
export type EventInput = z.infer<typeof eventInputSchema>;
/** The editor's request: what `eventInputSchema` accepts (defaults may be omitted). */
export type EventDraft = z.input<typeof eventInputSchema>;

/** Only when creating: the same event again every week or month, each occurrence its own event. */
export const repeatSchema = z
  .strictObject({ every: z.enum(REPEAT_EVERY), count: z.number().int().min(2).max(MAX_SERIES_OCCURRENCES) })
  .nullable();

export const saveEventSchema = z.strictObject({
  id: docId.optional(),
  event: eventInputSchema,
  repeat: repeatSchema.optional(),
});
export const eventIdSchema = z.strictObject({ id: docId });
export const cancelEventSchema = z.strictObject({ id: docId, notify: z.boolean().default(true) });

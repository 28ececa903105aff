import { z } from 'zod';

/** Payload of `getCalendarFeed` and `rotateCalendarFeed`: nothing, the feed is always the caller's own. */
export const calendarFeedRequestSchema = z.object({}).strict();

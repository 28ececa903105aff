import { z } from 'zod';

// Request schemas of the announcement callables, apart from announcements.ts (no zod for readers).

/** Payload of `announce`: the published material to post. */
export const announceRequestSchema = z.object({ materialId: z.string().min(1).max(120) }).strict();
/** Payload of `retryAnnouncement`. */
export const retryAnnouncementRequestSchema = z.object({ id: z.string().min(1).max(160) }).strict();

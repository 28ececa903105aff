import { z } from 'zod';
import { docId } from './fields';

// Request schemas of the announcement callables, apart from announcements.ts (no zod for readers).

/** Payload of `announce`: the published material, or the published event, to post (exactly one). */
export const announceRequestSchema = z
  .object({ materialId: docId.optional(), eventId: docId.optional() })
  .strict()
  .refine((r) => (r.materialId === undefined) !== (r.eventId === undefined), {
    message: 'Give either materialId or eventId',
  });
/** Payload of `retryAnnouncement`. */
export const retryAnnouncementRequestSchema = z.object({ id: docId }).strict();

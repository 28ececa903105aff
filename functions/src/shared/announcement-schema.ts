import { z } from 'zod';
import { docId } from './fields';

// Request schemas of the announcement callables, apart from announcements.ts (no zod for readers).

/** Payload of `announce`: the published material to post. */
export const announceRequestSchema = z.object({ materialId: docId }).strict();
/** Payload of `retryAnnouncement`. */
export const retryAnnouncementRequestSchema = z.object({ id: docId }).strict();

import { z } from 'zod';
import { docId, mediaPath } from './fields';

/** Payload of `getMediaUrl`: a file of a material, by its storage path. */
export const mediaUrlRequestSchema = z.object({ materialId: docId, path: mediaPath }).strict();
export type MediaUrlRequest = z.infer<typeof mediaUrlRequestSchema>;

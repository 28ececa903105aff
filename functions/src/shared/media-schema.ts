import { z } from 'zod';

/** Payload of `getMediaUrl`: a file of a material, by its storage path. */
export const mediaUrlRequestSchema = z
  .object({ materialId: z.string().min(1).max(80), path: z.string().min(1).max(500) })
  .strict();
export type MediaUrlRequest = z.infer<typeof mediaUrlRequestSchema>;

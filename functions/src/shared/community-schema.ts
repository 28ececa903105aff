import { z } from 'zod';

// Request schema of the seat callable, apart from community.ts (no zod for the member's community card).

/** Payload of `completeCommunitySeat`: the member whose pending action an admin carried out. */
export const completeSeatRequestSchema = z.object({ uid: z.string().min(1).max(128) }).strict();

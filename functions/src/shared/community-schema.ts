import { z } from 'zod';
import { docId } from './fields';

// Request schema of the seat callable, apart from community.ts (no zod for the member's community card).

/** Payload of `completeCommunitySeat`: the member whose pending action an admin carried out. */
export const completeSeatRequestSchema = z.object({ uid: docId }).strict();

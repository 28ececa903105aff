import { z } from 'zod';
import { docId } from './fields';

/** Payload of `retryIngest`: the failed `recordingIngests` job to queue again. */
export const retryIngestRequestSchema = z.object({ id: docId }).strict();

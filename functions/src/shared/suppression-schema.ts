import { z } from 'zod';

// The suppression list's request schemas (apart from shared/suppressions.ts, so the admin list loads no zod).

/** A suppression id: 64 lower-case hex digits (the SHA-256 of the normalised address). */
export const suppressionIdSchema = z.string().regex(/^[a-f0-9]{64}$/, 'must be a suppression id (64 hex digits)');

/** `liftSuppression`: mail may go to the address again. */
export const liftSuppressionSchema = z.object({ id: suppressionIdSchema }).strict();

import { z } from 'zod';

/** Payload of `resendVerification`: nothing, the mail always goes to the caller's own address. */
export const resendVerificationRequestSchema = z.object({}).strict();

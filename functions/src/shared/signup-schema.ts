import { z } from 'zod';

/** Payload of `subscribeVisitor`, the email box on public pages. */
export const signupRequestSchema = z
  .object({ email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')) })
  .strict();

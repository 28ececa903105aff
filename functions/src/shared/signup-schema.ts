import { z } from 'zod';
import { emailAddress } from './fields';

/** Payload of `subscribeVisitor`, the email box on public pages. */
export const signupRequestSchema = z.object({ email: emailAddress('Enter a valid email address') }).strict();

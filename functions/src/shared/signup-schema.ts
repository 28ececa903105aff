import { z } from 'zod';
import { docId, emailAddress } from './fields';

/**
 * Payload of `subscribeVisitor`, the email box on public pages; `materialId` when the box is on a free
 * material's page (a lead magnet: the mail signs the visitor in and lands on it).
 */
export const signupRequestSchema = z
  .object({ email: emailAddress('Enter a valid email address'), materialId: docId.optional() })
  .strict();

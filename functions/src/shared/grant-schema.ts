import { z } from 'zod';
import { docId, emailAddress, levelId } from './fields';

/** Payload of the `grantComplimentary` callable and the admin CLI. */
export const grantRequestSchema = z
  .object({
    email: emailAddress('A valid email is required').optional(),
    uid: docId.optional(),
    tier: levelId('Choose a tier'),
    endsAt: z
      .union([z.iso.datetime({ offset: true }), z.iso.date()])
      .nullable()
      .default(null),
    note: z.string().trim().max(200).default(''),
  })
  .strict()
  .refine((v) => (v.email === undefined) !== (v.uid === undefined), {
    message: 'Give exactly one of email or uid',
  });

export type GrantRequest = z.infer<typeof grantRequestSchema>;

/** Payload of `revokeComplimentary`. */
export const revokeRequestSchema = z.object({ uid: docId }).strict();

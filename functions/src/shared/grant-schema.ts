import { z } from 'zod';

/** Payload of the `grantComplimentary` callable and the admin CLI. */
export const grantRequestSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email('A valid email is required')).optional(),
    uid: z.string().min(1).max(128).optional(),
    tier: z.string().min(1, 'Choose a tier'),
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
export const revokeRequestSchema = z.object({ uid: z.string().min(1).max(128) }).strict();

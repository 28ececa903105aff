import { z } from 'zod';
import type { TiersConfig } from '../shared/tiers';

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

export const revokeRequestSchema = z.object({ uid: z.string().min(1).max(128) }).strict();

/** Checks that need the tiers and the clock; returns the end date or throws a readable message. */
export function validateGrant(req: GrantRequest, tiers: TiersConfig, now: Date): { endsAt: Date | null } {
  if (!tiers.tiers[req.tier]) {
    throw new Error(`Unknown tier "${req.tier}". Known tiers: ${Object.keys(tiers.tiers).join(', ')}`);
  }
  if (req.endsAt === null) return { endsAt: null };
  // A bare date means "through the end of that day" in UTC.
  const endsAt = /^\d{4}-\d{2}-\d{2}$/.test(req.endsAt)
    ? new Date(`${req.endsAt}T23:59:59.999Z`)
    : new Date(req.endsAt);
  if (endsAt.getTime() <= now.getTime()) throw new Error('The end date must be in the future');
  return { endsAt };
}

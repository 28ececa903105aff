import type { GrantRequest } from '../shared/grant-schema';
import { tierById, type TiersConfig } from '../shared/tiers';
import { Refusal } from './refusal';

/** Checks that need the tiers and the clock; returns the end date or refuses with a readable message. */
export function validateGrant(req: GrantRequest, tiers: TiersConfig, now: Date): { endsAt: Date | null } {
  if (!tierById(tiers, req.tier)) {
    throw new Refusal(
      'invalid-argument',
      `Unknown tier "${req.tier}". Known tiers: ${Object.keys(tiers.tiers).join(', ')}`,
    );
  }
  if (req.endsAt === null) return { endsAt: null };
  // A bare date means "through the end of that day" in UTC.
  const endsAt = /^\d{4}-\d{2}-\d{2}$/.test(req.endsAt)
    ? new Date(`${req.endsAt}T23:59:59.999Z`)
    : new Date(req.endsAt);
  if (endsAt.getTime() <= now.getTime()) throw new Refusal('invalid-argument', 'The end date must be in the future');
  return { endsAt };
}

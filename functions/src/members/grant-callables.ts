import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { loadTiers } from '../app/tiers-config';
import { validateGrant } from '../domain/grants';
import { Refusal } from '../domain/refusal';
import { grantRequestSchema, revokeRequestSchema } from '../shared/grant-schema';
import { setGrant } from './member-store';

async function uidFor(req: { uid?: string | undefined; email?: string | undefined }): Promise<string> {
  if (req.uid) return req.uid;
  try {
    return (await deps().auth.getUserByEmail(req.email ?? '')).uid;
  } catch {
    throw new Refusal('not-found', `No member with the email ${req.email}`);
  }
}

/** Admin grants a complimentary tier, optionally until a date; the member's claims follow at once. */
export const grantComplimentary = callable(
  'grantComplimentary',
  { schema: grantRequestSchema, caller: 'admin' },
  async (input, { caller }) => {
    const app = deps();
    const { endsAt } = validateGrant(input, await loadTiers(app.db), app.now());
    const uid = await uidFor(input);
    const result = await setGrant(app, uid, {
      tier: input.tier,
      endsAt,
      grantedBy: caller.email ?? caller.uid,
      note: input.note,
    });
    return { uid, tier: result.tier, endsAt: endsAt?.toISOString() ?? null };
  },
);

export const revokeComplimentary = callable(
  'revokeComplimentary',
  { schema: revokeRequestSchema, caller: 'admin' },
  async ({ uid }) => {
    const result = await setGrant(deps(), uid, null);
    return { uid, tier: result.tier };
  },
);

import { HttpsError, onCall } from 'firebase-functions/v2/https';
import { auth, db } from '../app/firebase';
import { parseOrThrow, requireAdmin } from '../app/errors';
import { loadTiers } from '../app/tiers-config';
import { grantRequestSchema, revokeRequestSchema, validateGrant } from '../domain/grants';
import { setGrant, type MemberDeps } from './member-store';

const deps = (): MemberDeps => ({ db: db(), auth: auth(), now: () => new Date() });

async function uidFor(req: { uid?: string | undefined; email?: string | undefined }): Promise<string> {
  if (req.uid) return req.uid;
  try {
    return (await auth().getUserByEmail(req.email ?? '')).uid;
  } catch {
    throw new HttpsError('not-found', `No member with the email ${req.email}`);
  }
}

/** Admin grants a complimentary tier, optionally until a date; the member's claims follow at once. */
export const grantComplimentary = onCall(async (request) => {
  requireAdmin(request.auth);
  const input = parseOrThrow(grantRequestSchema, request.data);
  let endsAt: Date | null;
  try {
    ({ endsAt } = validateGrant(input, await loadTiers(db()), new Date()));
  } catch (err) {
    throw new HttpsError('invalid-argument', (err as Error).message);
  }
  const uid = await uidFor(input);
  const result = await setGrant(deps(), uid, {
    tier: input.tier,
    endsAt,
    grantedBy: request.auth?.token.email ?? request.auth?.uid ?? 'admin',
    note: input.note,
  });
  return { uid, tier: result.tier, endsAt: endsAt?.toISOString() ?? null };
});

export const revokeComplimentary = onCall(async (request) => {
  requireAdmin(request.auth);
  const { uid } = parseOrThrow(revokeRequestSchema, request.data);
  await auth()
    .getUser(uid)
    .catch(() => {
      throw new HttpsError('not-found', `No member with the uid ${uid}`);
    });
  const result = await setGrant(deps(), uid, null);
  return { uid, tier: result.tier };
});

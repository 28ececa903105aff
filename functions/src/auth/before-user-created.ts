import { beforeUserCreated } from 'firebase-functions/v2/identity';
import { logger } from 'firebase-functions/v2';
import { ADMIN_EMAILS } from '../app/config';
import { db } from '../app/firebase';
import { loadTiers } from '../app/tiers-config';
import { isBootstrapAdmin, mergeClaims } from '../domain/claims';
import { newMemberDoc } from '../members/member-store';
import { MEMBERS } from '../shared/members';
import { FREE_RANK, FREE_TIER } from '../shared/tiers';

/**
 * Every new account starts as a free member: claims in the first ID token, and `members/{uid}`.
 * Emails in ADMIN_EMAILS also get `admin: true`, which is how the first admin comes to exist.
 */
export const onUserCreate = beforeUserCreated(async (event) => {
  const user = event.data;
  if (!user) return;
  const tiers = await loadTiers(db());
  const rank = tiers.tiers[FREE_TIER]?.rank ?? FREE_RANK;
  const admin = isBootstrapAdmin(user.email, ADMIN_EMAILS.value());
  const doc = newMemberDoc({
    email: (user.email ?? '').toLowerCase(),
    name: user.displayName ?? '',
    tier: FREE_TIER,
    rank,
    admin,
  });
  // create() never overwrites a member written earlier (an import, a retried sign-up).
  await db()
    .collection(MEMBERS)
    .doc(user.uid)
    .create(doc)
    .catch((err: { code?: number }) => {
      if (err.code !== 6 /* ALREADY_EXISTS */) throw err;
      logger.info('member document already exists', { uid: user.uid });
    });
  return { customClaims: mergeClaims(user.customClaims, { tier: FREE_TIER, rank, admin: admin || undefined }) };
});

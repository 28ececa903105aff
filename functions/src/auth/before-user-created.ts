import { beforeUserCreated } from 'firebase-functions/v2/identity';
import { logger } from 'firebase-functions/v2';
import { deps } from '../app/deps';
import { createIfAbsent } from '../app/firebase';
import { loadTiers } from '../app/tiers-config';
import { isBootstrapAdmin, mergeClaims } from '../domain/claims';
import { newMemberDoc } from '../members/member-store';
import { MEMBERS } from '../shared/members';
import { lowestTier } from '../shared/tiers';

/**
 * Every new account starts on the lowest tier: claims in the first ID token, and `members/{uid}`.
 * Verified emails in ADMIN_EMAILS also get `admin: true`, which is how the first admin comes to exist.
 * Google and email-link accounts arrive verified; a password account is not (anyone may type any
 * address), so it becomes admin only once verified (`onUserSignIn`, `resendVerification`).
 */
export const onUserCreate = beforeUserCreated(async (event) => {
  const user = event.data;
  if (!user) return;
  const app = deps();
  const { id: tier, rank } = lowestTier(await loadTiers(app.db));
  const emailVerified = user.emailVerified === true;
  const admin = emailVerified && isBootstrapAdmin(user.email, app.settings.adminEmails);
  const doc = newMemberDoc({
    email: (user.email ?? '').toLowerCase(),
    name: user.displayName ?? '',
    tier,
    rank,
    admin,
    emailVerified,
  });
  // Never overwrites a member written earlier (an import, a retried sign-up).
  if (!(await createIfAbsent(app.db.collection(MEMBERS).doc(user.uid), doc))) {
    logger.info('member document already exists', { uid: user.uid });
  }
  return { customClaims: mergeClaims(user.customClaims, { tier, rank, admin: admin || undefined }) };
});

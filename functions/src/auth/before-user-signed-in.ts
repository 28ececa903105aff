import { beforeUserSignedIn } from 'firebase-functions/v2/identity';
import { deps } from '../app/deps';
import { recordEmailVerified } from '../members/member-store';

/**
 * Every sign-in: `members/{uid}.emailVerified` follows the account, and an ADMIN_EMAILS password
 * account that has verified its address since sign-up becomes admin in the token it is signing in for.
 */
export const onUserSignIn = beforeUserSignedIn(async (event) => {
  const user = event.data;
  if (!user) return;
  const app = deps();
  const claims = await recordEmailVerified(
    app,
    { uid: user.uid, email: user.email, emailVerified: user.emailVerified, customClaims: user.customClaims },
    app.settings.adminEmails,
  );
  return claims ? { customClaims: claims } : undefined;
});

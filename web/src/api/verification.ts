import { callFunction } from '@/lib/firebase';

/**
 * Another verification mail to the signed-in member (at most one every few minutes), or, once the
 * address is verified, the server catching the member document and claims up (`verified: true`).
 */
export const resendVerification = () => callFunction('resendVerification', {});

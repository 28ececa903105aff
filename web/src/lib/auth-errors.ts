/**
 * The one answer to a refused sign-in: a wrong password, an unknown address and a disabled account read
 * the same, so the sign-in form never tells whether an address is a member's.
 */
export const SIGN_IN_REFUSED = 'Wrong email or password.';

/** Firebase Auth error codes to sentences a member can act on. */
const MESSAGES: Record<string, string> = {
  'auth/invalid-credential': SIGN_IN_REFUSED,
  'auth/wrong-password': SIGN_IN_REFUSED,
  'auth/user-not-found': SIGN_IN_REFUSED,
  'auth/user-disabled': SIGN_IN_REFUSED,
  'auth/invalid-login-credentials': SIGN_IN_REFUSED,
  'auth/email-already-in-use': 'An account with that email exists already. Sign in instead.',
  'auth/weak-password': 'Choose a password of at least 6 characters.',
  'auth/invalid-email': 'That email address does not look right.',
  'auth/missing-password': 'Enter your password.',
  'auth/missing-email': 'Enter your email address.',
  'auth/expired-action-code': 'This link has expired. Ask for a new one.',
  'auth/popup-blocked': 'Your browser blocked the Google window. Allow pop-ups and try again.',
  'auth/operation-not-allowed': 'This way of signing in is not enabled for this community.',
  'auth/too-many-requests': 'Too many attempts. Wait a minute and try again.',
  'auth/popup-closed-by-user': 'The Google window was closed before signing in.',
  'auth/network-request-failed': 'Network error. Check your connection and try again.',
  'auth/invalid-action-code': 'This link is invalid or has already been used. Ask for a new one.',
  'auth/requires-recent-login': 'For your security, enter your password again.',
  'auth/user-token-expired': 'Your session has ended. Sign in again.',
};

export function authErrorMessage(err: unknown): string {
  const code = (err as { code?: string })?.code ?? '';
  return MESSAGES[code] ?? (err instanceof Error ? err.message.replace(/^Firebase: /, '') : 'Something went wrong.');
}

/**
 * Errors of a token refresh that mean the session is over and only signing in again helps: the refresh
 * token expired or was revoked, the account was disabled or deleted. A network failure is not one of
 * them (the SDK retries once the network is back).
 */
const SESSION_ENDED = new Set([
  'auth/user-token-expired',
  'auth/user-disabled',
  'auth/invalid-user-token',
  'auth/user-not-found',
]);

export function endsSession(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SESSION_ENDED.has(code);
}

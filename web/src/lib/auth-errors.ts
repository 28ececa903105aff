/** Firebase Auth error codes to sentences a member can act on. */
const MESSAGES: Record<string, string> = {
  'auth/invalid-credential': 'Wrong email or password.',
  'auth/wrong-password': 'Wrong email or password.',
  'auth/user-not-found': 'No account with that email. Create one below.',
  'auth/email-already-in-use': 'An account with that email exists already. Sign in instead.',
  'auth/weak-password': 'Choose a password of at least 6 characters.',
  'auth/invalid-email': 'That email address does not look right.',
  'auth/missing-password': 'Enter your password.',
  'auth/missing-email': 'Enter your email address.',
  'auth/user-disabled': 'This account is disabled. Contact the community admins.',
  'auth/expired-action-code': 'This sign-in link has expired. Ask for a new one.',
  'auth/popup-blocked': 'Your browser blocked the Google window. Allow pop-ups and try again.',
  'auth/operation-not-allowed': 'This way of signing in is not enabled for this community.',
  'auth/too-many-requests': 'Too many attempts. Wait a minute and try again.',
  'auth/popup-closed-by-user': 'The Google window was closed before signing in.',
  'auth/network-request-failed': 'Network error. Check your connection and try again.',
  'auth/invalid-action-code': 'This sign-in link is invalid or has already been used.',
};

export function authErrorMessage(err: unknown): string {
  const code = (err as { code?: string })?.code ?? '';
  return MESSAGES[code] ?? (err instanceof Error ? err.message.replace(/^Firebase: /, '') : 'Something went wrong.');
}

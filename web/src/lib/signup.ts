// The visitor signup box's pure half (kept tiny: the box is on the public catalog). Tested in signup.test.ts.

/** Where the confirmation link lands: `/subscribed?status=ok|invalid`. */
export type SubscribedStatus = 'ok' | 'invalid';
export const subscribedStatus = (value: unknown): SubscribedStatus => (value === 'ok' ? 'ok' : 'invalid');

const FIELD_PREFIX = /^[\w.]+: /;
/** The Functions SDK ends a callable's error message with the HTTP status: `… [400]`. */
const HTTP_STATUS = / \[\d{3}\]$/;
/** Bare error codes a callable gives for failures a person cannot act on (`internal`, `unavailable`, …). */
const BARE_CODE = /^[a-z]+(?:-[a-z]+)*$/;

/**
 * What to show for a failed signup: `email: Enter a valid email address` (validation names the field)
 * reads "Enter a valid email address"; a bare code or nothing reads as a generic retry hint.
 */
export function signupErrorText(message: string): string {
  const text = message
    .replace(HTTP_STATUS, '')
    .split('; ')
    .map((part) => part.replace(FIELD_PREFIX, '').trim())
    .filter(Boolean)
    .join('; ');
  if (!text || BARE_CODE.test(text)) return 'Something went wrong. Please try again in a moment.';
  return text;
}
